import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../src/json.ts';

// A model of what the hashicorp/kubernetes provider does to a typed resource, written from the provider's
// own code (kubernetes/schema_*.go for the shapes, the expand*/flatten* functions of structure*.go for the
// translation) and independent of core's name table: every API name below is spelled out by hand, never
// looked up in NAME_RULES. `expand` is what the provider sends, `flatten` what it writes back into state on
// refresh (every attribute of every block present, zero when the API has none, plus its own defaults).

/** How a state scalar becomes the API's value (the provider's expand; flatten does the reverse). */
export type Conversion = 'int' | 'intOrString' | 'octal' | 'base64';

interface Common {
  /** The API key, when it is not the plain snake→camel of the attribute name. */
  api?: string;
  /** Never absent in a valid object. */
  required?: boolean;
  /** Server-written (uid, clusterIP): never in a configuration, flatten copies it from the API. */
  computed?: boolean;
  /** Not a field a person edits by hand on the live object (immutable, or the key of an item). */
  noEdit?: boolean;
}

export type Field = Common &
  (
    | { t: 'str'; arb: fc.Arbitrary<string>; convert?: Conversion; flattenDefault?: string }
    | { t: 'int'; arb: fc.Arbitrary<number> }
    | { t: 'bool'; flattenDefault?: boolean }
    /** With `base64`, values are text in state and base64 in the API (a Secret's `data`). */
    | { t: 'map'; arb: fc.Arbitrary<Record<string, string>>; base64?: boolean }
    /**
     * A list (or with `set`, a TypeSet) of scalars. `unordered`: a TypeList whose order means nothing to
     * Kubernetes, which docs/core.md says compares as a set (RBAC and webhook rules).
     */
    | { t: 'strs'; arb: fc.Arbitrary<string[]>; set?: boolean; unordered?: boolean; ints?: boolean }
    | {
        t: 'block';
        fields: Fields;
        /** A max-one block: `[{…}]` in state, an object in the API. */
        one?: boolean;
        /** A max-one block whose attributes the API keeps in the enclosing object. */
        inline?: boolean;
        min?: number;
        max?: number;
        /** Items unique by this attribute (a named list: `name`). */
        key?: string;
        /** Further attributes unique among the items when set (a container port's `name`). */
        unique?: readonly string[];
        /** Exactly one of these blocks is set in each item (a volume's source). */
        oneOf?: readonly string[];
        /** A TypeSet of blocks: state and the API hold the items in unrelated orders. */
        set?: boolean;
      }
  );
export type Fields = Readonly<Record<string, Field>>;
export type BlockField = Extract<Field, { t: 'block' }>;

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const apiKey = (name: string, field: Field) => field.api ?? camel(name);

// --- arbitraries --------------------------------------------------------------------------------------

function itemsArb(field: BlockField): fc.Arbitrary<JsonObject[]> {
  const item = blockArb(field.fields, field.oneOf);
  const max = field.one || field.inline ? 1 : (field.max ?? 2);
  const min = field.min ?? (field.required ? 1 : 0);
  if (field.key !== undefined) {
    const keys = [field.key, ...(field.unique ?? [])];
    const clash = (a: JsonObject, b: JsonObject) =>
      keys.some((key) => a[key] !== undefined && a[key] !== '' && a[key] === b[key]);
    return fc.uniqueArray(item, { minLength: min, maxLength: max, comparator: clash });
  }
  return fc.array(item, { minLength: min, maxLength: max });
}

function fieldArb(field: Field): fc.Arbitrary<JsonValue> {
  switch (field.t) {
    case 'block':
      return itemsArb(field);
    case 'bool':
      return fc.boolean();
    case 'strs':
      return field.set ? field.arb.map((values) => [...new Set(values)]) : field.arb;
    default:
      return field.arb;
  }
}

/** A valid block of a configuration: required attributes always, optional ones sometimes. */
export function blockArb(fields: Fields, oneOf?: readonly string[]): fc.Arbitrary<JsonObject> {
  const entries = Object.entries(fields).filter(([name, field]) => !field.computed && !oneOf?.includes(name));
  const record = fc.record(Object.fromEntries(entries.map(([name, field]) => [name, fieldArb(field)])), {
    requiredKeys: entries.filter(([, field]) => field.required).map(([name]) => name),
  }) as fc.Arbitrary<JsonObject>;
  if (oneOf === undefined) return record;
  const sources = oneOf.map((name) =>
    fieldArb({ ...(fields[name] as Field), required: true } as Field).map((value) => ({ [name]: value })),
  );
  return fc.tuple(record, fc.oneof(...sources)).map(([base, source]) => ({ ...base, ...source }));
}

const mapValues = (map: JsonObject, f: (value: JsonValue) => JsonValue): JsonObject =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [key, f(value)]));

// --- set order -----------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The order in which the provider sends a TypeSet of scalars: `(*schema.Set).List()` sorts the items by
 * their hash code as a decimal string (`schema.HashString` / `HashInt`: CRC-32 IEEE of the text).
 */
function sdkSetOrder<T extends string | number>(items: readonly T[]): T[] {
  const code = (item: T) => String(crc32(String(item)));
  return [...items].sort((a, b) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0));
}

/** The order in which a set of strings or numbers is written into the state file: cty's, by value. */
function ctySetOrder(items: readonly string[], numeric: boolean): string[] {
  return [...items].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

// --- expand: state → API -------------------------------------------------------------------------------

function bytesOf(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function expandScalar(value: string, convert: Conversion | undefined): JsonValue {
  if (convert === 'int') return Number(value);
  if (convert === 'intOrString') return /^\d+$/.test(value) ? Number(value) : value;
  if (convert === 'octal') return Number.parseInt(value, 8);
  if (convert === 'base64') return bytesOf(value);
  return value;
}

/**
 * A block of configuration in API shape, as the provider's expand functions build it: zero values are
 * not sent (`if v, ok := in["x"]; ok && v != ""`), max-one blocks become objects, repeated blocks lists.
 */
export function expand(fields: Fields, block: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = block[name];
    if (value === undefined || field.computed) continue;
    const key = apiKey(name, field);
    switch (field.t) {
      case 'str':
        if (value !== '') out[key] = expandScalar(value as string, field.convert);
        break;
      case 'int':
        if (value !== 0) out[key] = value;
        break;
      case 'bool':
        if (value === true) out[key] = true;
        break;
      case 'map':
        if (Object.keys(value as JsonObject).length > 0) {
          out[key] = field.base64
            ? mapValues(value as JsonObject, (v) => bytesOf(v as string))
            : { ...(value as JsonObject) };
        }
        break;
      case 'strs':
        if ((value as JsonValue[]).length > 0) {
          const items = (value as string[]).map((item) => (field.ints ? Number(item) : item));
          out[key] = field.set ? sdkSetOrder(items) : items;
        }
        break;
      case 'block': {
        const items = value as JsonObject[];
        if (items.length === 0) break;
        if (field.inline) Object.assign(out, expand(field.fields, items[0]!));
        else if (field.one) out[key] = expand(field.fields, items[0]!);
        else {
          const expanded = items.map((item) => expand(field.fields, item));
          // A set of blocks reaches the API in the SDK's hash order, unrelated to state's: reversed here.
          out[key] = field.set ? expanded.reverse() : expanded;
        }
      }
    }
  }
  return out;
}

// --- flatten: API → state ------------------------------------------------------------------------------

function textOf(base64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

function flattenScalar(value: JsonValue, convert: Conversion | undefined): string {
  if (convert === 'octal' && typeof value === 'number') return `0${value.toString(8)}`;
  if (convert === 'base64' && typeof value === 'string') return textOf(value);
  return String(value);
}

/**
 * A block of state after refresh, as the provider's flatten functions write it: every attribute present
 * (typed state holds the whole schema), zero where the API has nothing, the provider's own default where
 * its flatten assigns one (`mount_propagation = "None"`).
 */
export function flatten(fields: Fields, object: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, field] of Object.entries(fields)) {
    const key = apiKey(name, field);
    const value = object[key];
    switch (field.t) {
      case 'str':
        out[name] =
          value === undefined || value === null
            ? (field.flattenDefault ?? '')
            : flattenScalar(value, field.convert);
        break;
      case 'int':
        out[name] = typeof value === 'number' ? value : 0;
        break;
      case 'bool':
        out[name] = typeof value === 'boolean' ? value : (field.flattenDefault ?? false);
        break;
      case 'map':
        out[name] =
          value === undefined || value === null
            ? {}
            : field.base64
              ? mapValues(value as JsonObject, (v) => textOf(v as string))
              : { ...(value as JsonObject) };
        break;
      case 'strs': {
        const items = Array.isArray(value) ? value.map(String) : [];
        const ordered = field.set ? ctySetOrder(items, field.ints === true) : items;
        out[name] = field.ints ? ordered.map(Number) : ordered;
        break;
      }
      case 'block':
        if (field.inline) {
          const inner = flatten(field.fields, object);
          out[name] = Object.keys(field.fields).some((n) => object[apiKey(n, field.fields[n]!)] !== undefined)
            ? [inner]
            : [];
        } else if (value === undefined || value === null) out[name] = [];
        else if (field.one) out[name] = [flatten(field.fields, value as JsonObject)];
        else {
          const items = (value as JsonObject[]).map((item) => flatten(field.fields, item));
          out[name] = field.set ? items.reverse() : items;
        }
    }
  }
  return out;
}

// --- hand edits ----------------------------------------------------------------------------------------

/** A scalar of the live object that a configuration sets: its change path and how to edit it there. */
export interface Leaf {
  path: string;
  edit: (object: JsonObject) => void;
}

function edited(value: JsonValue, field: Field): JsonValue {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (field.t === 'str' && field.convert === 'base64') return bytesOf(`${textOf(value as string)}-edited`);
  return `${String(value)}-edited`;
}

function holderAt(root: JsonObject, steps: readonly (string | number)[]): Record<string | number, JsonValue> {
  let at: JsonValue = root;
  for (const step of steps) at = (at as Record<string | number, JsonValue>)[step] as JsonValue;
  return at as Record<string | number, JsonValue>;
}

/**
 * Every scalar (or set, or map value) of a live object that the configuration declares, with the path the
 * CONTRACT gives a change there: named list items by name, others by index, map keys verbatim.
 */
export function leaves(
  fields: Fields,
  object: JsonObject,
  path = '',
  steps: readonly (string | number)[] = [],
  itemKey?: string,
): Leaf[] {
  const found: Leaf[] = [];
  const join = (key: string) => (path === '' ? key : `${path}.${key}`);
  for (const [name, field] of Object.entries(fields)) {
    if (field.computed || field.noEdit || name === itemKey) continue;
    if (field.t === 'block' && field.inline) {
      found.push(...leaves(field.fields, object, path, steps));
      continue;
    }
    const key = apiKey(name, field);
    const value = object[key];
    if (value === undefined || value === null) continue;
    const here = [...steps, key];
    if (field.t === 'block') {
      if (field.one) {
        found.push(...leaves(field.fields, value as JsonObject, join(key), here));
        continue;
      }
      // CONTRACT: items that all have a name are addressed by it (then renaming one is a removal and an
      // addition, not an edit), any other list by index.
      const items = value as JsonObject[];
      const named = items.every((item) => typeof item.name === 'string' && item.name !== '');
      items.forEach((item, index) => {
        const label = named ? (item.name as string) : String(index);
        const skip = named ? 'name' : undefined;
        found.push(...leaves(field.fields, item, `${join(key)}[${label}]`, [...here, index], skip));
      });
    } else if (field.t === 'map') {
      for (const mapKey of Object.keys(value as JsonObject)) {
        found.push({
          path: `${join(key)}.${mapKey}`,
          edit: (root) => {
            const map = holderAt(root, here);
            map[mapKey] = field.base64
              ? bytesOf(`${textOf(map[mapKey] as string)}-edited`)
              : `${String(map[mapKey])}-edited`;
          },
        });
      }
    } else if (field.t === 'strs') {
      // A list of scalars is one leaf: a set compares as a whole, a list item by its index.
      const index = field.set || field.unordered ? null : 0;
      found.push({
        path: index === null ? join(key) : `${join(key)}[0]`,
        edit: (root) => {
          const list = holderAt(root, here) as unknown as JsonValue[];
          list[0] = field.ints ? (list[0] as number) + 1 : `${String(list[0])}-edited`;
        },
      });
    } else {
      found.push({
        path: join(key),
        edit: (root) => {
          const holder = holderAt(root, steps);
          holder[key] = edited(holder[key] as JsonValue, field);
        },
      });
    }
  }
  return found;
}

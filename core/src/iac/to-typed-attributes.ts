import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { ownField } from '../own-field.ts';
import { decodeBase64 } from '../secret/base64.ts';
import { camelToSnake, findApiRule, findInlineRule, type NameRule } from '../state/terraform-names.ts';
import { utf8Decode } from '../utf8-decode.ts';

/** Why an object cannot be written as its typed resource: it then becomes a `kubernetes_manifest`. */
export class UntypedShapeError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'UntypedShapeError';
    this.path = path;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// API keys repeat across every object: translate each once (as the reader's snakeToCamel does).
const SNAKE = new Map<string, string>();

function snakeOf(key: string): string {
  let snake = SNAKE.get(key);
  if (snake === undefined) {
    snake = camelToSnake(key);
    // Keys of user maps never get here (maps are kept whole), but cap it as the reader does.
    if (SNAKE.size < 10_000) SNAKE.set(key, snake);
  }
  return snake;
}

/** `420` → `"0644"`: the provider keeps file modes as octal strings. */
function octal(value: number): string {
  return value.toString(8).padStart(4, '0');
}

function scalar(value: JsonValue, rule: NameRule | undefined, path: string): JsonValue {
  if (rule?.convert === 'octal' && typeof value === 'number') return octal(value);
  if (rule?.convert === 'base64' && typeof value === 'string') {
    // The provider keeps `[]byte` fields (a CA bundle, a CSR's request) as their text: only text decodes.
    const bytes = decodeBase64(value);
    if (bytes === null) throw new UntypedShapeError(path, 'a []byte field that is not base64');
    const text = utf8Decode(bytes);
    if (text === null) throw new UntypedShapeError(path, 'a []byte field that is not text');
    return text;
  }
  return value;
}

function translateValue(
  type: string,
  key: string,
  rule: NameRule | undefined,
  value: JsonValue,
  path: string,
): JsonValue {
  if (rule?.shape === 'map') {
    if (!isJsonObject(value)) throw new UntypedShapeError(path, 'expected a map');
    return value;
  }
  if (Array.isArray(value)) {
    if (!value.some(isJsonObject)) return value.map((item) => scalar(item, rule, path));
    if (!value.every(isJsonObject)) throw new UntypedShapeError(path, 'a list mixing objects and scalars');
    // The reader turns a one-item block list into an object unless the table calls it repeated: such a
    // list cannot come back as a list, so it is not written as typed blocks.
    if (rule?.shape !== 'list' && value.length === 1)
      throw new UntypedShapeError(path, 'a one-item list the table does not know');
    return value.map((item, i) => block(type, key, item as JsonObject, `${path}[${i}]`));
  }
  if (isJsonObject(value)) return [block(type, key, value, path)];
  return scalar(value, rule, path);
}

function block(type: string, within: string, object: JsonObject, path: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (within === '' && (key === 'apiVersion' || key === 'kind')) continue;
    const rule = findApiRule(type, within, key);
    const child = path === '' ? key : `${path}.${key}`;
    if (value === null) continue;
    const name = rule?.state ?? snakeOf(key);
    // A typed resource's attribute and block names are HCL identifiers; a field that cannot be one is not
    // in the provider's schema either.
    if (!IDENTIFIER.test(name)) throw new UntypedShapeError(child, 'a field name that is no attribute name');
    // A field the API keeps here but the provider nests in an `inline` block (a PersistentVolume's
    // `spec.hostPath` is `spec[0].persistent_volume_source[0].host_path`).
    const inline = findInlineRule(type, within, key);
    const target = inline === undefined ? out : inlineBlock(out, inline.state);
    defineField(target, name, translateValue(type, key, rule, value, child));
  }
  return out;
}

function inlineBlock(out: JsonObject, state: string): JsonObject {
  const existing = ownField(out, state);
  if (Array.isArray(existing) && isJsonObject(existing[0])) return existing[0];
  const created: JsonObject = {};
  defineField(out, state, [created]);
  return created;
}

/**
 * A Kubernetes object (API shape) as the attributes of its typed `kubernetes_*` resource, through the same
 * name table the state reader walks forwards: `containers` → `container` blocks, `clusterIP` →
 * `cluster_ip`, a DaemonSet's `updateStrategy` → `strategy`, objects → one-item block lists, maps kept,
 * octal modes as strings. The inverse of `translateTypedAttributes` (less `apiVersion` and `kind`, which
 * the type implies).
 *
 * @throws UntypedShapeError where the object has a shape the typed resource cannot hold.
 * @example
 * toTypedAttributes('kubernetes_config_map_v1', { apiVersion: 'v1', kind: 'ConfigMap',
 *   metadata: { name: 'a', namespace: 'ns' }, data: { K: 'v' } })
 * // { metadata: [{ name: 'a', namespace: 'ns' }], data: { K: 'v' } }
 */
export function toTypedAttributes(type: string, object: JsonObject): JsonObject {
  return block(type, '', object, '');
}

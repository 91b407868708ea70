import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import type { PathSegment } from '../match/change-path.ts';
import { isLeaf, keyNamesItem } from './fields-trie.ts';

/** A live value one managedFields entry owns: a leaf field, or a whole list item the entry added. */
export interface OwnedLeaf {
  segments: PathSegment[];
  live: JsonValue;
  /** True for a list item whose key node carries `.`: the entry added the item itself. */
  item: boolean;
}

function isEmpty(value: JsonValue): boolean {
  return (
    (Array.isArray(value) && value.length === 0) || (isJsonObject(value) && Object.keys(value).length === 0)
  );
}

/** Items are addressed by name when every item has a unique one, as change paths do. */
function namedItems(list: readonly JsonValue[]): boolean {
  const names = new Set<string>();
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.name !== 'string' || item.name === '' || names.has(item.name))
      return false;
    names.add(item.name);
  }
  return true;
}

function walk(node: JsonObject, live: JsonValue, segments: PathSegment[], out: OwnedLeaf[]): void {
  if (isLeaf(node)) {
    if (segments.length > 0 && !isEmpty(live)) out.push({ segments, live, item: false });
    return;
  }
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (key === '.' || !isJsonObject(child)) continue;
    if (key.startsWith('f:')) {
      const field = key.slice(2);
      if (isJsonObject(live) && Object.hasOwn(live, field)) {
        walk(child, live[field] as JsonValue, [...segments, { key: field }], out);
      }
      continue;
    }
    if (!Array.isArray(live)) continue;
    const index = key.startsWith('i:')
      ? Number(key.slice(2))
      : live.findIndex((item) => keyNamesItem(key, item));
    if (!Number.isInteger(index) || index < 0 || index >= live.length) continue;
    const item = live[index] as JsonValue;
    const segment: PathSegment =
      namedItems(live) && isJsonObject(item) ? { name: item.name as string } : { index };
    // CONTRACT: an added item is reported whole; `v:` set values have no fields of their own.
    if (Object.hasOwn(child, '.') || key.startsWith('v:'))
      out.push({ segments: [...segments, segment], live: item, item: true });
    else walk(child, item, [...segments, segment], out);
  }
}

/**
 * What one managedFields entry's `fieldsV1` owns in the live object, as change-path segments with the
 * live values: leaf fields (an atomic list or struct is one leaf), and whole list items whose key node
 * carries `.` (the entry created the item). Paths the live object no longer has are skipped.
 *
 * @example
 * ownedLeaves({ 'f:spec': { 'f:type': {} } }, service) // [{ segments: [spec, type], live: 'NodePort', item: false }]
 */
export function ownedLeaves(fields: JsonObject, live: JsonObject): OwnedLeaf[] {
  const out: OwnedLeaf[] = [];
  walk(fields, live, [], out);
  return out;
}

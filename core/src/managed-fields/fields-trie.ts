import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { listItemName } from '../k8s/list-item-name.ts';
import type { PathSegment } from '../match/change-path.ts';
import { ownField } from '../own-field.ts';

/** A step from a `fieldsV1` node to a child, with the live value it stands for. */
export interface FieldsStep {
  node: JsonObject;
  live: JsonValue | undefined;
}

function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], ownField(b, key)));
  }
  return false;
}

function parseKey(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * True when a `k:{…}` or `v:…` key of `fieldsV1` names this live list item. A `k:` key holds the
 * list's merge-key fields (`{"name":"api"}`, `{"containerPort":8080,"protocol":"TCP"}`,
 * `{"mountPath":"/data"}`), so comparing them with the item's own fields finds it without a table of
 * merge keys per list; a `v:` key is the whole value of an item of a set (`finalizers`).
 */
export function keyNamesItem(key: string, item: JsonValue | undefined): boolean {
  if (item === undefined) return false;
  if (key.startsWith('v:')) return deepEqual(parseKey(key.slice(2)), item);
  if (!key.startsWith('k:') || !isJsonObject(item)) return false;
  const fields = parseKey(key.slice(2));
  if (!isJsonObject(fields)) return false;
  return Object.entries(fields).every(([field, value]) => deepEqual(ownField(item, field), value));
}

/** The child of a list node for the live item at `index`: by key, by set value, else by `i:` index. */
export function itemChild(
  node: JsonObject,
  list: readonly JsonValue[],
  index: number,
): JsonObject | undefined {
  const item = list[index];
  for (const key of Object.keys(node)) {
    if ((key.startsWith('k:') || key.startsWith('v:')) && keyNamesItem(key, item)) {
      const child = node[key];
      return isJsonObject(child) ? child : undefined;
    }
  }
  const byIndex = node[`i:${index}`];
  return isJsonObject(byIndex) ? byIndex : undefined;
}

/**
 * One step down a `fieldsV1` trie along a change path segment: an object key is `f:<key>`, a named
 * list item (`containers[api]`) or an indexed one (`ports[0]`) is found through the live list.
 */
export function stepInto(
  node: JsonObject,
  segment: PathSegment,
  live: JsonValue | undefined,
): FieldsStep | undefined {
  if ('key' in segment) {
    const child = node[`f:${segment.key}`];
    if (!isJsonObject(child)) return undefined;
    return {
      node: child,
      live: isJsonObject(live) && Object.hasOwn(live, segment.key) ? live[segment.key] : undefined,
    };
  }
  if (!Array.isArray(live)) return undefined;
  const index =
    'index' in segment ? segment.index : live.findIndex((item) => listItemName(item) === segment.name);
  if (index < 0 || index >= live.length) return undefined;
  const child = itemChild(node, live, index);
  return child === undefined ? undefined : { node: child, live: live[index] };
}

/** A node with no children: the field (or list, or struct) is owned as a whole (atomic). */
export function isLeaf(node: JsonObject): boolean {
  for (const _ in node) return false;
  return true;
}

/**
 * True when a `fieldsV1` trie owns the path, or part of what is at it: walking down reaches the
 * path's node, or an atomic ancestor (a leaf such as `f:args: {}` owns the whole list below it).
 *
 * @example
 * ownsPath({ 'f:spec': { 'f:replicas': {} } }, deployment, [{ key: 'spec' }, { key: 'replicas' }]) // true
 */
export function ownsPath(fields: JsonObject, live: JsonObject, segments: readonly PathSegment[]): boolean {
  let node = fields;
  let value: JsonValue | undefined = live;
  for (let i = 0; i < segments.length; i++) {
    if (i > 0 && isLeaf(node)) return true;
    const next = stepInto(node, segments[i] as PathSegment, value);
    if (next === undefined) return false;
    node = next.node;
    value = next.live;
  }
  return segments.length > 0;
}

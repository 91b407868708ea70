import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { listItemName } from '../k8s/list-item-name.ts';
import { ownField } from '../own-field.ts';
import type { PathSegment } from './change-path.ts';

/**
 * The value at change-path segments (named list items by `name`), or `undefined`.
 *
 * @example
 * valueAt(service, [{ key: 'spec' }, { key: 'ports' }, { index: 0 }]) // { port: 80, … }
 */
export function valueAt(root: JsonObject, segments: readonly PathSegment[]): JsonValue | undefined {
  let value: JsonValue | undefined = root;
  for (const segment of segments) {
    if ('key' in segment) value = isJsonObject(value) ? ownField(value, segment.key) : undefined;
    else if ('index' in segment) value = Array.isArray(value) ? value[segment.index] : undefined;
    else value = Array.isArray(value) ? value.find((item) => listItemName(item) === segment.name) : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

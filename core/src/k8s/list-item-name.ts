import { isJsonObject, type JsonValue } from '../json.ts';

/**
 * The name a change path gives a list item (`containers[api]`), or `null` when it has none: its `name`,
 * else, for a Node's taint (no name; the API keys taints by key and effect), `<key>:<effect>`
 * (`taints[dedicated:NoSchedule]`).
 *
 * @example
 * listItemName({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }) // 'dedicated:NoSchedule'
 */
export function listItemName(item: JsonValue | undefined): string | null {
  if (!isJsonObject(item)) return null;
  if (typeof item.name === 'string') return item.name === '' ? null : item.name;
  if (typeof item.key === 'string' && typeof item.effect === 'string' && item.key !== '')
    return `${item.key}:${item.effect}`;
  return null;
}

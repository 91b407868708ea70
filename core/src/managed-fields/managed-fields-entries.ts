import { isJsonObject, type JsonObject } from '../json.ts';
import { rfc3339Millis } from './rfc3339-millis.ts';

/** One `metadata.managedFields` entry, read for attribution. */
export interface ManagedFieldsEntry {
  manager: string;
  /** `Update` or `Apply`. */
  operation: string;
  /** `scale`, `status`, …; `null` for the main resource. */
  subresource: string | null;
  /** As the API wrote it (RFC 3339), `null` when absent. */
  time: string | null;
  /** `time` as epoch milliseconds; `-Infinity` when absent or unreadable (older than everything). */
  millis: number;
  /** The `fieldsV1` trie (`f:` fields, `k:{…}` keyed items, `v:` set values, `i:` indexes, `.` itself). */
  fields: JsonObject;
  /** Position in the list: among equal times the later entry wins. */
  position: number;
}

/**
 * The readable entries of an object's `metadata.managedFields`, in list order. Entries without a
 * manager or a `FieldsV1` trie say nothing about who owns what and are left out.
 *
 * @example
 * managedFieldsEntries(deployment)[0] // { manager: 'HashiCorp', operation: 'Update', subresource: null, … }
 */
export function managedFieldsEntries(object: JsonObject): ManagedFieldsEntry[] {
  const metadata = object.metadata;
  const list = isJsonObject(metadata) ? metadata.managedFields : undefined;
  if (!Array.isArray(list)) return [];
  const entries: ManagedFieldsEntry[] = [];
  list.forEach((entry, position) => {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string' || !isJsonObject(entry.fieldsV1)) return;
    const time = typeof entry.time === 'string' ? entry.time : null;
    entries.push({
      manager: entry.manager,
      operation: typeof entry.operation === 'string' ? entry.operation : '',
      subresource:
        typeof entry.subresource === 'string' && entry.subresource !== '' ? entry.subresource : null,
      time,
      millis: rfc3339Millis(time) ?? Number.NEGATIVE_INFINITY,
      fields: entry.fieldsV1,
      position,
    });
  });
  return entries;
}

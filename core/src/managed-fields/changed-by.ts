import type { JsonObject } from '../json.ts';
import type { PathSegment } from '../match/change-path.ts';
import type { ChangedBy } from '../model.ts';
import { ownsPath } from './fields-trie.ts';
import type { ManagedFieldsEntry } from './managed-fields-entries.ts';

/** The entry of `entries` that last wrote the path: the newest that owns it, the later one on a tie. */
export function owningEntry(
  entries: readonly ManagedFieldsEntry[],
  live: JsonObject,
  segments: readonly PathSegment[],
): ManagedFieldsEntry | null {
  let best: ManagedFieldsEntry | null = null;
  for (const entry of entries) {
    if (best !== null && entry.millis < best.millis) continue;
    if (ownsPath(entry.fields, live, segments)) best = entry;
  }
  return best;
}

/**
 * CONTRACT `changes[].changed_by`: who last wrote the live value at a change path, from the live
 * object's `metadata.managedFields` (see {@link managedFieldsEntries}). The entries whose field set owns
 * the path — for an added list item, the item's key — compete; the newest `time` wins, and among equal
 * times the later entry in the list. `null` when none covers it (or the object has no managedFields).
 *
 * @example
 * changedBy(managedFieldsEntries(tracker), tracker, [{ key: 'spec' }, { key: 'replicas' }])
 * // { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2025-04-22T09:14:03Z' }
 */
export function changedBy(
  entries: readonly ManagedFieldsEntry[],
  live: JsonObject,
  segments: readonly PathSegment[],
): ChangedBy | null {
  const entry = owningEntry(entries, live, segments);
  return entry === null ? null : toChangedBy(entry);
}

/** The CONTRACT's `changed_by` object of an entry. */
export function toChangedBy(entry: ManagedFieldsEntry): ChangedBy {
  return {
    manager: entry.manager,
    operation: entry.operation,
    subresource: entry.subresource,
    time: entry.time,
  };
}

import type { DriftChange } from '@driftwise/core';
import type { StoredDriftItem } from './stored-drift-item.ts';

type Stored = Omit<StoredDriftItem, 'accepted' | 'changes'> & {
  accepted?: boolean;
  changes: (Omit<DriftChange, 'changed_by'> & { changed_by?: DriftChange['changed_by'] })[];
};

/**
 * A stored drift item as the drift route serves it. Items stored before `changed_by` and `accepted`
 * existed get `changed_by: null` (the managedFields they came from are not kept) and
 * `accepted: false` (no baseline existed), with the keys in the CONTRACT's order; current items are
 * served as stored.
 */
export function servedDriftItem(item: Stored): StoredDriftItem {
  if (item.accepted !== undefined && item.changes.every((change) => change.changed_by !== undefined)) {
    return item as StoredDriftItem;
  }
  const { accepted = false, changes, first_seen_scan_id, first_seen_at, ...rest } = item;
  return {
    ...rest,
    changes: changes.map(({ path, iac, live, severity, changed_by = null, ...flags }) => ({
      path,
      iac,
      live,
      severity,
      changed_by,
      ...flags,
    })),
    first_seen_scan_id,
    first_seen_at,
    accepted,
  };
}

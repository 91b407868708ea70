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
  const { status, resource_id, normalized_type, namespace, name, severity, iac, changes, ignored } = item;
  return {
    status,
    resource_id,
    normalized_type,
    namespace,
    name,
    severity,
    iac,
    changes: changes.map(({ path, iac: iacValue, live, severity: level, changed_by = null, ...flags }) => ({
      path,
      iac: iacValue,
      live,
      severity: level,
      changed_by,
      ...flags,
    })),
    ignored,
    ...(item.ignore_rule === undefined ? {} : { ignore_rule: item.ignore_rule }),
    first_seen_scan_id: item.first_seen_scan_id,
    first_seen_at: item.first_seen_at,
    accepted: item.accepted ?? false,
  };
}

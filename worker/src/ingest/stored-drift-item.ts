import type { DriftItem } from '@driftwise/core';

/** A drift item as stored and served: core's item plus when this drift was first seen for the cluster. */
export interface StoredDriftItem extends DriftItem {
  first_seen_scan_id: string;
  first_seen_at: string;
}

import type { DriftChange, DriftItem, DriftSummary } from '@driftwise/core';

/** A scan as `GET /scans/latest` and `GET /scans` return it (CONTRACT "Scans and drift"). */
export interface Scan {
  id: string;
  cluster_id: string;
  /** The namespace the report covered; `"*"` for a whole-cluster report. */
  namespace: string;
  created_at: string;
  resource_count: number;
  summary: Partial<DriftSummary>;
}

/** A drift item as the API returns it: core's item plus when this drift was first seen. */
export interface ApiDriftItem extends DriftItem {
  first_seen_scan_id?: string;
  first_seen_at?: string;
}

/** The body of `GET /scans/:scan_id/drift`. */
export interface ScanDrift {
  scan_id: string;
  cluster_id: string;
  namespace: string;
  created_at: string;
  summary: DriftSummary;
  items: ApiDriftItem[];
}

export type { DriftChange };

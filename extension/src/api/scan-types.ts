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

/** Who last wrote a live value, from the object's `metadata.managedFields` (CONTRACT `changes[].changed_by`). */
export interface ChangedBy {
  manager: string;
  operation: string;
  subresource: string | null;
  time: string;
}

/**
 * A change as the API returns it: core's change plus who made it and whether Terraform declares the field.
 * The new fields are optional: a server older than the contract's current shape leaves them out.
 */
export interface ApiDriftChange extends Omit<DriftChange, 'changed_by'> {
  changed_by?: ChangedBy | null;
  /** True when the IaC side does not declare the field and a person's tool wrote it (`iac` is `null`). */
  undeclared?: true;
}

/** A drift item as the API returns it: core's item plus first-seen, baseline and attribution fields. */
export interface ApiDriftItem extends Omit<DriftItem, 'changes' | 'accepted'> {
  changes: ApiDriftChange[];
  first_seen_scan_id?: string;
  first_seen_at?: string;
  /** True when the item equals one of an accepted baseline: shown, but as information. */
  accepted?: boolean;
}

/** A warning on a scan's drift (`empty_scope`, `no_state_source`, `skipped_terraform_types`, …). */
export interface DriftWarning {
  code: string;
  message: string;
}

/** The body of `GET /scans/:scan_id/drift`, every page's items joined. */
export interface ScanDrift {
  scan_id: string;
  cluster_id: string;
  namespace: string;
  created_at: string;
  summary: Omit<DriftSummary, 'accepted'> & { accepted?: number };
  warnings?: DriftWarning[];
  items: ApiDriftItem[];
}

/** One entry of `GET /drift-events` (CONTRACT "Drift history"): what changed in an item between two scans. */
export interface DriftEvent {
  id: string;
  type: 'appeared' | 'changed' | 'resolved';
  scan_id: string;
  at: string;
  cluster_id: string;
  namespace: string;
  resource_id: string;
  status: string;
  severity: string;
  changes: ApiDriftChange[];
}

/** The body of `GET /scans/:scan_id/iac`: `{ iac: GeneratedIac }` (CONTRACT "IaC generation"). */
export interface GeneratedIac {
  format: 'terraform' | 'terraform-json' | 'opentofu' | string;
  scope: string;
  content: string;
  resource_count: number;
  warnings: DriftWarning[];
}

export type { DriftChange };

import type { DriftSummary, IacResource } from '@driftwise/core';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';

export interface OrgRow {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiKeyRow {
  id: string;
  orgId: string;
  name: string;
  scopes: string[];
  prefix: string;
  keyHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CloudAccountRow {
  id: string;
  provider: string;
  externalId: string;
  createdAt: string;
}

export interface StateSourceRow {
  id: string;
  orgId: string;
  name: string;
  clusterId: string | null;
  serial: number;
  lineage: string;
  terraformVersion: string;
  resourceCount: number;
  k8sResourceCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScanRow {
  seq: number;
  id: string;
  orgId: string;
  clusterId: string;
  namespace: string;
  createdAt: string;
  resourceCount: number;
  summary: DriftSummary;
  driftSetId: string;
  bodyHash: string;
  inputsHash: string;
  generateIac: boolean;
}

/** A member's role in an org (CONTRACT "Dashboard and sign-in"). */
export type MemberRole = 'owner' | 'admin' | 'viewer';

export interface MemberRow {
  orgId: string;
  /** Lowercased. */
  email: string;
  role: MemberRole;
  createdAt: string;
}

export interface ScanFilter {
  clusterId?: string | undefined;
  namespace?: string | undefined;
}

/** One live object as the store keeps it: canonical id, content hash and JSON text. */
export interface LiveRecord {
  resourceId: string;
  contentHash: string;
  /** Minified JSON of the stored object. */
  json: string;
}

/** Everything one report writes, in one atomic unit. */
export interface ScanWrite {
  scan: Omit<ScanRow, 'seq' | 'driftSetId'> & { iacFormat: string; customPrompt: string };
  cloudAccount: { id: string; provider: string; externalId: string; createdAt: string };
  /** The report's scope of the cluster's live state: `*` or the namespace. */
  scope: string;
  /** Objects new or changed since the stored live state. */
  upserts: LiveRecord[];
  /** Objects of the stored live state that the report no longer has. */
  deletes: string[];
  driftItems: StoredDriftItem[];
}

/**
 * The worker's persistence. Handlers see only this interface; `D1Store` implements it on D1 with drizzle,
 * and another driver (libSQL/Turso) can implement it the same way.
 */
export interface Store {
  createOrg(org: OrgRow): Promise<void>;
  getOrg(id: string): Promise<OrgRow | undefined>;
  /** Every org, oldest first (the admin's list; the number of orgs is small). */
  listOrgs(): Promise<OrgRow[]>;

  createApiKey(key: ApiKeyRow): Promise<void>;
  listApiKeys(orgId: string): Promise<ApiKeyRow[]>;
  findApiKeysByPrefix(prefix: string): Promise<ApiKeyRow[]>;
  /** Sets `revoked_at` (kept if already set); false when the key is not the org's. */
  revokeApiKey(orgId: string, keyId: string, at: string): Promise<boolean>;
  /** Sets `last_used_at = at` unless it is already newer than `olderThan`. */
  touchApiKey(keyId: string, at: string, olderThan: string): Promise<void>;

  listCloudAccounts(orgId: string): Promise<CloudAccountRow[]>;

  getStateSource(orgId: string, name: string): Promise<StateSourceRow | undefined>;
  listStateSources(orgId: string): Promise<StateSourceRow[]>;
  /** Replaces the source (row and IaC resources) atomically. */
  putStateSource(source: StateSourceRow, resources: IacResource[]): Promise<void>;
  deleteStateSource(orgId: string, name: string): Promise<boolean>;
  /** IaC resources of the sources that apply to a cluster: scoped to it, or unscoped. */
  listIacResources(orgId: string, clusterId: string): Promise<IacResource[]>;

  getIgnoreRules(orgId: string): Promise<string | undefined>;
  putIgnoreRules(orgId: string, text: string, at: string): Promise<void>;

  /** `resource_id → content_hash` of the stored live state of a cluster's scope. */
  liveHashes(orgId: string, clusterId: string, scope: string): Promise<Map<string, string>>;
  /** Writes a whole scan atomically: nothing is stored if any part fails. */
  writeScan(write: ScanWrite): Promise<void>;
  /**
   * Fingerprint of what, besides the report itself, decides a cluster's drift: the state sources that
   * apply to it (id, lineage, serial, upload time) and the org's ignore rules (upload time).
   */
  inputsFingerprint(orgId: string, clusterId: string): Promise<string>;
  /** The newest scan of the org made from a request body with this hash. */
  findScanByBodyHash(orgId: string, bodyHash: string): Promise<ScanRow | undefined>;
  /**
   * Records a new scan with the result of `previousId`, in one statement that only writes while
   * `previousId` is still the newest scan of its cluster and namespace. False when it was not.
   */
  repeatScan(previousId: string, scan: { id: string; createdAt: string }): Promise<boolean>;

  listScans(orgId: string, filter: ScanFilter, limit: number, beforeSeq?: number): Promise<ScanRow[]>;
  getScan(orgId: string, scanId: string): Promise<ScanRow | undefined>;
  driftItems(scan: ScanRow): Promise<StoredDriftItem[]>;

  // --- dashboard and sign-in (w2-dashboard) ---
  listMembers(orgId: string): Promise<MemberRow[]>;
  /** The memberships of an email (lowercased), in every org. */
  membershipsOf(email: string): Promise<MemberRow[]>;
  /** Adds the member, or changes the role of an existing one (keeping `createdAt`). */
  putMember(member: MemberRow): Promise<void>;
  /** False when the email is not a member of the org. */
  removeMember(orgId: string, email: string): Promise<boolean>;
}

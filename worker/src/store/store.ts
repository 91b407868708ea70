import type {
  DriftEventType,
  DriftSummary,
  DriftWarning,
  IacResource,
  IacResult,
  StateSourceInfo,
} from '@driftwise/core';
import type { EventChangeWithAuthor } from '../ingest/event-changes.ts';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import type { BatchStore } from './batch-store.ts';

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
  /** `null` (with `lineage`) for `terraform show -json` output, which has neither: it always replaces. */
  serial: number | null;
  lineage: string | null;
  terraformVersion: string;
  resourceCount: number;
  k8sResourceCount: number;
  /** Managed resource types the state reader did not read → instance count. */
  skippedTypes: Record<string, number>;
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
  /** The drift's warnings, computed when the scan was made. */
  warnings: DriftWarning[];
  driftSetId: string;
  bodyHash: string;
  inputsHash: string;
  generateIac: boolean;
  /** The rules the drift was matched under, when the live rows' match hashes describe this scan (issue 9). */
  matchContext: string | null;
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
  /** What the object's drift depended on when this scan matched it (issue 9); null: not recorded. */
  matchHash: string | null;
}

/** The hashes a live row keeps (see {@link LiveRecord}). */
export interface LiveHashes {
  contentHash: string;
  matchHash: string | null;
}

/** Everything one report writes, in one atomic unit. */
export interface ScanWrite {
  scan: Omit<ScanRow, 'seq' | 'driftSetId'> & { iacFormat: string; customPrompt: string };
  cloudAccount: { id: string; provider: string; externalId: string; createdAt: string };
  /** The report's scope of the cluster's live state: `*` or the namespace. */
  scope: string;
  /**
   * `seq` of the newest scan of the scope when the live state was read (null: none). The write happens only
   * while it still is, so the upserts and deletes, computed against that state, are never applied to
   * another report's (issue 7, defect 5).
   */
  expectedSeq: number | null;
  /** Objects new or changed since the stored live state. */
  upserts: LiveRecord[];
  /** Objects of the stored live state that the report no longer has. */
  deletes: string[];
  /** Objects whose content is unchanged but whose match hash is not the stored one (issue 9). */
  matchHashes: { resourceId: string; matchHash: string | null }[];
  driftItems: StoredDriftItem[];
  /** The generated IaC when the report asked for it (`generate_iac`), stored in the same atomic unit. */
  iac?: IacResult | undefined;
  /** The scan's drift events (core's `driftEvents` against the previous scan of the scope), in order. */
  events: DriftEventRow[];
  /** The outbox: one delivery per webhook with something to send about this scan. */
  deliveries: { id: string; webhookId: string }[];
  /** Batches (issue 9): the claimed batch this scan completes, marked `done` in the same transaction. */
  completesBatch?: { id: string; resourceCount: number } | undefined;
}

/** The sort key of a drift item: status, resource id, the IaC origin's state source and address. */
export type DriftItemKey = [status: string, resourceId: string, stateSource: string, address: string];

/** What a stored chunk of drift items holds: its first and last item's key, its statuses and severities. */
export type DriftChunkSummary = [
  first: DriftItemKey,
  last: DriftItemKey,
  statuses: string[],
  severities: string[],
];

/** Which items a page of drift wants (see {@link Store.driftItemsPage}). */
export interface DriftPageQuery {
  /** False when no item of the chunk can match (the filter and the cursor decide). */
  mayMatch(chunk: DriftChunkSummary): boolean;
  matches(item: StoredDriftItem): boolean;
  limit: number;
}

/** Up to `limit` matching items, in drift order, and whether more match after them. */
export interface DriftPage {
  items: StoredDriftItem[];
  more: boolean;
}

/** A drift event as stored (w2-history, issue 14). */
export interface DriftEventRow {
  id: string;
  type: DriftEventType;
  resourceId: string;
  status: string;
  severity: string;
  /** The item was accepted (for `resolved`: in the scan before). */
  accepted: boolean;
  /** Core's changes with who last wrote each live value (absent on events stored before it was kept). */
  changes: EventChangeWithAuthor[];
}

/** A webhook as stored; `secretBox` is the encrypted signing secret. */
export interface WebhookRow {
  id: string;
  orgId: string;
  url: string;
  events: string[];
  minSeverity: string;
  format: string;
  secretBox: string;
  createdAt: string;
}

/** A delivery the dispatcher claimed: its webhook and what it is about. */
export interface DueDelivery {
  id: string;
  orgId: string;
  scanId: string;
  attempts: number;
  createdAt: string;
  webhook: WebhookRow;
}

/** One recorded attempt of a delivery. */
export interface DeliveryAttemptRow {
  deliveryId: string;
  scanId: string;
  at: string;
  status: 'succeeded' | 'failed';
  responseCode: number | null;
  error: string | null;
  /** The delivery's state after this attempt's outcome was recorded. */
  deliveryState: string;
  attempt: number;
}

/** A delivery as the dashboard's Notifications page shows it: its state and every attempt, oldest first. */
export interface DeliveryRow {
  id: string;
  webhookId: string;
  scanId: string;
  /** `pending`, `delivered` or `failed` (retries exhausted). */
  state: string;
  /** When the next attempt is due; meaningful while `pending`. */
  nextAttemptAt: string;
  createdAt: string;
  attempts: {
    at: string;
    status: 'succeeded' | 'failed';
    responseCode: number | null;
    error: string | null;
  }[];
}

/** A stored drift event with its scan's scope and time, as `GET …/drift-events` serves it. */
export interface ListedDriftEvent extends DriftEventRow {
  seq: number;
  scanId: string;
  at: string;
  clusterId: string;
  namespace: string;
}

/** Filters of {@link Store.listDriftEvents}; `since` is inclusive (an RFC 3339 UTC time). */
export interface DriftEventFilter extends ScanFilter {
  resourceId?: string | undefined;
  /** Only the events of this scan (the webhook dispatcher's payload). */
  scanId?: string | undefined;
  since?: string | undefined;
}

/**
 * The worker's persistence. Handlers see only this interface; `SqlStore` implements it with drizzle, on
 * D1 (Workers) and on libSQL (Node, Deno) alike.
 */
export interface Store {
  /** Staged parts of batched reports (issue 9). */
  readonly batches: BatchStore;

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
  /**
   * Replaces the source (row and IaC resources) atomically, unless the stored source has the same lineage
   * and a higher serial: then nothing is written and the stored row is returned (a 409 `stale_state`). The
   * check and the write are one transaction, so concurrent uploads cannot both pass it. A source without a
   * serial (`terraform show -json`) always replaces, and is always replaced.
   */
  putStateSource(source: StateSourceRow, resources: IacResource[]): Promise<StateSourceRow | undefined>;
  deleteStateSource(orgId: string, name: string): Promise<boolean>;
  /** IaC resources of the sources that apply to a cluster: scoped to it, or unscoped. */
  listIacResources(orgId: string, clusterId: string): Promise<IacResource[]>;
  /** The sources that apply to a cluster, by name, with the types their reader skipped (for warnings). */
  applicableStateSources(orgId: string, clusterId: string): Promise<StateSourceInfo[]>;

  getIgnoreRules(orgId: string): Promise<string | undefined>;
  putIgnoreRules(orgId: string, text: string, at: string): Promise<void>;

  /** The stored JSON of one live object (joined from its parts when it was stored in parts). */
  liveObject(
    orgId: string,
    clusterId: string,
    scope: string,
    resourceId: string,
  ): Promise<string | undefined>;
  /** `resource_id → { content_hash, match_hash }` of the stored live state of a cluster's scope. */
  liveHashes(orgId: string, clusterId: string, scope: string): Promise<Map<string, LiveHashes>>;
  /**
   * Writes a whole scan atomically: nothing is stored if any part fails. False, with nothing written, when
   * another scan of the scope landed after `expectedSeq`: read the live state again and recompute.
   */
  writeScan(write: ScanWrite): Promise<boolean>;
  /**
   * Fingerprint of what, besides the report itself, decides a cluster's drift: the state sources that
   * apply to it (id, lineage, serial, upload time), the org's ignore rules (upload time) and the cluster's
   * baselines (scan, time accepted).
   */
  inputsFingerprint(orgId: string, clusterId: string): Promise<string>;
  /** The newest scan of the org made from a request body with this hash. */
  findScanByBodyHash(orgId: string, bodyHash: string): Promise<ScanRow | undefined>;
  /**
   * Records a new scan with the result of `previousId`, in one statement that only writes while
   * `previousId` is still the newest scan of its cluster and namespace. False when it was not.
   */
  repeatScan(previousId: string, scan: { id: string; createdAt: string }): Promise<boolean>;

  /**
   * Retention: deletes the scans created before `before` except the newest of each org, cluster and
   * namespace, then every drift set, drift chunk and value part that nothing references any more. One
   * transaction, so a concurrent report either sees the rows it reuses or writes them again.
   */
  purgeScans(before: string): Promise<{ scans: number }>;

  listScans(orgId: string, filter: ScanFilter, limit: number, beforeSeq?: number): Promise<ScanRow[]>;
  getScan(orgId: string, scanId: string): Promise<ScanRow | undefined>;
  driftItems(scan: ScanRow): Promise<StoredDriftItem[]>;
  /**
   * Issue 9: one page of a scan's drift, reading only the chunks that can hold its items (`mayMatch` of
   * each chunk's summary), in order, until `limit` + 1 items `matches` (so `more` is known).
   */
  driftItemsPage(scan: ScanRow, page: DriftPageQuery): Promise<DriftPage>;
  /** The generated IaC of a scan of the org; undefined when the scan did not ask for it (or is not there). */
  scanIac(orgId: string, scanId: string): Promise<IacResult | undefined>;

  // --- dashboard and sign-in (w2-dashboard) ---
  listMembers(orgId: string): Promise<MemberRow[]>;
  /** The memberships of an email (lowercased), in every org. */
  membershipsOf(email: string): Promise<MemberRow[]>;
  /** Adds the member, or changes the role of an existing one (keeping `createdAt`). */
  putMember(member: MemberRow): Promise<void>;
  /** False when the email is not a member of the org. */
  removeMember(orgId: string, email: string): Promise<boolean>;

  // ---- w2-history: drift events and the baseline (issue 14) ----

  /** Drift events of the org, newest first (highest `seq`), below `beforeSeq` when given. */
  listDriftEvents(
    orgId: string,
    filter: DriftEventFilter,
    limit: number,
    beforeSeq?: number,
  ): Promise<ListedDriftEvent[]>;
  /**
   * The newest `perResource` events of each of `resourceIds` in one cluster and namespace, at or before
   * `until` (a scan's time), newest first: the dashboard's history lines for a page of a scan's items in
   * one query per 50 resources, where `listDriftEvents` would take one per resource.
   */
  recentDriftEvents(
    orgId: string,
    scope: { clusterId: string; namespace: string; resourceIds: readonly string[]; until: string },
    perResource: number,
  ): Promise<ListedDriftEvent[]>;
  /** Hashed fingerprints of the accepted drift of a cluster and namespace (empty: no baseline). */
  baselineFingerprints(orgId: string, clusterId: string, namespace: string): Promise<Set<string>>;
  /** Makes `scan`'s drift the baseline of its scope, replacing any other, in one transaction. */
  acceptScan(scan: ScanRow, fingerprints: string[], at: string): Promise<void>;
  /**
   * Withdraws the baseline that accepted scan `scanId` (also after retention removed the scan); false when
   * no baseline is that scan's (nothing done).
   */
  withdrawBaseline(orgId: string, scanId: string): Promise<boolean>;

  // ---- w2-history: webhooks and their outbox (issue 14) ----

  createWebhook(webhook: WebhookRow): Promise<void>;
  listWebhooks(orgId: string): Promise<WebhookRow[]>;
  /** False when the webhook is not the org's. Its deliveries and attempts go with it. */
  deleteWebhook(orgId: string, webhookId: string): Promise<boolean>;
  /** The webhook's latest attempts, newest first; undefined when the webhook is not the org's. */
  listDeliveryAttempts(
    orgId: string,
    webhookId: string,
    limit: number,
  ): Promise<DeliveryAttemptRow[] | undefined>;
  /**
   * One page of the webhook's deliveries, newest first, with the total; undefined when the webhook is not
   * the org's.
   */
  listDeliveries(
    orgId: string,
    webhookId: string,
    page: { limit: number; offset: number },
  ): Promise<{ deliveries: DeliveryRow[]; total: number } | undefined>;
  /** The newest delivery of each of the org's webhooks that has one, by webhook id. */
  latestDeliveries(orgId: string): Promise<Map<string, DeliveryRow>>;
  /**
   * Claims up to `limit` pending deliveries due at `now`: each is moved to `leaseUntil` in a statement that
   * only succeeds while it is still due, so two dispatchers never send the same attempt.
   */
  claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<DueDelivery[]>;
  /** Records an attempt and the delivery's new state (`pending` with `nextAttemptAt`, `delivered`, `failed`). */
  recordAttempt(
    delivery: DueDelivery,
    attempt: {
      at: string;
      status: 'succeeded' | 'failed';
      responseCode: number | null;
      error: string | null;
    },
    next: { state: 'pending' | 'delivered' | 'failed'; nextAttemptAt: string },
  ): Promise<void>;
  /** When the earliest pending delivery is due (undefined: none), for the Durable Object's next alarm. */
  nextDeliveryDue(): Promise<string | undefined>;
}

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The one drizzle schema of the worker's store. Migrations in ../../../migrations are generated from
// this file by drizzle-kit (`npm run db:generate -w worker`) and never edited after they land.
// Timestamps are ISO-8601 UTC strings with milliseconds; ids are UUIDs made by the worker.
// See docs/data-model.md for why the tables look the way they do.

/** An organization: the tenant every other row belongs to. */
export const orgs = sqliteTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
});

/** API keys: only the HMAC-SHA-256 of the raw key under `API_KEY_PEPPER` is stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** JSON array of scopes (`[]` = unrestricted). */
    scopes: text('scopes').notNull(),
    /** The first characters of the raw key (`dw2_` + 8), shown in lists and used to find the row. */
    prefix: text('prefix').notNull(),
    /** Hex HMAC-SHA-256 of the raw key under the pepper. */
    keyHash: text('key_hash').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_prefix').on(t.prefix), index('api_keys_org').on(t.orgId)],
);

/** One synthetic account per org and cluster: provider `kubernetes`, external id `k8s:<cluster_id>`. */
export const cloudAccounts = sqliteTable(
  'cloud_accounts',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('cloud_accounts_org_external').on(t.orgId, t.externalId)],
);

/** A Terraform state upload, by name per org; `cluster_id` null = applies to every cluster. */
export const stateSources = sqliteTable(
  'state_sources',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    clusterId: text('cluster_id'),
    /** −1 (`NO_SERIAL`, lineage `''`) for `terraform show -json` output, which has neither: no-serial.ts. */
    serial: integer('serial').notNull(),
    lineage: text('lineage').notNull(),
    terraformVersion: text('terraform_version').notNull(),
    resourceCount: integer('resource_count').notNull(),
    k8sResourceCount: integer('k8s_resource_count').notNull(),
    /** JSON object: managed resource types the state reader did not read → instance count. */
    skippedTypes: text('skipped_types').notNull().default('{}'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('state_sources_org_name').on(t.orgId, t.name)],
);

/** The Kubernetes resources of a state source, as core's `IacResource` JSON (Secret values hashed). */
export const iacResources = sqliteTable(
  'iac_resources',
  {
    stateSourceId: text('state_source_id')
      .notNull()
      .references(() => stateSources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    resourceId: text('resource_id').notNull(),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stateSourceId, t.position] })],
);

/**
 * The current live state of each cluster, per report scope (`*` or a namespace): one row per object with
 * a content hash, so an unchanged report writes nothing here.
 */
export const liveResources = sqliteTable(
  'live_resources',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id').notNull(),
    scope: text('scope').notNull(),
    resourceId: text('resource_id').notNull(),
    /** SHA-256 (hex) of `object`. */
    contentHash: text('content_hash').notNull(),
    /** The object as reported, minus `status`, `managedFields` and `resourceVersion`; Secret values hashed. */
    object: text('object').notNull(),
    /**
     * Issue 9 (incremental ingest): SHA-256 of what the object's drift depends on (its content, its
     * relevant managedFields, the IaC resources declaring it, an HPA scaling it), as the newest scan of the
     * scope matched it; null when that scan did not record one (a batch, duplicate ids).
     */
    matchHash: text('match_hash'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.clusterId, t.scope, t.resourceId] })],
);

/**
 * The drift items of a scan, as an ordered list of chunks (`drift_set_chunks`). Content-addressed: `id` is
 * the SHA-256 of the org and the chunk ids, so a scan with unchanged drift points at the stored set and
 * adds no row here.
 */
export const driftSets = sqliteTable('drift_sets', {
  id: text('id').primaryKey(),
  orgId: text('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
});

/**
 * Issue 9: the chunks of a drift set, one row each, in item order (`position`). A row per chunk rather than
 * a JSON list on the set: a 100,000-item drift has ~3,000 chunks, whose ids alone (~210 KB) would pass
 * D1's 100 KB statement limit. `summary` is what the chunk holds, for paging: JSON
 * `[first key, last key, statuses, severities]` (a key is `[status, resource_id, state_source, address]`);
 * null for sets stored before summaries existed (a page then reads every chunk).
 */
export const driftSetChunks = sqliteTable(
  'drift_set_chunks',
  {
    setId: text('set_id')
      .notNull()
      .references(() => driftSets.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull(),
    position: integer('position').notNull(),
    chunkId: text('chunk_id').notNull(),
    summary: text('summary'),
  },
  (t) => [
    primaryKey({ columns: [t.setId, t.position] }),
    // The purge asks, per chunk, whether any set still lists it.
    index('drift_set_chunks_chunk').on(t.orgId, t.chunkId),
  ],
);

/**
 * Runs of consecutive drift items, content-addressed (`id` = SHA-256 of the org and the items). Chunk
 * boundaries depend on the items' own ids, not on their positions, so one changed item rewrites one chunk
 * instead of every chunk after it.
 */
export const driftChunks = sqliteTable('drift_chunks', {
  id: text('id').primaryKey(),
  orgId: text('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  /** JSON array of drift items (with `first_seen_*`). */
  items: text('items').notNull(),
});

/** One row per accepted report. `seq` orders scans (newest = highest) and backs the pagination cursor. */
export const scanRuns = sqliteTable(
  'scan_runs',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    cloudAccountId: text('cloud_account_id')
      .notNull()
      .references(() => cloudAccounts.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id').notNull(),
    namespace: text('namespace').notNull(),
    createdAt: text('created_at').notNull(),
    resourceCount: integer('resource_count').notNull(),
    /** JSON of the drift summary. */
    summary: text('summary').notNull(),
    /** JSON array of the drift's warnings (`empty_scope`, `no_state_source`, …), as computed at ingest. */
    warnings: text('warnings').notNull().default('[]'),
    driftSetId: text('drift_set_id').notNull(),
    /** SHA-256 of the request body: an identical body can reuse this scan's result. */
    bodyHash: text('body_hash').notNull(),
    /** Fingerprint of the other inputs of the drift (applicable state sources, ignore rules) at the time. */
    inputsHash: text('inputs_hash').notNull(),
    generateIac: integer('generate_iac', { mode: 'boolean' }).notNull(),
    iacFormat: text('iac_format').notNull(),
    customPrompt: text('custom_prompt').notNull(),
    /**
     * Issue 9: SHA-256 of the rules this scan's drift was matched under (matcher version, scope, ignore
     * text); the next scan of the scope reuses an unchanged object's items only under the same rules. Null
     * when the live rows' `match_hash` do not describe this scan (a batch, duplicate ids, older scans).
     */
    matchContext: text('match_context'),
  },
  (t) => [
    uniqueIndex('scan_runs_id').on(t.id),
    index('scan_runs_org_cluster_ns').on(t.orgId, t.clusterId, t.namespace, t.seq),
    index('scan_runs_org_seq').on(t.orgId, t.seq),
    index('scan_runs_org_body').on(t.orgId, t.bodyHash),
  ],
);

/** The org's `.driftignore` text, as uploaded; parsed when a report arrives. */
export const ignoreRules = sqliteTable('ignore_rules', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  text: text('text').notNull().default(sql`''`),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Parts of JSON texts too large for one D1 statement or row (live objects, IaC resources, drift chunks):
 * the owning column then holds a parts reference (`@parts:<id>:<count>`) and the text is here, cut into
 * `count` consecutive parts. Content-addressed (`id` = SHA-256 of the org and the whole text), so an
 * unchanged large object writes no part again. D1 allows 2,000,000 bytes per row and 100,000 bytes per
 * statement (https://developers.cloudflare.com/d1/platform/limits/): parts stay under the statement size.
 */
export const valueParts = sqliteTable(
  'value_parts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id, t.position] })],
);

/**
 * The generated IaC of a scan that asked for it (`generate_iac`), in parts so that no row passes D1's
 * 2 MB limit: `content` is the code cut into pieces (in `part` order), `meta` the rest of the result
 * (`format`, `scope`, `resource_count`, `warnings` as JSON) on part 0 only.
 */
export const scanIac = sqliteTable(
  'scan_iac',
  {
    scanId: text('scan_id')
      .notNull()
      .references(() => scanRuns.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    meta: text('meta'),
    content: text('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scanId, t.part] })],
);

/**
 * Dashboard members (w2-dashboard): an OIDC-verified email's role in an org. The email is stored lowercased,
 * so the ID token's `email` claim finds its rows whatever its case.
 */
export const members = sqliteTable(
  'members',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** `owner | admin | viewer` (CONTRACT "Dashboard and sign-in"). */
    role: text('role').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.email] }), index('members_email').on(t.email)],
);

// ---- w2-history: drift events and the baseline (issue 14) ----

/**
 * What changed in the drift between consecutive scans of a cluster and namespace (core's `driftEvents`),
 * written in the scan's own atomic write. `seq` orders events (newest = highest) and backs the cursor;
 * events of one scan get consecutive `seq`s in `resource_id` order. Retention: an event goes with its scan.
 */
export const driftEvents = sqliteTable(
  'drift_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    scanId: text('scan_id').notNull(),
    clusterId: text('cluster_id').notNull(),
    namespace: text('namespace').notNull(),
    at: text('at').notNull(),
    type: text('type').notNull(),
    resourceId: text('resource_id').notNull(),
    status: text('status').notNull(),
    severity: text('severity').notNull(),
    /** The item was accepted (for `resolved`: in the scan before); webhooks leave accepted items out. */
    accepted: integer('accepted', { mode: 'boolean' }).notNull().default(false),
    /** JSON array of `{ path, iac, live, changed_by }` (older events lack `changed_by`), or a parts reference. */
    changes: text('changes').notNull(),
  },
  (t) => [
    uniqueIndex('drift_events_id').on(t.id),
    index('drift_events_org_seq').on(t.orgId, t.seq),
    index('drift_events_org_scope_seq').on(t.orgId, t.clusterId, t.namespace, t.seq),
    // One resource's history (the extension's hover, the Scan page's lines): without it both read every
    // event of the scope, 100,000 after a large cluster's first scan.
    index('drift_events_org_scope_resource_seq').on(t.orgId, t.clusterId, t.namespace, t.resourceId, t.seq),
    index('drift_events_scan').on(t.scanId),
  ],
);

/**
 * The baseline of a cluster and namespace (`POST …/scans/:scan_id/accept`): one row per accepted drift item,
 * holding the SHA-256 of core's `driftFingerprint` (status, resource, changes with values). Accepting another
 * scan of the scope replaces the rows; `DELETE` removes them.
 */
export const baselineItems = sqliteTable(
  'baseline_items',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id').notNull(),
    namespace: text('namespace').notNull(),
    /** The scan whose drift was accepted. */
    scanId: text('scan_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    acceptedAt: text('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.clusterId, t.namespace, t.fingerprint] })],
);

/**
 * Which scan is the baseline of a scope, and since when: one row per scope with a baseline (also when the
 * accepted scan had no drift, so withdrawing it is still a 204), read by the inputs fingerprint so the
 * repeat-report shortcut never reuses a result computed under another baseline.
 */
export const baselines = sqliteTable(
  'baselines',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clusterId: text('cluster_id').notNull(),
    namespace: text('namespace').notNull(),
    scanId: text('scan_id').notNull(),
    acceptedAt: text('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.clusterId, t.namespace] })],
);

// ---- w2-history: webhooks and their outbox (issue 14) ----

/** A webhook of an org. The signing secret is stored AES-GCM encrypted under a key derived from the pepper. */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** JSON array: `drift.appeared`, `drift.resolved`. */
    events: text('events').notNull(),
    minSeverity: text('min_severity').notNull(),
    format: text('format').notNull(),
    /** `v1:<iv base64>:<ciphertext base64>` of the `whsec_…` secret. */
    secretBox: text('secret_box').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('webhooks_org').on(t.orgId)],
);

/**
 * The outbox: one row per webhook and scan with something to send, inserted in the scan's atomic write and
 * sent after it by the dispatcher. The payload is built at send time from the scan's stored events.
 * Retention: a delivery goes with its scan.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** Also the Standard Webhooks `webhook-id`: the same on every retry, so receivers can deduplicate. */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    scanId: text('scan_id').notNull(),
    /** `pending`, `delivered` or `failed` (retries exhausted). */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due; a dispatcher claims a row by moving this forward. */
    nextAttemptAt: text('next_attempt_at').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_scan').on(t.scanId),
  ],
);

/** Every attempt of a delivery, with the receiver's response code or the error. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id').notNull(),
    at: text('at').notNull(),
    /** `succeeded` or `failed`. */
    status: text('status').notNull(),
    responseCode: integer('response_code'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_webhook').on(t.webhookId, t.seq)],
);

// ── Batches (issue 9): a scope too large for one body arrives in parts, staged here until the last ──

/**
 * One batch of report parts per org and client-chosen id. `options` is the JSON of everything every part
 * must agree on (cluster, namespace, total and the report options); `state` goes `open` → `claimed` (one
 * completing part is making the scan) → `done` (`scan_id` set, in the scan's own transaction), or `open`
 * → `expired` after 15 minutes (the staged rows go; the row stays a day so that late parts get a 409).
 */
export const reportBatches = sqliteTable(
  'report_batches',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    clusterId: text('cluster_id').notNull(),
    namespace: text('namespace').notNull(),
    total: integer('total').notNull(),
    options: text('options').notNull(),
    state: text('state').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    scanId: text('scan_id'),
    resourceCount: integer('resource_count'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('report_batches_expires').on(t.expiresAt)],
);

/** A staged part: how many objects it had and a hash of them (a re-send must be the same part). */
export const reportBatchParts = sqliteTable(
  'report_batch_parts',
  {
    orgId: text('org_id').notNull(),
    batchId: text('batch_id').notNull(),
    partIndex: integer('part_index').notNull(),
    objectCount: integer('object_count').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.batchId, t.partIndex] })],
);

/**
 * Staged objects: one row per object (core's `LiveResource` JSON, Secret values already hashed), in
 * pieces below the statement limit when it is large, so no raw value and no whole batch is ever held in
 * one row or one statement.
 */
export const reportBatchObjects = sqliteTable(
  'report_batch_objects',
  {
    orgId: text('org_id').notNull(),
    batchId: text('batch_id').notNull(),
    partIndex: integer('part_index').notNull(),
    position: integer('position').notNull(),
    piece: integer('piece').notNull(),
    /** The object's own namespace ('' for cluster-scoped ones): the completing part reads one at a time. */
    namespace: text('namespace').notNull(),
    text: text('text').notNull(),
    /** UTF-8 bytes of `text`, so a page can be cut by size from the index alone (0: staged before it existed). */
    bytes: integer('bytes').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.batchId, t.partIndex, t.position, t.piece] }),
    // The completing part's read order, covering the page's size window (`bytes`) without the texts.
    index('report_batch_objects_read').on(
      t.orgId,
      t.batchId,
      t.namespace,
      t.partIndex,
      t.position,
      t.piece,
      t.bytes,
    ),
  ],
);

/**
 * The stored form of each staged object (`live_resources`' resource id, content hash and object, large
 * objects as `@parts:` references into `value_parts`), so that the completing part's transaction copies
 * the live state from here in SQL instead of holding every object in memory.
 */
export const reportBatchLive = sqliteTable(
  'report_batch_live',
  {
    orgId: text('org_id').notNull(),
    batchId: text('batch_id').notNull(),
    partIndex: integer('part_index').notNull(),
    position: integer('position').notNull(),
    resourceId: text('resource_id').notNull(),
    contentHash: text('content_hash').notNull(),
    object: text('object').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.batchId, t.partIndex, t.position] })],
);

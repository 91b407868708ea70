import {
  type DriftItem,
  driftEvents,
  generateIac,
  type IacResource,
  type IacResult,
  type LivePartition,
  type LiveResource,
  MATCHER_VERSION,
  matchContexts,
  matchDrift,
  matchDriftInPartitions,
  type OperatorReportRequest,
  parseIgnoreRules,
  parsePersonTools,
  relevantManagedFields,
  type SecretHasher,
  toLiveResources,
} from '@driftwise/core';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { ProblemError } from '../http/problem-error.ts';
import { applyCustomPrompt, type LlmEndpoint } from '../iac/apply-custom-prompt.ts';
import type { LiveHashes, LiveRecord, Store } from '../store/store.ts';
import { deliverableEvents } from '../webhooks/deliverable-events.ts';
import { applyBaseline } from './apply-baseline.ts';
import { eventChanges } from './event-changes.ts';
import { keyedMutex } from './keyed-mutex.ts';
import type { StoredDriftItem } from './stored-drift-item.ts';
import { storedLiveObject } from './stored-live-object.ts';

/** Options of {@link ingestReport}. */
export interface IngestReportOptions {
  store: Store;
  orgId: string;
  secretHasher: SecretHasher;
  /** SHA-256 of the request body, kept so an identical body can reuse this scan ({@link repeatReport}). */
  bodyHash: string;
  now?: () => Date;
  newId?: () => string;
  /** Rounds of the optimistic write before a 503 `busy` (a round is lost only to another report's write). */
  maxAttempts?: number;
  /** Pause before round `attempt` + 1 after a lost round: random, so the losers of a round spread out. */
  retryDelay?: (attempt: number) => Promise<void>;
  /** Queues reports of one scope (default: one queue per isolate); the version check holds without it. */
  lock?: Pick<ReturnType<typeof keyedMutex>, 'run'>;
  /** The model endpoint for `custom_prompt` (unset: the prompt is not applied, with a warning). */
  llmEndpoint?: LlmEndpoint | undefined;
  fetch?: typeof fetch;
  /**
   * Batches (issue 9): the report carries only the options; the live objects are read back from staging one
   * namespace at a time (`partitions`, called once per round), the live state is copied from staging by
   * the store, and the scan completes the batch `id`.
   */
  batch?: { partitions: () => AsyncIterable<LivePartition>; resourceCount: number; id: string } | undefined;
}

/** Reports of one org, cluster and scope queue in this isolate (see {@link keyedMutex}). */
const scopeLock = keyedMutex();

const jitteredDelay = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * attempt)));

/** What the report route answers. */
export interface IngestedReport {
  scanId: string;
  resourceCount: number;
  /** The generated IaC, when the report asked for it. */
  iac?: IacResult | undefined;
  /** Webhook deliveries the scan put in the outbox (the caller wakes the dispatcher when > 0). */
  deliveries?: number;
}

const driftKey = (item: { status: string; resource_id: string }) => `${item.status} ${item.resource_id}`;

/** SHA-256 of each IaC resource's JSON, kept as long as the (cached, shared) resource object lives. */
const iacHashes = new WeakMap<IacResource, Promise<string>>();
const iacHash = (resource: IacResource) => {
  let hash = iacHashes.get(resource);
  if (!hash) {
    hash = sha256Hex(JSON.stringify(resource));
    iacHashes.set(resource, hash);
  }
  return hash;
};

/** A stored item as the matcher gave it: without `first_seen_*`, and not yet accepted (the baseline decides). */
function matchedItem(stored: StoredDriftItem): DriftItem {
  const { first_seen_scan_id: _scan, first_seen_at: _at, accepted: _accepted, ...item } = stored;
  return { ...item, accepted: false };
}

/**
 * Turns a validated operator report into a stored scan: live resources (Secret values hashed) → the IaC
 * resources of the cluster's state sources → core's matcher → drift items with `first_seen_*` taken from
 * the previous scan of the same cluster and namespace. Only live objects whose content changed are
 * written, and the whole scan is one atomic write.
 */
export async function ingestReport(
  report: OperatorReportRequest,
  options: IngestReportOptions,
): Promise<IngestedReport> {
  const {
    store,
    orgId,
    secretHasher,
    bodyHash,
    now = () => new Date(),
    newId = () => crypto.randomUUID(),
    maxAttempts = 64,
    retryDelay = jitteredDelay,
    lock = scopeLock,
    llmEndpoint,
    fetch: send,
  } = options;
  const clusterId = report.cluster_id;
  const scope = report.namespace;
  const { batch } = options;
  const live = batch ? [] : toLiveResources(report, { secretHasher });
  const resourceCount = batch?.resourceCount ?? report.resources.length;

  // Later duplicates of an id win, as they would in the cluster's own store.
  const objects = new Map<string, string>();
  for (const resource of live) objects.set(resource.id, JSON.stringify(storedLiveObject(resource.object)));
  const records: LiveRecord[] = await Promise.all(
    [...objects].map(async ([resourceId, json]) => ({
      resourceId,
      contentHash: await sha256Hex(json),
      json,
      matchHash: null,
    })),
  );
  const recordOf = new Map(records.map((record) => [record.resourceId, record]));

  // Optimistic concurrency per cluster and scope (issue 7, defect 5): everything is read at the newest
  // scan's `seq`, and the write lands only while that scan is still the newest. A report that lost the race
  // reads the state the winner left and computes its own diff against it, so the live rows always equal one
  // report's objects. Each round has a winner, so n simultaneous reports need at most n rounds; within
  // one isolate they queue first, so rounds are lost only to reports handled elsewhere.
  return lock.run(JSON.stringify([orgId, clusterId, scope]), async () => {
    for (let attempt = 1; ; attempt += 1) {
      const written = await attemptIngest();
      if (written) return written;
      if (attempt >= maxAttempts)
        throw new ProblemError(
          503,
          'busy',
          `Too many concurrent reports for ${clusterId} / ${scope}: retry.`,
          {
            headers: { 'Retry-After': '1' },
          },
        );
      await retryDelay(attempt);
    }
  });

  async function attemptIngest(): Promise<IngestedReport | undefined> {
    // The newest scan first: a write landing after this read makes ours fail its check, whichever of the
    // reads below it overtakes.
    const [previousScan] = await store.listScans(orgId, { clusterId, namespace: scope }, 1);
    // The fingerprint is read before the IaC: an upload landing meanwhile then makes the next identical
    // report take this slow path again rather than reuse a result computed from older inputs.
    const inputsHash = await store.inputsFingerprint(orgId, clusterId);
    const [iac, stateSources, ignoreText, storedHashes, previousItems, accepted, hooks] = await Promise.all([
      store.listIacResources(orgId, clusterId),
      store.applicableStateSources(orgId, clusterId),
      store.getIgnoreRules(orgId),
      // A batch's live rows are copied from staging in SQL (ScanWrite.completesBatch): no diff here.
      batch ? new Map<string, LiveHashes>() : store.liveHashes(orgId, clusterId, scope),
      previousScan ? store.driftItems(previousScan) : [],
      store.baselineFingerprints(orgId, clusterId, scope),
      store.listWebhooks(orgId),
    ]);

    // `live` still holds metadata.managedFields here (the stored copy drops them): changed_by and
    // undeclared fields are decided now, once, and stored with the drift.
    const rules = {
      iac,
      namespace: scope,
      ignoreRules: parseIgnoreRules(ignoreText ?? ''),
      personTools: parsePersonTools(ignoreText ?? ''),
      stateSources,
    };
    // Issue 9, incremental ingest: an object whose content and context hash to the match hash its row
    // holds, under the rules of the previous scan, keeps that scan's items (see incrementalMatch).
    const matchContext = batch
      ? null
      : await sha256Hex(`driftwise match v${MATCHER_VERSION}\n${scope}\n${ignoreText ?? ''}`);
    const reuse =
      batch || objects.size !== live.length
        ? undefined
        : await incrementalMatch({
            live,
            iac,
            scope,
            recordOf,
            storedHashes,
            previousItems: previousScan?.matchContext === matchContext ? previousItems : undefined,
          });
    // A batch's objects stream in one namespace at a time; only IaC generation, which names every object of
    // the scan at once, keeps them (so a batch that asks for IaC holds its objects in memory).
    const generatedFrom: LiveResource[] = batch ? [] : live;
    const result = batch
      ? await matchDriftInPartitions({
          ...rules,
          partitions: report.generate_iac ? keeping(batch.partitions(), generatedFrom) : batch.partitions(),
        })
      : matchDrift({ ...rules, live, ...(reuse ? { reuse } : {}) });

    // Generated before anything is written, so the IaC is stored in the same atomic unit as the scan.
    const generated = report.generate_iac
      ? await applyCustomPrompt(
          generateIac({
            live: generatedFrom,
            drift: result,
            format: report.iac_format,
            scope: report.iac_scope,
            clusterId,
            namespace: scope,
          }),
          report.custom_prompt,
          { endpoint: llmEndpoint, ...(send ? { fetch: send } : {}) },
        )
      : undefined;

    const scanId = newId();
    const createdAt = now().toISOString();
    const firstSeen = new Map(previousItems.map((item) => [driftKey(item), item]));
    // w2-history: the baseline read above (part of the inputs fingerprint, so the repeat shortcut agrees).
    const summary = await applyBaseline(result.items, result.summary, accepted);
    const driftItems = withFirstSeen(result.items, firstSeen, scanId, createdAt);
    // w2-history: what changed since the previous scan of the scope, written in the same atomic write.
    const acceptedNow = new Set(driftItems.filter((item) => item.accepted).map((item) => item.resource_id));
    const acceptedBefore = new Set(
      previousItems.filter((item) => item.accepted && !item.ignored).map((item) => item.resource_id),
    );
    const currentChanges = eventChanges(driftItems);
    const previousChanges = eventChanges(previousItems);
    const events = driftEvents(previousItems, driftItems).map((event) => ({
      id: newId(),
      type: event.type,
      resourceId: event.resource_id,
      status: event.status,
      severity: event.severity,
      accepted: (event.type === 'resolved' ? acceptedBefore : acceptedNow).has(event.resource_id),
      changes: (event.type === 'resolved' ? previousChanges : currentChanges)(event),
    }));
    // The outbox: a delivery for each webhook that has something to say about this scan.
    const deliveries = hooks
      .filter((hook) => deliverableEvents(events, hook).length > 0)
      .map((hook) => ({ id: newId(), webhookId: hook.id }));
    const upserts = records.filter(
      (record) => storedHashes.get(record.resourceId)?.contentHash !== record.contentHash,
    );
    const matchHashes = records
      .filter((record) => {
        const stored = storedHashes.get(record.resourceId);
        return stored?.contentHash === record.contentHash && stored.matchHash !== record.matchHash;
      })
      .map(({ resourceId, matchHash }) => ({ resourceId, matchHash }));
    const deletes = [...storedHashes.keys()].filter((id) => !objects.has(id));

    const written = await store.writeScan({
      scan: {
        id: scanId,
        orgId,
        clusterId,
        namespace: scope,
        createdAt,
        resourceCount,
        summary,
        warnings: result.warnings,
        bodyHash,
        inputsHash,
        generateIac: report.generate_iac,
        iacFormat: report.iac_format,
        customPrompt: report.custom_prompt,
        // Null when the rows' match hashes do not describe this scan: the next scan then matches everything.
        matchContext: reuse ? matchContext : null,
      },
      cloudAccount: { id: newId(), provider: 'kubernetes', externalId: `k8s:${clusterId}`, createdAt },
      scope,
      expectedSeq: previousScan?.seq ?? null,
      upserts,
      deletes,
      matchHashes,
      driftItems,
      iac: generated,
      events,
      deliveries,
      completesBatch: batch && { id: batch.id, resourceCount },
    });
    return written ? { scanId, resourceCount, iac: generated, deliveries: deliveries.length } : undefined;
  }
}

/**
 * Issue 9, incremental ingest. Each in-scope object's match hash is the SHA-256 of everything its drift
 * items depend on besides the org's rules: its stored content (content hash), its id, kind, namespace,
 * name, UID and ownership, the managedFields entries that can change an item (`relevantManagedFields`),
 * the IaC resources paired with it and whether an HPA scales it (`matchContexts`, the matcher's own
 * pairing). The hash goes into the record (and so into its row); when the row already holds it and the
 * previous scan was matched under the same rules (`previousItems` given), the object's items in that scan
 * (its `extra` or `changed` ones: both carry the live object's id) are handed back to the matcher in
 * place of a match. The result is the full match's: same inputs, same items.
 */
async function incrementalMatch(options: {
  live: LiveResource[];
  iac: IacResource[];
  scope: string;
  recordOf: ReadonlyMap<string, LiveRecord>;
  storedHashes: ReadonlyMap<string, LiveHashes>;
  previousItems: readonly StoredDriftItem[] | undefined;
}): Promise<(live: LiveResource) => readonly DriftItem[] | undefined> {
  const { live, iac, scope, recordOf, storedHashes, previousItems } = options;
  const kept = new Map<LiveResource, DriftItem[]>();
  const previousOf = new Map<string, DriftItem[]>();
  for (const item of previousItems ?? []) {
    if (item.status === 'missing') continue;
    const list = previousOf.get(item.resource_id) ?? [];
    list.push(matchedItem(item));
    previousOf.set(item.resource_id, list);
  }
  await Promise.all(
    matchContexts({ live, iac, namespace: scope }).map(async (context) => {
      const resource = context.live;
      const record = recordOf.get(resource.id)!;
      record.matchHash = await sha256Hex(
        JSON.stringify([
          record.contentHash,
          resource.id,
          resource.kind,
          resource.namespace,
          resource.name,
          resource.uid,
          resource.controlled,
          context.hpaTarget,
          await Promise.all(context.iac.map(iacHash)),
          relevantManagedFields(resource.object, context.iac),
        ]),
      );
      if (previousItems && storedHashes.get(resource.id)?.matchHash === record.matchHash)
        kept.set(resource, previousOf.get(resource.id) ?? []);
    }),
  );
  return (resource) => kept.get(resource);
}

/**
 * The matched items as stored: `first_seen_*` from the previous scan's item of the same status and resource,
 * else this scan. In place, item by item, so the matcher's items and the stored ones are not both held.
 */
function withFirstSeen(
  items: DriftItem[],
  firstSeen: ReadonlyMap<string, StoredDriftItem>,
  scanId: string,
  createdAt: string,
): StoredDriftItem[] {
  const stored = items as (DriftItem | StoredDriftItem)[];
  for (let index = 0; index < stored.length; index++) {
    const { accepted, ...item } = stored[index]!;
    const seen = firstSeen.get(driftKey(item));
    // The CONTRACT's key order (examples/*/drift.json): first_seen_* after `ignored`, then `accepted`.
    // own-field: an array index
    stored[index] = {
      ...item,
      first_seen_scan_id: seen?.first_seen_scan_id ?? scanId,
      first_seen_at: seen?.first_seen_at ?? createdAt,
      accepted,
    };
  }
  return stored as StoredDriftItem[];
}

/** Passes partitions through, keeping their live objects in `into`. */
async function* keeping(
  partitions: AsyncIterable<LivePartition>,
  into: LiveResource[],
): AsyncIterable<LivePartition> {
  for await (const partition of partitions) {
    into.push(...partition.live);
    yield partition;
  }
}

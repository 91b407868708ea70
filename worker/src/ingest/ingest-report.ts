import {
  type LivePartition,
  matchDrift,
  matchDriftInPartitions,
  type OperatorReportRequest,
  parseIgnoreRules,
  parsePersonTools,
  type SecretHasher,
  toLiveResources,
} from '@driftwise/core';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { LiveRecord, Store } from '../store/store.ts';
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
}

const driftKey = (item: { status: string; resource_id: string }) => `${item.status} ${item.resource_id}`;

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
    })),
  );

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
    const [iac, stateSources, ignoreText, storedHashes, previousItems] = await Promise.all([
      store.listIacResources(orgId, clusterId),
      store.applicableStateSources(orgId, clusterId),
      store.getIgnoreRules(orgId),
      // A batch's live rows are copied from staging in SQL (ScanWrite.completesBatch): no diff here.
      batch ? new Map<string, string>() : store.liveHashes(orgId, clusterId, scope),
      previousScan ? store.driftItems(previousScan) : [],
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
    const result = batch
      ? await matchDriftInPartitions({ ...rules, partitions: batch.partitions() })
      : matchDrift({ ...rules, live });

    const scanId = newId();
    const createdAt = now().toISOString();
    const firstSeen = new Map(previousItems.map((item) => [driftKey(item), item]));
    const driftItems: StoredDriftItem[] = result.items.map(({ accepted, ...item }) => {
      const seen = firstSeen.get(driftKey(item));
      // The CONTRACT's key order (examples/*/drift.json): first_seen_* after `ignored`, then `accepted`.
      return {
        ...item,
        first_seen_scan_id: seen?.first_seen_scan_id ?? scanId,
        first_seen_at: seen?.first_seen_at ?? createdAt,
        accepted,
      };
    });
    const upserts = records.filter((record) => storedHashes.get(record.resourceId) !== record.contentHash);
    const deletes = [...storedHashes.keys()].filter((id) => !objects.has(id));

    const written = await store.writeScan({
      scan: {
        id: scanId,
        orgId,
        clusterId,
        namespace: scope,
        createdAt,
        resourceCount,
        summary: result.summary,
        warnings: result.warnings,
        bodyHash,
        inputsHash,
        generateIac: report.generate_iac,
        iacFormat: report.iac_format,
        customPrompt: report.custom_prompt,
      },
      cloudAccount: { id: newId(), provider: 'kubernetes', externalId: `k8s:${clusterId}`, createdAt },
      scope,
      expectedSeq: previousScan?.seq ?? null,
      upserts,
      deletes,
      driftItems,
      completesBatch: batch && { id: batch.id, resourceCount },
    });
    return written ? { scanId, resourceCount } : undefined;
  }
}

import {
  type LivePartition,
  type LiveResource,
  type OperatorReportRequest,
  REPORT_LIMITS,
  type SecretHasher,
  toLiveResources,
} from '@driftwise/core';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { BatchRow, StagedObject } from '../store/batch-store.ts';
import { ObjectTooLargeError } from '../store/object-too-large-error.ts';
import type { Store } from '../store/store.ts';
import { utf8Length } from '../store/utf8-length.ts';
import { type IngestedReport, type IngestReportOptions, ingestReport } from './ingest-report.ts';
import { storedLiveObject } from './stored-live-object.ts';

/** CONTRACT "Large reports": a batch not completed within 15 minutes expires. */
const BATCH_LIFETIME_MS = 15 * 60_000;
/** CONTRACT "Limits": a single object over 4 MiB is a 413. */
const MAX_OBJECT_BYTES = 4 * 1024 * 1024;

/** Options of {@link ingestBatchPart}. */
export interface IngestBatchPartOptions {
  store: Store;
  orgId: string;
  secretHasher: SecretHasher;
  now?: () => Date;
  newId?: () => string;
  /** How long a completing part that lost the claim waits for the winner's scan before answering 202. */
  waitForScanMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** As for {@link ingestReport}: the custom-prompt endpoint of the completing part's IaC. */
  llmEndpoint?: IngestReportOptions['llmEndpoint'];
  fetch?: typeof fetch;
}

/** A part that left the batch incomplete (202), or the scan the batch made (201). */
export type IngestedBatchPart =
  | { status: 202; batchId: string; received: number; total: number }
  | ({ status: 201 } & IngestedReport);

const conflict = (detail: string) => new ProblemError(409, 'batch_conflict', detail);

/**
 * One part of a batched report (CONTRACT "Large reports: compression and batches"). The part's objects are
 * staged (Secret values hashed first, so nothing raw comes to rest); the part that completes the batch
 * claims it atomically and makes the scan from all staged objects with {@link ingestReport}, exactly as one
 * report of all of them in part order would; the scan and the batch's `done` are one transaction.
 *
 * @example
 * const result = await ingestBatchPart(report, { store, orgId, secretHasher }); // { status: 202, received: 1, total: 3 }
 */
export async function ingestBatchPart(
  report: OperatorReportRequest & { batch: NonNullable<OperatorReportRequest['batch']> },
  options: IngestBatchPartOptions,
): Promise<IngestedBatchPart> {
  const {
    store,
    orgId,
    secretHasher,
    now = () => new Date(),
    newId = () => crypto.randomUUID(),
    waitForScanMs = 30_000,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  } = options;
  const { batch, resources: _resources, ...reportOptions } = report;
  // Everything every part must agree on, in the schema's key order (so parts compare as texts).
  const agreed = JSON.stringify({ ...reportOptions, total: batch.total });
  const at = now();
  await store.batches.purge(at.toISOString());
  const stored = await store.batches.open({
    orgId,
    id: batch.id,
    clusterId: report.cluster_id,
    namespace: report.namespace,
    total: batch.total,
    options: agreed,
    state: 'open',
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + BATCH_LIFETIME_MS).toISOString(),
    scanId: null,
    resourceCount: null,
  });
  if (stored.options !== agreed)
    throw conflict(
      `Part ${batch.index} disagrees with batch ${batch.id} (cluster_id, namespace, total or options): ` +
        'every part of a batch must carry the same ones.',
    );
  if (stored.state === 'expired')
    throw new ProblemError(
      409,
      'batch_expired',
      `Batch ${batch.id} was not completed within 15 minutes and was dropped: send it again under a new id.`,
    );

  const staged = await stage();
  if (stored.state === 'done') return done(stored);
  if (staged.received < batch.total)
    return { status: 202, batchId: batch.id, received: staged.received, total: batch.total };

  if (!(await store.batches.claim(orgId, batch.id))) return awaitWinner();
  try {
    // One namespace at a time (and the cluster-scoped objects on their own): never the whole batch at once.
    // The store gives each namespace's objects together, so a partition ends where the namespace changes.
    async function* partitions(): AsyncIterable<LivePartition> {
      let partition: LivePartition | undefined;
      for await (const { namespace, json } of store.batches.objects(orgId, batch.id)) {
        if (partition && partition.namespace !== namespace) {
          yield partition;
          partition = undefined;
        }
        partition ??= { namespace, live: [] };
        partition.live.push(JSON.parse(json) as LiveResource);
      }
      if (partition) yield partition;
    }
    const ingested = await ingestReport(
      { ...report, resources: [] },
      {
        store,
        orgId,
        secretHasher,
        // Never the hash of a real body: an identical repeat of a batch is not one request (repeat-report.ts).
        bodyHash: await sha256Hex(`batch\n${orgId}\n${batch.id}`),
        now,
        newId,
        llmEndpoint: options.llmEndpoint,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        batch: { partitions, resourceCount: staged.objects, id: batch.id },
      },
    );
    await store.batches.purge(now().toISOString());
    return { status: 201, ...ingested };
  } catch (error) {
    // Let a re-sent part try again rather than leave the batch claimed until it expires.
    await store.batches.release(orgId, batch.id);
    throw error;
  }

  /**
   * Stages the part's objects, emptying `report.resources` once they are texts: from here on the completing
   * part holds one partition of the batch at a time, not its own objects as well. Functions of their own,
   * so that nothing of the part outlives them.
   */
  async function stage() {
    const objects = await stagedObjects();
    // The part is texts now: its parsed objects (the validated body's) can go before it is written.
    report.resources.length = 0;
    const contentHash = await sha256Hex(objects.map((object) => object.json).join('\n'));
    if (stored.state === 'open') {
      const before = await store.batches.progress(orgId, batch.id);
      if (before.objects + objects.length > REPORT_LIMITS.maxBatchObjects)
        throw new ProblemError(
          413,
          'payload_too_large',
          `Batch ${batch.id} would hold more than ${REPORT_LIMITS.maxBatchObjects} objects (the limit per batch).`,
        );
    }
    const staged = await store.batches.stagePart(orgId, batch.id, {
      index: batch.index,
      objects,
      contentHash,
    });
    if (staged.contentHash !== undefined && staged.contentHash !== contentHash)
      throw conflict(`Part ${batch.index} of batch ${batch.id} was already received with other objects.`);
    return staged;
  }

  /** The part's objects as staged texts (Secret values hashed first). */
  async function stagedObjects(): Promise<StagedObject[]> {
    return Promise.all(
      toLiveResources(report, { secretHasher }).map(async (resource) => {
        const json = JSON.stringify(resource);
        const stored = JSON.stringify(storedLiveObject(resource.object));
        const bytes = Math.max(utf8Length(json), utf8Length(stored));
        if (bytes > MAX_OBJECT_BYTES) throw new ObjectTooLargeError(resource.id, bytes, MAX_OBJECT_BYTES);
        const record = {
          resourceId: resource.id,
          contentHash: await sha256Hex(stored),
          json: stored,
          matchHash: null,
        };
        return { json, namespace: resource.namespace, record };
      }),
    );
  }

  function done(row: BatchRow): IngestedBatchPart {
    return { status: 201, scanId: row.scanId!, resourceCount: row.resourceCount ?? 0 };
  }

  /** Another completing part claimed the batch: answer with its scan once it lands. */
  async function awaitWinner(): Promise<IngestedBatchPart> {
    // Every 250 ms: D1 allows 1,000 queries per invocation, and a 50k batch takes seconds to complete.
    for (let waited = 0; waited < waitForScanMs; waited += 250) {
      const row = await store.batches.get(orgId, batch.id);
      if (row?.state === 'done') return done(row);
      if (row?.state !== 'claimed') break;
      await sleep(250);
    }
    return { status: 202, batchId: batch.id, received: batch.total, total: batch.total };
  }
}

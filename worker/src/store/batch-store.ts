import type { LiveRecord } from './store.ts';

/** A batch of report parts as the store keeps it (docs/data-model.md, "Batches"). */
export interface BatchRow {
  orgId: string;
  id: string;
  clusterId: string;
  namespace: string;
  total: number;
  /** JSON of what every part must agree on: the report without `resources` and `batch`, plus `total`. */
  options: string;
  state: 'open' | 'claimed' | 'done' | 'expired';
  createdAt: string;
  expiresAt: string;
  /** The scan the batch made (state `done`). */
  scanId: string | null;
  resourceCount: number | null;
}

/** One staged object: what the matcher reads, and what the live state will store. */
export interface StagedObject {
  /** Core's `LiveResource` as JSON (Secret values hashed, managedFields kept for `changed_by`). */
  json: string;
  /** The object's own namespace, `null` for cluster-scoped objects. */
  namespace: string | null;
  /** Its `live_resources` row: id, content hash and stored JSON. */
  record: LiveRecord;
}

/** One part to stage. */
export interface StagedPart {
  index: number;
  objects: StagedObject[];
  /** SHA-256 of the objects: a re-send of the index must carry the same ones. */
  contentHash: string;
}

/** How far a batch has come. */
export interface BatchProgress {
  /** Parts staged. */
  received: number;
  /** Objects staged, over all parts. */
  objects: number;
}

/**
 * Staging of batch parts (CONTRACT "Large reports: compression and batches"): durable rows, any order,
 * concurrent, idempotent per index, and one atomic claim so that exactly one completing part makes the scan.
 */
export interface BatchStore {
  /** Creates the batch unless it exists, and returns the stored row either way (compare it with the part). */
  open(batch: BatchRow): Promise<BatchRow>;
  get(orgId: string, batchId: string): Promise<BatchRow | undefined>;
  progress(orgId: string, batchId: string): Promise<BatchProgress>;
  /**
   * Stages a part in one transaction, unless its index is staged already or the batch is no longer open
   * (then nothing is written). Returns the content hash of the part stored under the index (undefined when
   * none is) and the batch's progress after it.
   */
  stagePart(
    orgId: string,
    batchId: string,
    part: StagedPart,
  ): Promise<BatchProgress & { contentHash: string | undefined }>;
  /** `open` → `claimed` when every part is staged, in one statement: true for exactly one caller. */
  claim(orgId: string, batchId: string): Promise<boolean>;
  /** `claimed` → `open` again, when making the scan failed (so the next re-sent part can try again). */
  release(orgId: string, batchId: string): Promise<void>;
  /**
   * Every staged `LiveResource` JSON text of the batch with its namespace (`null`: cluster-scoped), ordered by
   * namespace, then part and position: each namespace's objects come together, in report order. Read a
   * page of a few MB at a time, across namespaces (D1 counts every query against the invocation's 1,000).
   */
  objects(orgId: string, batchId: string): AsyncIterable<{ namespace: string | null; json: string }>;
  /**
   * Drops the staged rows of batches that are done, and of batches past `expiresAt` (marked `expired`; a
   * batch claimed but never finished expires 15 minutes later still); deletes rows expired a day ago.
   */
  purge(now: string): Promise<void>;
}

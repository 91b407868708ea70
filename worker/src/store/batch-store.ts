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

/** One part to stage: its objects as JSON texts (core's `LiveResource`, Secret values hashed). */
export interface StagedPart {
  index: number;
  objects: string[];
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
  /** The staged objects in part and position order, read a page at a time. */
  objects(orgId: string, batchId: string): AsyncIterable<string>;
  /**
   * Drops the staged rows of batches that are done, and of batches past `expiresAt` (marked `expired`; a
   * batch claimed but never finished expires 15 minutes later still); deletes rows expired a day ago.
   */
  purge(now: string): Promise<void>;
}

/**
 * Limits on what a client may send (CONTRACT "Limits"). They bound the work one request can cause (the
 * body itself is capped by the worker at 16 MiB by default) and keep every value storable and readable.
 * docs/core.md lists where each is enforced.
 */
export const REPORT_LIMITS = {
  /**
   * Resources in one report: a whole-cluster report of a very large cluster. The worker's body limit
   * (16 MiB by default) binds long before this does; the CLI and benchmarks go up to it.
   */
  maxResources: 100_000,
  /** Nesting depth of one object's `properties`; real Kubernetes objects stay below 20. */
  maxDepth: 64,
  /** Length of identifiers: cluster ids, names, kinds (Kubernetes names are ≤ 253). */
  maxNameLength: 253,
  /** Length of `custom_prompt`. */
  maxPromptLength: 4_000,
  /**
   * Issues a validation reports (CONTRACT "Limits": the first 100 `errors[]`). Validation collects one
   * more than this, so that the caller knows to say `errors_truncated`, and then stops.
   */
  maxIssues: 100,
  /** Parts of one batch (CONTRACT "Large reports: compression and batches"). */
  maxBatchParts: 256,
  /** Objects of one batch, over all its parts. */
  maxBatchObjects: 500_000,
} as const;

/** Limits on a Terraform state upload (CONTRACT "Limits"). */
export const STATE_LIMITS = {
  /** Nesting below an attribute: `attributes.spec[0]…` may go 64 levels deep. */
  maxDepth: 64,
  /** `serial` is a JSON integer that every store reads back: at most 2^53 − 1. */
  maxSerial: Number.MAX_SAFE_INTEGER,
} as const;

/** Limits on a `.driftignore` file (CONTRACT "Limits"). */
export const IGNORE_LIMITS = {
  maxRules: 2_000,
  maxLineLength: 1_024,
} as const;

/**
 * Depth of a JSON value (a scalar is 0, `{}` is 1), stopping as soon as `limit` is passed so a hostile
 * input costs no more than `limit` levels of work per branch (and no more than `limit` stack frames).
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (jsonDepthExceeds(child, limit - 1)) return true;
  return false;
}

/**
 * Limits on what a report may carry. They bound the work one request can cause (the body itself is
 * capped by the worker at 16 MiB by default) and keep every object storable as one D1 row (2 MB).
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
} as const;

/**
 * Depth of a JSON value (a scalar is 0, `{}` is 1), stopping as soon as `limit` is passed so a hostile
 * input costs no more than `limit` levels of work per branch.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (jsonDepthExceeds(child, limit - 1)) return true;
  return false;
}

/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A number in [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): "full jitter" — a uniform draw from
 * [0, min(max, base·2^(attempt−1))] — so that many operators failing together do not retry together
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"). At least 1 ms.
 *
 * @example backoffDelay(3, { baseMs: 1000, random: () => 0.5 }) // 2000
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, maxMs = 60_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.floor(random() * ceiling));
}

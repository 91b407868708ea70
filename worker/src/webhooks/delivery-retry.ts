/** Deliveries are retried for this long after the scan (CONTRACT "Webhooks": 24 hours). */
export const DELIVERY_WINDOW_MS = 24 * 3_600_000;

/**
 * When attempt `attempts + 1` is due after a failure at `now`: exponential backoff (30 s, 1 min, 2 min, …,
 * capped at 1 h) with "equal jitter" (half fixed, half random), so receivers that fail together are not
 * retried together. `failed` once the next attempt would fall outside the 24-hour window.
 *
 * @example
 * deliveryRetry({ attempts: 1, createdAt, now }) // { state: 'pending', nextAttemptAt: now + 30–60 s }
 */
export function deliveryRetry(options: {
  attempts: number;
  createdAt: string;
  now: Date;
  random?: () => number;
  /** The first delay (ms); each later one doubles, up to an hour. */
  baseMs?: number;
}): { state: 'pending' | 'failed'; nextAttemptAt: string } {
  const { attempts, createdAt, now, random = Math.random, baseMs = 30_000 } = options;
  const base = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));
  const next = new Date(now.getTime() + base / 2 + random() * (base / 2));
  if (next.getTime() > Date.parse(createdAt) + DELIVERY_WINDOW_MS)
    return { state: 'failed', nextAttemptAt: now.toISOString() };
  return { state: 'pending', nextAttemptAt: next.toISOString() };
}

/** Limit and window of a {@link slidingWindow} limiter. */
export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
}

/** The limiter's state: times (ms) of the requests accepted within the last window, oldest first. */
export type SlidingWindowState = readonly number[];

/** The answer for one request, with what the `RateLimit-*` and `Retry-After` headers need. */
export interface SlidingWindowDecision {
  allowed: boolean;
  limit: number;
  /** Requests still allowed in the window after this one. */
  remaining: number;
  /**
   * Seconds until the oldest accepted request leaves the window, which frees a slot (so `Retry-After` of a
   * refusal); 0 when the window holds no request.
   */
  resetSeconds: number;
  /** The state to keep for the next request. */
  state: SlidingWindowState;
}

/**
 * A rolling-window log limiter: a request is allowed when fewer than `limit` requests were accepted in the
 * `windowMs` before `now`. Refused requests are not recorded, so a client that keeps retrying gets back in
 * as soon as its oldest accepted request leaves the window. Pure: time comes in as `now`.
 *
 * @example
 * const d = slidingWindow([], 1_000, { limit: 120, windowMs: 60_000 }) // { allowed: true, remaining: 119, … }
 */
export function slidingWindow(
  state: SlidingWindowState,
  now: number,
  { limit, windowMs }: SlidingWindowOptions,
): SlidingWindowDecision {
  const recent = state.filter((at) => at > now - windowMs);
  const allowed = recent.length < limit;
  const kept = allowed ? [...recent, now] : recent;
  const oldest = kept[0];
  const resetSeconds = oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  return { allowed, limit, remaining: Math.max(0, limit - kept.length), resetSeconds, state: kept };
}

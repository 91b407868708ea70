/** Options of {@link createRateBudget}. */
export interface RateBudgetOptions {
  /** Requests allowed per window (CONTRACT: 120 per minute per client IP). */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

/** A sliding-window request budget; see {@link createRateBudget}. */
export interface RateBudget {
  /** Milliseconds to wait before the next request fits the budget (0 = now). */
  waitMs(): number;
  /** Records a request sent now. */
  spend(): void;
  /** The server said 429: nothing is sent before `retryAfterMs` from now. */
  block(retryAfterMs: number): void;
}

/**
 * The operator's own side of the worker's limit: never more than `limit` requests in any `windowMs`, and
 * nothing during a 429's `Retry-After`. Every request counts (reports, batch parts, the hash key GET), as
 * they do on the worker.
 *
 * @example const budget = createRateBudget(); await sleep(budget.waitMs()); budget.spend();
 */
export function createRateBudget({
  limit = 120,
  windowMs = 60_000,
  now = Date.now,
}: RateBudgetOptions = {}): RateBudget {
  const sent: number[] = [];
  let blockedUntil = 0;
  const prune = (at: number) => {
    while (sent.length > 0 && sent[0]! <= at - windowMs) sent.shift();
  };
  return {
    waitMs() {
      const at = now();
      prune(at);
      const forWindow = sent.length < limit ? 0 : sent[sent.length - limit]! + windowMs - at;
      return Math.max(0, forWindow, blockedUntil - at);
    },
    spend() {
      sent.push(now());
    },
    block(retryAfterMs) {
      blockedUntil = Math.max(blockedUntil, now() + retryAfterMs);
    },
  };
}

import { OPERATOR_RATE_LIMIT } from './operator-rate-limit.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { type SlidingWindowDecision, type SlidingWindowOptions, slidingWindow } from './sliding-window.ts';

/** One client's limiter: the Durable Object's `check`, with the window in this process's memory. */
class InProcessRateLimiter implements Pick<RateLimiter, 'check' | 'peek'> {
  #window: readonly number[] = [];

  async check(
    options: SlidingWindowOptions = OPERATOR_RATE_LIMIT,
    now: number = Date.now(),
  ): Promise<Omit<SlidingWindowDecision, 'state'>> {
    // Synchronous from reading to writing the window, so two requests cannot interleave (the Durable
    // Object's input gate gives the same guarantee on Workers).
    const { state, ...decision } = slidingWindow(this.#window, now, options);
    this.#window = state;
    return decision;
  }

  async peek(
    options: SlidingWindowOptions = OPERATOR_RATE_LIMIT,
    now: number = Date.now(),
  ): Promise<Omit<SlidingWindowDecision, 'state'>> {
    const { state: _state, ...decision } = slidingWindow(this.#window, now, options);
    return decision;
  }
}

/** What the `rateLimit()` middleware uses of the `RATE_LIMITER` binding. */
export interface RateLimiterTable {
  idFromName(name: string): string;
  get(id: string): Pick<RateLimiter, 'check' | 'peek'>;
}

/** Options of {@link inProcessRateLimiters}. */
export interface InProcessRateLimitersOptions {
  /**
   * Idle clients are forgotten when more than this many are held: a window whose newest request is older
   * than `windowMs` decides nothing (the oldest one is dropped first otherwise).
   */
  maxClients?: number;
  windowMs?: number;
}

/**
 * The `RATE_LIMITER` binding for Node and Deno: one limiter per client IP in this process, the same
 * `slidingWindow` arithmetic as the Durable Object. Limits are per process: two processes behind one
 * address each allow the full rate.
 *
 * @example
 * const RATE_LIMITER = inProcessRateLimiters();
 * await RATE_LIMITER.get(RATE_LIMITER.idFromName('192.0.2.1')).check(); // { allowed: true, remaining: 119, … }
 */
export function inProcessRateLimiters(options: InProcessRateLimitersOptions = {}): RateLimiterTable {
  const { maxClients = 100_000, windowMs = OPERATOR_RATE_LIMIT.windowMs } = options;
  const limiters = new Map<string, { limiter: InProcessRateLimiter; usedAt: number }>();
  return {
    idFromName: (name) => name,
    get(id) {
      const now = Date.now();
      let entry = limiters.get(id);
      if (entry === undefined) {
        if (limiters.size >= maxClients) {
          for (const [key, { usedAt }] of limiters) if (usedAt <= now - windowMs) limiters.delete(key);
          if (limiters.size >= maxClients) limiters.delete(limiters.keys().next().value!);
        }
        entry = { limiter: new InProcessRateLimiter(), usedAt: now };
      } else {
        limiters.delete(id); // re-inserted below: the Map's order is least recently used first
      }
      entry.usedAt = now;
      limiters.set(id, entry);
      return entry.limiter;
    },
  };
}

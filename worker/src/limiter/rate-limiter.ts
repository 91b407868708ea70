import { DurableObject } from 'cloudflare:workers';
import { OPERATOR_RATE_LIMIT } from './operator-rate-limit.ts';
import { type SlidingWindowDecision, type SlidingWindowOptions, slidingWindow } from './sliding-window.ts';

const STATE_KEY = 'window';

/**
 * One object per client IP (SQLite-backed, `new_sqlite_classes`). The object's input gate serializes the
 * calls, so reading, deciding and writing the window cannot interleave between two requests.
 */
export class RateLimiter extends DurableObject {
  #window: number[] | undefined;

  /** Decides one request at `now` (ms; the caller's clock by default) and records it when allowed. */
  async check(
    options: SlidingWindowOptions = OPERATOR_RATE_LIMIT,
    now: number = Date.now(),
  ): Promise<Omit<SlidingWindowDecision, 'state'>> {
    this.#window ??= (await this.ctx.storage.get<number[]>(STATE_KEY)) ?? [];
    const { state, ...decision } = slidingWindow(this.#window, now, options);
    if (decision.allowed) {
      this.#window = [...state];
      await this.ctx.storage.put(STATE_KEY, this.#window);
    }
    return decision;
  }

  /** What {@link check} would decide at `now`, without recording anything. */
  async peek(
    options: SlidingWindowOptions = OPERATOR_RATE_LIMIT,
    now: number = Date.now(),
  ): Promise<Omit<SlidingWindowDecision, 'state'>> {
    this.#window ??= (await this.ctx.storage.get<number[]>(STATE_KEY)) ?? [];
    const { state: _state, ...decision } = slidingWindow(this.#window, now, options);
    return decision;
  }
}

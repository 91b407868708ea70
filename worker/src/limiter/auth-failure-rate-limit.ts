import type { SlidingWindowOptions } from './sliding-window.ts';

/**
 * CONTRACT "Limits": authentication failures are limited per client IP, a 429 after 60 failures a
 * minute, on every route. Counted in a limiter of its own (`authFailureLimiterName`), apart from the
 * operator route's 120 requests a minute.
 */
export const AUTH_FAILURE_RATE_LIMIT: SlidingWindowOptions = { limit: 60, windowMs: 60_000 };

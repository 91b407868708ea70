import type { SlidingWindowOptions } from './sliding-window.ts';

/** The operator route's limit (CONTRACT): 120 requests per rolling minute per client IP. */
export const OPERATOR_RATE_LIMIT: SlidingWindowOptions = { limit: 120, windowMs: 60_000 };

import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ProblemError } from '../http/problem-error.ts';
import { OPERATOR_RATE_LIMIT } from './operator-rate-limit.ts';
import type { SlidingWindowOptions } from './sliding-window.ts';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  window?: SlidingWindowOptions;
  now?: () => number;
  /** The client's address (default: the `CF-Connecting-IP` header, which Cloudflare sets on Workers). */
  clientIp?: (c: Context<AppEnv>) => string | undefined;
}

/**
 * Limits requests per client IP (`CF-Connecting-IP` unless `clientIp` says otherwise) through the
 * `RATE_LIMITER` binding (the Durable Object on Workers, an in-process table on Node and Deno). Runs before
 * authentication, so unauthenticated floods are limited too; every response of the route carries the
 * `RateLimit-*` headers, and a refusal is a 429 `rate_limited` with `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions = {}): MiddlewareHandler<AppEnv> {
  const {
    window = OPERATOR_RATE_LIMIT,
    now = () => Date.now(),
    clientIp = (c) => c.req.header('CF-Connecting-IP'),
  } = options;
  return async (c, next) => {
    const ip = clientIp(c) ?? 'unknown';
    const limiter = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(ip));
    const decision = await limiter.check(window, now());
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    };
    if (!decision.allowed) {
      throw new ProblemError(
        429,
        'rate_limited',
        `More than ${decision.limit} requests per minute from ${ip}.`,
        {
          headers: { ...headers, 'Retry-After': String(decision.resetSeconds) },
        },
      );
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
    // Errors thrown further down were turned into new responses by onError: label those too.
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/**
 * The `RATE_LIMITER` name of a client's authentication-failure window: a second key space of the same
 * Durable Object class (one object per IP and purpose), so failures never use up the operator route's
 * request budget and requests never hide failures.
 *
 * @example
 * env.RATE_LIMITER.idFromName(authFailureLimiterName('192.0.2.1')); // the object "auth-failures:192.0.2.1"
 */
export function authFailureLimiterName(ip: string): string {
  return `auth-failures:${ip}`;
}

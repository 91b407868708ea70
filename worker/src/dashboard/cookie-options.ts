import type { Context } from 'hono';
import type { CookieOptions } from 'hono/utils/cookie';
import type { AppEnv } from '../app-env.ts';
import { hmacSha256 } from '../crypto/hmac-sha256.ts';
import { toHex } from '../crypto/to-hex.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The attributes of every dashboard cookie: `HttpOnly`, `SameSite=Lax`, path `/`, and `Secure` unless the
 * page is served on a loopback address (where `wrangler dev` and the Node entry speak plain HTTP, and a
 * `Secure` cookie would never come back).
 */
export function cookieOptions(c: Context<AppEnv>, maxAgeSeconds: number): CookieOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: !LOOPBACK.has(new URL(c.req.url).hostname),
    maxAge: maxAgeSeconds,
  };
}

/**
 * A cookie's signing key, derived from the pepper with a label per cookie (so one cookie's value never
 * verifies as another's): no further secret to deploy, and rotating the pepper signs everyone out.
 */
export async function cookieSecret(c: Context<AppEnv>, label: string): Promise<string> {
  const pepper = c.env.API_KEY_PEPPER;
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  return toHex(await hmacSha256(pepper, `driftwise ${label} cookie v1`));
}

import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { cookieOptions, cookieSecret } from './cookie-options.ts';

/** A signed-in person: the admin token's holder (owner of every org) or an OIDC-verified email. */
export type Session = ({ kind: 'admin' } | { kind: 'member'; email: string }) & {
  /** Expiry, ms since the epoch: checked here, not only by the browser's Max-Age. */
  exp: number;
  /** The CSRF token every form of this session carries (synchronizer token, kept in the signed cookie). */
  csrf: string;
};

/** CONTRACT "Browser sessions": 8 hours. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const COOKIE = 'dw_session';

/** The session of the request, or undefined when there is none, its signature is wrong or it expired. */
export async function readSession(c: Context<AppEnv>, now: Date): Promise<Session | undefined> {
  const value = await getSignedCookie(c, await cookieSecret(c, 'session'), COOKIE);
  if (!value) return undefined;
  try {
    const session = JSON.parse(value) as Session;
    return typeof session.exp === 'number' && session.exp > now.getTime() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Sets the signed session cookie (HMAC-SHA-256 by hono's signed cookies) for 8 hours. */
export async function writeSession(
  c: Context<AppEnv>,
  identity: { kind: 'admin' } | { kind: 'member'; email: string },
  options: { now: Date; csrf: string },
): Promise<void> {
  const session: Session = { ...identity, exp: options.now.getTime() + SESSION_TTL_MS, csrf: options.csrf };
  await setSignedCookie(
    c,
    COOKIE,
    JSON.stringify(session),
    await cookieSecret(c, 'session'),
    cookieOptions(c, SESSION_TTL_MS / 1000),
  );
}

/** Signs out: the cookie is removed. */
export function clearSession(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, { path: '/' });
}

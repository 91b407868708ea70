import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { cookieOptions, cookieSecret } from './cookie-options.ts';

/**
 * What a sign-in in progress keeps before there is a session: the sign-in form's CSRF token, or the OIDC
 * flow's `state`, `nonce` and PKCE verifier. In a signed cookie, so the worker keeps no server-side state.
 */
export interface SignInState {
  csrf?: string;
  state?: string;
  nonce?: string;
  verifier?: string;
}

const COOKIE = 'dw_sign_in';
/** Ten minutes to type a token or come back from the identity provider. */
const TTL_SECONDS = 10 * 60;

/** Sets the pre-session cookie. */
export async function writeSignInState(c: Context<AppEnv>, state: SignInState): Promise<void> {
  await setSignedCookie(
    c,
    COOKIE,
    JSON.stringify(state),
    await cookieSecret(c, 'sign-in'),
    cookieOptions(c, TTL_SECONDS),
  );
}

/** The pre-session cookie, or an empty state when it is missing or not ours. */
export async function readSignInState(c: Context<AppEnv>): Promise<SignInState> {
  const value = await getSignedCookie(c, await cookieSecret(c, 'sign-in'), COOKIE);
  if (!value) return {};
  try {
    return JSON.parse(value) as SignInState;
  } catch {
    return {};
  }
}

/** Drops the pre-session cookie once the sign-in it served is over. */
export function clearSignInState(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, { path: '/' });
}

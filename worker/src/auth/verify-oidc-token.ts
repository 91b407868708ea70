import { errors, jwtVerify } from 'jose';
import type { OidcConfig } from './oidc-config.ts';
import { oidcProvider } from './oidc-discovery.ts';

/** Options of {@link verifyOidcToken}. */
export interface VerifyOidcTokenOptions {
  fetch: typeof fetch;
  now: () => Date;
  /** The sign-in's nonce: an ID token from the code flow must carry it (OIDC Core §3.1.3.7). */
  nonce?: string;
}

/** A verified token's person, or why the token is refused. */
export type OidcVerification = { ok: true; email: string } | { ok: false; reason: string };

/**
 * Verifies an OIDC JWT (an ID token, or a bearer token on the JSON API): signature against the issuer's
 * JWKS, `iss`, `aud` = the client id, `exp`/`nbf`, the nonce when given, and a verified `email`, which is
 * what memberships are keyed by. A refused token is a value, not an error: the caller answers 401.
 *
 * @example
 * await verifyOidcToken(jwt, config, { fetch, now: () => new Date() }) // { ok: true, email: 'ana@example.com' }
 */
export async function verifyOidcToken(
  token: string,
  config: OidcConfig,
  options: VerifyOidcTokenOptions,
): Promise<OidcVerification> {
  const provider = await oidcProvider(config.issuer, options.fetch);
  try {
    const { payload } = await jwtVerify(token, provider.keys, {
      issuer: config.issuer,
      audience: config.clientId,
      currentDate: options.now(),
      requiredClaims: ['exp'],
    });
    if (options.nonce !== undefined && payload.nonce !== options.nonce) {
      return { ok: false, reason: 'The ID token is not for this sign-in (nonce).' };
    }
    if (typeof payload.email !== 'string' || payload.email === '') {
      return { ok: false, reason: 'The token carries no email.' };
    }
    // An unverified email could be anyone's: memberships are granted to addresses, not to accounts.
    if (payload.email_verified === false) return { ok: false, reason: 'The token’s email is not verified.' };
    return { ok: true, email: payload.email.toLowerCase() };
  } catch (error) {
    if (error instanceof errors.JOSEError)
      return { ok: false, reason: `The token was refused: ${error.code}.` };
    throw error;
  }
}

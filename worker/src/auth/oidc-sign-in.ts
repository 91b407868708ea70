import { base64url } from 'jose';
import type { OidcConfig } from './oidc-config.ts';
import { oidcProvider } from './oidc-discovery.ts';
import { type OidcVerification, verifyOidcToken } from './verify-oidc-token.ts';

function randomString(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

/** PKCE S256 (RFC 7636 §4.2): base64url(SHA-256(verifier)). */
async function codeChallenge(verifier: string): Promise<string> {
  return base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
}

/**
 * Starts the authorization code flow with PKCE: the authorization URL, and the `state`, `nonce` and code
 * verifier the caller keeps (in a signed cookie) until the callback.
 *
 * @example
 * const { url, state, nonce, verifier } = await startOidcSignIn(config, { redirectUri, fetch });
 */
export async function startOidcSignIn(
  config: OidcConfig,
  options: { redirectUri: string; fetch: typeof fetch },
): Promise<{ url: string; state: string; nonce: string; verifier: string }> {
  const provider = await oidcProvider(config.issuer, options.fetch);
  const state = randomString();
  const nonce = randomString();
  const verifier = randomString();
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: options.redirectUri,
    scope: 'openid email',
    state,
    nonce,
    code_challenge: await codeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, nonce, verifier };
}

/**
 * Finishes the code flow: redeems the code with the verifier at the token endpoint and verifies the ID token
 * ({@link verifyOidcToken}, with the sign-in's nonce). A refused code or token is `{ ok: false }`.
 */
export async function finishOidcSignIn(
  config: OidcConfig,
  options: {
    code: string;
    verifier: string;
    nonce: string;
    redirectUri: string;
    fetch: typeof fetch;
    now: () => Date;
  },
): Promise<OidcVerification> {
  const provider = await oidcProvider(config.issuer, options.fetch);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.verifier,
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (config.clientSecret) {
    // RFC 6749 §2.3.1: client_secret_basic, both parts form-urlencoded first.
    const user = encodeURIComponent(config.clientId);
    const pass = encodeURIComponent(config.clientSecret);
    headers.Authorization = `Basic ${btoa(`${user}:${pass}`)}`;
  } else {
    form.set('client_id', config.clientId);
  }
  const response = await options.fetch(provider.tokenEndpoint, { method: 'POST', headers, body: form });
  const body = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!response.ok || typeof body.id_token !== 'string') {
    return {
      ok: false,
      reason: `The identity provider refused the code (${String(body.error ?? response.status)}).`,
    };
  }
  return verifyOidcToken(body.id_token, config, {
    fetch: options.fetch,
    now: options.now,
    nonce: options.nonce,
  });
}

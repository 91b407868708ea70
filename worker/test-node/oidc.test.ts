// OIDC sign-in and OIDC bearers against a real OpenID provider (oidc-provider from npm) on loopback, with
// the app as the Node entry runs it (libSQL store). The provider's dev interactions log in any name; the
// name is the account's email.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOidcToken } from '../src/auth/verify-oidc-token.ts';
import { createStandaloneApp, type StandaloneApp } from '../src/standalone.ts';
import { ADMIN_TOKEN, asAdmin, example, json, migrationsDir } from './libsql-app.ts';

const CLIENT_ID = 'driftwise-dashboard';
const CLIENT_SECRET = 'a-client-secret-of-the-test';
/** The app is addressed on loopback, so its cookies are not `Secure` and the redirect URI is plain HTTP. */
const APP = 'http://127.0.0.1:8799';

let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let signingJwk: JWK;
let standalone: StandaloneApp;

/** Cookies per origin, enough for the provider's interaction cookies and the app's own. */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      if (/Max-Age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(at + 1));
    }
  }
}

function app(path: string, jar: Jar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.cookies.size > 0) headers.set('Cookie', jar.header());
  return Promise.resolve(
    standalone.app.request(`${APP}${path}`, { ...init, headers }, standalone.bindings),
  ).then((response) => {
    jar.take(response);
    return response;
  });
}

/**
 * Drives the provider from an authorization URL to the redirect back to the client: the login form (any
 * name, here the email), then the consent form. Returns the final redirect URL (with `code` and `state`).
 */
async function authorize(authorizationUrl: string, email: string): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop += 1) {
    const headers = new Headers(init.headers);
    headers.set('Cookie', jar.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.take(response);
    const location = response.headers.get('Location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(APP)) return next;
      url = next.href;
      init = {};
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`provider page without a form (${response.status}): ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? '';
    const fields = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      fields.set('login', email);
      fields.set('password', 'any');
    }
    url = new URL(action, url).href;
    init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    };
  }
  throw new Error('too many redirects at the provider');
}

/** Signs in through the app's own code flow and returns the browser's cookie jar. */
async function signIn(email: string): Promise<{ jar: Jar; response: Response }> {
  const jar = new Jar();
  const start = await app('/sign-in/oidc', jar);
  expect(start.status).toBe(303);
  const back = await authorize(start.headers.get('Location')!, email);
  const response = await app(`${back.pathname}${back.search}`, jar);
  return { jar, response };
}

/** A real ID token of the provider, from a code flow the test runs as the client itself. */
async function idTokenOf(email: string): Promise<string> {
  const verifier = 'v'.repeat(64);
  const challenge = Buffer.from(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  ).toString('base64url');
  const auth = new URL(`${issuer}/auth`);
  auth.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: `${APP}/sign-in/callback`,
    scope: 'openid email',
    state: 's',
    nonce: 'n',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const back = await authorize(auth.href, email);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      redirect_uri: `${APP}/sign-in/callback`,
      code_verifier: verifier,
    }),
  });
  return ((await token.json()) as { id_token: string }).id_token;
}

/** A token signed by hand: the provider's key (or another), with the claims given. */
async function forged(claims: Record<string, unknown>, key: CryptoKey = signingKey, kid = signingJwk.kid!) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: 'ana@example.com', email_verified: true, nonce: 'n', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer((claims.iss as string) ?? issuer)
    .setAudience((claims.aud as string) ?? CLIENT_ID)
    .setSubject('ana@example.com')
    .setIssuedAt(now - 60)
    .setExpirationTime((claims.exp as number) ?? now + 600)
    .sign(key);
}

async function orgWithMember(email: string, role: 'owner' | 'admin' | 'viewer') {
  const org = await standalone.app.request(
    `${APP}/api/v2/admin/orgs`,
    json('POST', { name: 'acme' }, asAdmin),
    standalone.bindings,
  );
  const { id: orgId } = (await org.json()) as { id: string };
  await standalone.store.putMember({
    orgId,
    email,
    role,
    createdAt: new Date().toISOString(),
  });
  return orgId;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  signingJwk = { ...(await exportJWK(pair.privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${APP}/sign-in/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['a-cookie-key-of-the-test'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The ID token carries the email (the dashboard keys memberships by it), not only userinfo.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id, email_verified: true }),
    }),
  });
  server.on('request', provider.callback());
  const vars: Record<string, string> = {
    DRIFTWISE_DATABASE_URL: ':memory:',
    ADMIN_TOKEN,
    API_KEY_PEPPER: 'test-pepper',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
  };
  standalone = await createStandaloneApp({
    env: (name) => vars[name],
    clientIp: () => '127.0.0.1',
    migrationsDir,
  });
});

afterAll(async () => {
  standalone?.client.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('OIDC sign-in', () => {
  it('offers the identity provider instead of the admin token when an issuer is configured', async () => {
    const html = await (await app('/sign-in', new Jar())).text();
    expect(html).toContain('Sign in with your identity provider');
    expect(html).not.toContain('Admin token');
  });

  it('sends the browser to the issuer with PKCE S256, state and nonce', async () => {
    const response = await app('/sign-in/oidc', new Jar());
    const url = new URL(response.headers.get('Location')!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${APP}/sign-in/callback`);
  });

  it('signs a member in through the whole code flow and opens their org', async () => {
    const orgId = await orgWithMember('bea@example.com', 'viewer');
    const { jar, response } = await signIn('bea@example.com');
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dw_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Secure/);
    const settings = await app(`/orgs/${orgId}/settings`, jar);
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('bea@example.com (viewer)');
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const jar = new Jar();
    const start = await app('/sign-in/oidc', jar);
    const back = await authorize(start.headers.get('Location')!, 'cem@example.com');
    back.searchParams.set('state', 'another');
    const response = await app(`${back.pathname}${back.search}`, jar);
    expect(response.status).toBe(400);
    expect(jar.cookies.has('dw_session')).toBe(false);
  });

  it('refuses the admin token form when an issuer is configured', async () => {
    const response = await app('/sign-in', new Jar(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `admin_token=${ADMIN_TOKEN}`,
    });
    expect(response.status).toBe(404);
  });
});

describe('verifyOidcToken', () => {
  const config = () => ({ issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const options = {
    fetch: (i: RequestInfo | URL, init?: RequestInit) => fetch(i, init),
    now: () => new Date(),
  };

  it('accepts a token the provider issued', async () => {
    const token = await idTokenOf('dan@example.com');
    expect(await verifyOidcToken(token, config(), { ...options, nonce: 'n' })).toEqual({
      ok: true,
      email: 'dan@example.com',
    });
  });

  it('refuses a token signed with another key', async () => {
    const other = await generateKeyPair('RS256');
    const token = await forged({}, other.privateKey);
    expect((await verifyOidcToken(token, config(), options)).ok).toBe(false);
  });

  it('refuses a token for another audience', async () => {
    const result = await verifyOidcToken(await forged({ aud: 'someone-else' }), config(), options);
    expect(result).toEqual({ ok: false, reason: 'The token was refused: ERR_JWT_CLAIM_VALIDATION_FAILED.' });
  });

  it('refuses an expired token', async () => {
    const token = await forged({ exp: Math.floor(Date.now() / 1000) - 120 });
    expect(await verifyOidcToken(token, config(), options)).toEqual({
      ok: false,
      reason: 'The token was refused: ERR_JWT_EXPIRED.',
    });
  });

  it('refuses an ID token with another nonce than the sign-in’s', async () => {
    const result = await verifyOidcToken(await forged({ nonce: 'other' }), config(), {
      ...options,
      nonce: 'n',
    });
    expect(result).toEqual({ ok: false, reason: 'The ID token is not for this sign-in (nonce).' });
  });

  it('accepts the hand-signed control token, so the refusals above are about the one claim', async () => {
    expect(await verifyOidcToken(await forged({}), config(), { ...options, nonce: 'n' })).toEqual({
      ok: true,
      email: 'ana@example.com',
    });
  });
});

describe('OIDC bearer on the JSON API', () => {
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const call = (path: string, init: RequestInit = {}) =>
    Promise.resolve(standalone.app.request(`${APP}${path}`, init, standalone.bindings));

  it('accepts a JWT of the issuer on a read route with the member’s role', async () => {
    const orgId = await orgWithMember('eva@example.com', 'viewer');
    const token = await idTokenOf('eva@example.com');
    expect((await call(`/api/v2/orgs/${orgId}/scans`, { headers: bearer(token) })).status).toBe(200);
  });

  it('answers 403 insufficient_scope to a viewer on a mutating route', async () => {
    const orgId = await orgWithMember('fay@example.com', 'viewer');
    const token = await idTokenOf('fay@example.com');
    const response = await call(
      `/api/v2/orgs/${orgId}/api-keys`,
      json('POST', { name: 'k', scopes: ['read'] }, bearer(token)),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('insufficient_scope');
  });

  it('lets an admin member create a key', async () => {
    const orgId = await orgWithMember('gus@example.com', 'admin');
    const token = await idTokenOf('gus@example.com');
    const response = await call(
      `/api/v2/orgs/${orgId}/api-keys`,
      json('POST', { name: 'k', scopes: ['read'] }, bearer(token)),
    );
    expect(response.status).toBe(201);
  });

  it('answers 404 for an org the member does not belong to', async () => {
    await orgWithMember('hal@example.com', 'owner');
    const other = await orgWithMember('someone@example.com', 'owner');
    const token = await idTokenOf('hal@example.com');
    expect((await call(`/api/v2/orgs/${other}/scans`, { headers: bearer(token) })).status).toBe(404);
  });

  it('answers 401 for a token for another audience', async () => {
    const orgId = await orgWithMember('ana@example.com', 'owner');
    const token = await forged({ aud: 'someone-else' });
    expect((await call(`/api/v2/orgs/${orgId}/scans`, { headers: bearer(token) })).status).toBe(401);
  });

  it('answers 403 oidc_not_allowed for a verified JWT on the operator routes', async () => {
    await orgWithMember('ivy@example.com', 'owner');
    const token = await idTokenOf('ivy@example.com');
    const report = await call(
      '/api/v2/operator/report',
      json('POST', example('in-sync').report, bearer(token)),
    );
    expect(report.status).toBe(403);
    expect(((await report.json()) as { code: string }).code).toBe('oidc_not_allowed');
    const key = await call('/api/v2/operator/secret-hash-key', { headers: bearer(token) });
    expect(key.status).toBe(403);
    expect(((await key.json()) as { code: string }).code).toBe('oidc_not_allowed');
  });
});

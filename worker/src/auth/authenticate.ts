import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { constantTimeEqual } from '../crypto/constant-time-equal.ts';
import { ProblemError } from '../http/problem-error.ts';
import { authFailureLimiterName } from '../limiter/auth-failure-limiter-name.ts';
import { AUTH_FAILURE_RATE_LIMIT } from '../limiter/auth-failure-rate-limit.ts';
import type { SlidingWindowOptions } from '../limiter/sliding-window.ts';
import { API_KEY_PREFIX, API_KEY_PREFIX_LENGTH, hashApiKey } from './api-key.ts';
import { memberPrincipal } from './member-principal.ts';
import { oidcConfigOf } from './oidc-config.ts';
import { orgAccess } from './org-access.ts';
import { type Principal, type Scope, scopesAllow } from './principal.ts';

/** Options of {@link authenticate}. */
export interface AuthenticateOptions {
  /** Accept `Authorization: Bearer <ADMIN_TOKEN>` too (admin bootstrap and key routes). */
  admin?: boolean;
  /** Refuse OIDC JWTs with 403 `oidc_not_allowed` (the machine-to-machine operator route). */
  rejectOidc?: boolean;
  /** `last_used_at` is written at most this often per key, so a busy key costs no write per request. */
  touchIntervalMs?: number;
  /** Failed authentications allowed per client IP and window before a 429 (CONTRACT: 60 a minute). */
  failureLimit?: SlidingWindowOptions;
  now?: () => Date;
  /** Fetches the OIDC issuer's discovery document and JWKS (JWT bearers, when an issuer is configured). */
  fetch?: typeof fetch;
}

/** A bearer token of three base64url segments is a JWT, i.e. an OIDC token. */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const unauthorized = (detail: string) => new ProblemError(401, 'unauthorized', detail);

function credentialOf(headers: Headers): { token: string; bearer: boolean } | undefined {
  const apiKey = headers.get('X-API-Key');
  if (apiKey !== null) return { token: apiKey.trim(), bearer: false };
  const authorization = headers.get('Authorization');
  if (authorization === null) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
  return { token: match[1]!.trim(), bearer: true };
}

function requirePepper(pepper: string | undefined): string {
  if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
  return pepper;
}

/**
 * Authenticates the request and puts the {@link Principal} on the context. Answers 401 for a missing,
 * malformed, unknown or revoked key, 403 `insufficient_scope` when the key's scopes do not allow the
 * method, and 403 `oidc_not_allowed` for a JWT where `rejectOidc` is set.
 */
export function authenticate(options: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  const {
    admin = false,
    rejectOidc = false,
    touchIntervalMs = 5 * 60_000,
    failureLimit = AUTH_FAILURE_RATE_LIMIT,
    now = () => new Date(),
    fetch: fetcher = (input, init) => fetch(input, init),
  } = options;
  return async (c, next) => {
    const credential = credentialOf(c.req.raw.headers);
    if (!credential || credential.token === '')
      throw unauthorized('An API key is required (X-API-Key or Bearer).');

    // Guessing is limited per client IP (issue 7, defect 10): checked before the credential is, so a
    // blocked client learns nothing from a right guess either; only a failed credential is counted.
    const ip = c.get('clientIp');
    const failures = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(authFailureLimiterName(ip)));
    const decision = await failures.peek(failureLimit, now().getTime());
    if (!decision.allowed) {
      const headers = {
        'RateLimit-Limit': String(decision.limit),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(decision.resetSeconds),
        'Retry-After': String(decision.resetSeconds),
      };
      throw new ProblemError(
        429,
        'rate_limited',
        `More than ${decision.limit} failed authentications per minute from ${ip}.`,
        { headers },
      );
    }
    let verified: Verified;
    try {
      verified = await verify(c, credential, { admin, rejectOidc, fetch: fetcher, now });
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401)
        await failures.check(failureLimit, now().getTime());
      throw error;
    }

    const { principal, lastUsedAt } = verified;
    if (principal.kind === 'api_key') {
      if (!scopesAllow(principal.scopes, c.req.method)) {
        throw new ProblemError(403, 'insufficient_scope', `This key's scopes do not allow ${c.req.method}.`);
      }
      const at = now();
      if (lastUsedAt === null || Date.parse(lastUsedAt) <= at.getTime() - touchIntervalMs) {
        await c
          .get('store')
          .touchApiKey(
            principal.keyId,
            at.toISOString(),
            new Date(at.getTime() - touchIntervalMs).toISOString(),
          );
      }
    }
    c.set('principal', principal);
    return next();
  };
}

interface Verified {
  principal: Principal;
  lastUsedAt: string | null;
}

/** The principal of a credential, or the 401 / 403 `oidc_not_allowed` it earns. */
async function verify(
  c: Context<AppEnv>,
  { token, bearer }: { token: string; bearer: boolean },
  options: { admin: boolean; rejectOidc: boolean; fetch: typeof fetch; now: () => Date },
): Promise<Verified> {
  const { admin, rejectOidc } = options;
  const adminToken = c.env.ADMIN_TOKEN;
  if (admin && bearer && adminToken && constantTimeEqual(token, adminToken))
    return { principal: { kind: 'admin' }, lastUsedAt: null };
  if (bearer && JWT.test(token)) {
    if (rejectOidc) {
      throw new ProblemError(
        403,
        'oidc_not_allowed',
        'OIDC tokens are not accepted on this route: use an API key.',
      );
    }
    // A verification failure is a 401 and counts against the client's failure budget like a wrong key.
    const config = oidcConfigOf(c.env);
    if (!config) throw unauthorized('OIDC tokens are not accepted: no issuer is configured.');
    const principal = await memberPrincipal(c.get('store'), token, config, {
      fetch: options.fetch,
      now: options.now,
    });
    return { principal, lastUsedAt: null };
  }
  if (!token.startsWith(API_KEY_PREFIX) || token.length < API_KEY_PREFIX_LENGTH) {
    throw unauthorized('The API key is malformed.');
  }

  const hash = await hashApiKey(token, requirePepper(c.env.API_KEY_PEPPER));
  const candidates = await c.get('store').findApiKeysByPrefix(token.slice(0, API_KEY_PREFIX_LENGTH));
  // Compare every candidate in constant time rather than looking the hash up directly.
  const key = candidates.find((candidate) => constantTimeEqual(candidate.keyHash, hash));
  if (!key || key.revokedAt !== null) throw unauthorized('The API key is unknown or revoked.');
  return {
    principal: { kind: 'api_key', orgId: key.orgId, keyId: key.id, scopes: key.scopes as Scope[] },
    lastUsedAt: key.lastUsedAt,
  };
}

/**
 * For `/orgs/:org_id/**`: the admin may reach every org that exists; a key only its own. Anything else is
 * a 404, exactly as for an org that does not exist (CONTRACT: another org's data → 404).
 */
export function requireOrg(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const orgId = c.req.param('org_id') ?? '';
    const principal = c.get('principal');
    const notFound = new ProblemError(404, 'not_found', `Org ${orgId} was not found.`);
    if (principal.kind === 'admin') {
      if (!(await c.get('store').getOrg(orgId))) throw notFound;
    } else {
      const access = orgAccess(principal, orgId);
      if (access === undefined) throw notFound;
      // A member's role is per org, so its method check is here rather than in authenticate().
      if (principal.kind === 'member' && !access.write && !scopesAllow(['read'], c.req.method)) {
        throw new ProblemError(
          403,
          'insufficient_scope',
          `The role ${access.role} does not allow ${c.req.method}.`,
        );
      }
    }
    return next();
  };
}

import type { RateLimiter } from './limiter/rate-limiter.ts';

/**
 * The worker's bindings: `wrangler.toml` (typed in worker-configuration.d.ts by `wrangler types`) plus the
 * two secrets, which `wrangler types` cannot see because they live outside the config.
 */
export interface WorkerEnv {
  DB: D1Database;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  /** Body size limit in bytes (default 16 MiB). */
  MAX_BODY_BYTES?: string;
  /** Bearer token of the admin bootstrap routes; unset = admin routes answer 403. */
  ADMIN_TOKEN?: string;
  /** HMAC key for API key hashes and (derived) Secret value hashes. */
  API_KEY_PEPPER?: string;
  /** OIDC issuer of dashboard sign-in and of JWTs on the JSON API; unset = admin-token sign-in (local). */
  OIDC_ISSUER?: string;
  /** The dashboard's client id at the issuer: the `aud` every accepted ID token and JWT must carry. */
  OIDC_CLIENT_ID?: string;
  /** The dashboard's client secret (a secret), sent to the token endpoint. */
  OIDC_CLIENT_SECRET?: string;
}

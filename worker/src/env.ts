import type { RateLimiter } from './limiter/rate-limiter.ts';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

/**
 * The worker's bindings: `wrangler.toml` (typed in worker-configuration.d.ts by `wrangler types`) plus the
 * two secrets, which `wrangler types` cannot see because they live outside the config.
 */
export interface WorkerEnv {
  /** D1 on Workers; absent on Node and Deno, where `createApp` gets a libSQL store instead. */
  DB?: D1Database;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  /** Days scans are kept (default 30); the newest scan of each cluster and namespace is always kept. */
  SCAN_RETENTION_DAYS?: string;
  /** Body size limit in bytes (default 16 MiB). */
  MAX_BODY_BYTES?: string;
  /** Bearer token of the admin bootstrap routes; unset = admin routes answer 403. */
  ADMIN_TOKEN?: string;
  /** HMAC key for API key hashes and (derived) Secret value hashes. */
  API_KEY_PEPPER?: string;
  /** The OpenAI-compatible chat-completions URL for `custom_prompt` (unset: prompts are not applied). */
  IAC_LLM_URL?: string;
  /** The model named in each chat-completions request. */
  IAC_LLM_MODEL?: string;
  /** Secret: the bearer key of that endpoint. */
  IAC_LLM_API_KEY?: string;
  /** OIDC issuer of dashboard sign-in and of JWTs on the JSON API; unset = admin-token sign-in (local). */
  OIDC_ISSUER?: string;
  /** The dashboard's client id at the issuer: the `aud` every accepted ID token and JWT must carry. */
  OIDC_CLIENT_ID?: string;
  /** The dashboard's client secret (a secret), sent to the token endpoint. */
  OIDC_CLIENT_SECRET?: string;
  /** The webhook outbox's dispatcher (Workers); absent on Node and Deno, where an interval sends instead. */
  WEBHOOK_DISPATCHER?: DurableObjectNamespace<WebhookDispatcher>;
  /** `1`/`true`: local mode (webhooks may be `http://127.0.0.1…`); `npm run dev` sets it. */
  LOCAL_MODE?: string;
  /** First webhook retry delay in ms (default 30,000), doubling after: a knob for tests and local runs. */
  WEBHOOK_RETRY_BASE_MS?: string;
}

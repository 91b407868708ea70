import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { WorkerEnv } from '../env.ts';
import type { Store } from '../store/store.ts';
import type { ResolveHost } from '../webhooks/check-webhook-url.ts';

/** What `createApp` injects: the store factory, the clock, the id generator, the client's address, fetch. */
export interface AppDeps {
  store: (env: WorkerEnv) => Store;
  now: () => Date;
  newId: () => string;
  /**
   * The client's IP for the rate limit. Workers: the `CF-Connecting-IP` header Cloudflare sets. Node and
   * Deno: the socket's peer address, since a header there is whatever the client sends.
   */
  clientIp: (c: Context<AppEnv>) => string | undefined;
  /** Outbound HTTP: the custom-prompt model endpoint, the OIDC issuer's discovery, JWKS and token endpoints; tests pass a stub. */
  fetch: typeof fetch;
  /** Resolves webhook hosts for the SSRF check. Workers: DNS over HTTPS; Node: `node:dns`. */
  resolveHost: ResolveHost;
}

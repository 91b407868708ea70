// Workers entry: wiring only. Bindings come from wrangler.toml (D1 `DB`, Durable Object `RATE_LIMITER`).
import { drizzle } from 'drizzle-orm/d1';
import { createApp } from './create-app.ts';
import type { WorkerEnv } from './env.ts';
import { purgeOldScans } from './retention/purge-old-scans.ts';
import * as schema from './store/schema.ts';
import { SqlStore } from './store/sql-store.ts';

export { RateLimiter } from './limiter/rate-limiter.ts';
export { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  // The `[triggers] crons` of wrangler.toml: the retention purge.
  async scheduled(_controller, env, ctx) {
    if (!env.DB) return;
    const store = new SqlStore(drizzle(env.DB, { schema }));
    ctx.waitUntil(purgeOldScans({ store, retentionDays: env.SCAN_RETENTION_DAYS }));
  },
} satisfies ExportedHandler<WorkerEnv>;

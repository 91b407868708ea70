import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { createApp } from './create-app.ts';
import type { WorkerEnv } from './env.ts';
import { inProcessRateLimiters } from './limiter/in-process-rate-limiter.ts';
import type { AppDeps } from './routes/app-deps.ts';
import { applyMigrations } from './store/apply-migrations.ts';
import { readMigrations } from './store/read-migrations.ts';
import * as schema from './store/schema.ts';
import { SqlStore } from './store/sql-store.ts';

/** The database when `DRIFTWISE_DATABASE_URL` is unset: an embedded libSQL file in the working folder. */
export const DEFAULT_DATABASE_URL = 'file:driftwise.db';

/** Options of {@link createStandaloneApp}. */
export interface StandaloneAppOptions {
  /** Reads a variable of the environment (`process.env`, `Deno.env.get`). */
  env: (name: string) => string | undefined;
  /** The client's address as the server sees it (the socket's peer). */
  clientIp: AppDeps['clientIp'];
  /** The folder of drizzle-kit's SQL migrations, applied before the app is returned. */
  migrationsDir: string;
  /** Resolves webhook hosts for the SSRF check (Node: `node:dns`); default: DNS over HTTPS. */
  resolveHost?: AppDeps['resolveHost'];
}

/** The app of a Node or Deno server, its bindings (pass them to `app.fetch`) and the database client. */
export interface StandaloneApp {
  app: Hono<AppEnv>;
  bindings: WorkerEnv;
  client: Client;
  /** The store the app uses (drizzle's libSQL driver over `client`). */
  store: SqlStore;
  /** The migrations applied at this start. */
  applied: string[];
}

/**
 * The Workers app on @libsql/client: the same `SqlStore` over drizzle's libSQL driver, migrations applied from
 * `migrationsDir` (recorded in `d1_migrations` as wrangler does), and an in-process rate limiter. Database:
 * `DRIFTWISE_DATABASE_URL` (`file:…` embedded, `libsql://…` Turso with `DRIFTWISE_DATABASE_AUTH_TOKEN`).
 *
 * @example
 * const { app, bindings } = await createStandaloneApp({ env: (n) => process.env[n], clientIp, migrationsDir });
 */
export async function createStandaloneApp(options: StandaloneAppOptions): Promise<StandaloneApp> {
  const { env, clientIp, migrationsDir, resolveHost } = options;
  const authToken = env('DRIFTWISE_DATABASE_AUTH_TOKEN');
  const client = createClient({
    url: env('DRIFTWISE_DATABASE_URL') || DEFAULT_DATABASE_URL,
    ...(authToken ? { authToken } : {}),
  });
  try {
    const applied = await applyMigrations(client, await readMigrations(migrationsDir));
    const store = new SqlStore(drizzle(client, { schema }));
    const bindings: WorkerEnv = {
      // The middleware calls only `idFromName(ip)`, `get(id)` and the stub's `check`, which the in-process
      // table has with the Durable Object's own signature (RateLimiterTable); the rest of the namespace
      // API is not used off Workers.
      RATE_LIMITER: inProcessRateLimiters() as unknown as WorkerEnv['RATE_LIMITER'],
      ADMIN_TOKEN: env('ADMIN_TOKEN'),
      API_KEY_PEPPER: env('API_KEY_PEPPER'),
      MAX_BODY_BYTES: env('MAX_BODY_BYTES'),
      IAC_LLM_URL: env('IAC_LLM_URL'),
      IAC_LLM_MODEL: env('IAC_LLM_MODEL'),
      IAC_LLM_API_KEY: env('IAC_LLM_API_KEY'),
      OIDC_ISSUER: env('OIDC_ISSUER'),
      OIDC_CLIENT_ID: env('OIDC_CLIENT_ID'),
      OIDC_CLIENT_SECRET: env('OIDC_CLIENT_SECRET'),
      LOCAL_MODE: env('LOCAL_MODE'),
    };
    const app = createApp({ store: () => store, clientIp, ...(resolveHost ? { resolveHost } : {}) });
    return { app, bindings, client, store, applied };
  } catch (error) {
    client.close();
    throw error;
  }
}

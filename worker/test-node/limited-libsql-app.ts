import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../src/create-app.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore, type SqlStoreOptions } from '../src/store/sql-store.ts';
import {
  type ClientLimitLog,
  D1_CALLS_PER_INVOCATION,
  productionLimitsClient,
} from '../test/production-d1-limits.ts';
import { asAdmin, CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp } from './libsql-app.ts';

/** An in-memory libSQL app whose every statement is held to D1's production limits, with a 16 MiB body limit. */
export interface LimitedLibsqlApp {
  standalone: LibsqlApp;
  /** What the statements sent would have broken in production D1. */
  limits: ClientLimitLog;
  call: (path: string, init: RequestInit) => Promise<Response>;
  /** A new org and a `write` key of it, through the admin routes. */
  orgAndKey: (name: string) => Promise<{ orgId: string; key: string }>;
}

/**
 * The app the large-object and batch tests run on Node: the same store as production, over a libSQL client
 * that records every statement beyond D1's limits (`options.wrap` may stand between them, `options.store`
 * sets the store's sizes). Close `standalone.client` after each test.
 */
export async function limitedLibsqlApp(
  options: { store?: SqlStoreOptions; wrap?: (client: Client) => Client } = {},
): Promise<LimitedLibsqlApp> {
  const standalone = await libsqlApp();
  const limits = productionLimitsClient(standalone.client);
  const store = new SqlStore(
    drizzle(options.wrap?.(limits.client) ?? limits.client, { schema }),
    options.store,
  );
  const app = createApp({ store: () => store, clientIp: (c) => c.req.header(CLIENT_IP_HEADER) });
  const bindings = { ...standalone.bindings, MAX_BODY_BYTES: String(16 * 1024 * 1024) };
  // One request is one Worker invocation: its database calls count against D1's 1,000 (requests that run
  // at the same time are counted together, which can only overcount).
  const call = async (path: string, init: RequestInit) => {
    const before = limits.calls;
    const response = await app.request(`http://driftwise.test${path}`, init, bindings);
    const calls = limits.calls - before;
    if (calls > D1_CALLS_PER_INVOCATION)
      limits.violations.push(`${calls} database calls in one request: ${init.method ?? 'GET'} ${path}`);
    return response;
  };
  const orgAndKey = async (name: string) => {
    const org = (await (await call('/api/v2/admin/orgs', json('POST', { name }, asAdmin))).json()) as {
      id: string;
    };
    const key = (await (
      await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k', scopes: ['write'] }, asAdmin))
    ).json()) as { raw_key: string };
    return { orgId: org.id, key: key.raw_key };
  };
  return { standalone, limits, call, orgAndKey };
}

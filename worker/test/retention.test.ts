import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import worker from '../src/index.ts';
import { purgeOldScans } from '../src/retention/purge-old-scans.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { raceReport } from './concurrency-cases.ts';
import { asAdmin, freshIp, json, rows, withKey } from './helpers.ts';
import { awkwardText, bigConfigMapReport } from './large-objects-cases.ts';

// Issue 8, item 7: retention keeps the newest scan of each cluster and namespace and every row still
// referenced, and drops the rest.
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const store = new SqlStore(drizzle(env.DB, { schema }));

async function world() {
  let clock = day(0);
  const app = createApp({ now: () => clock });
  const call = (path: string, init: RequestInit) =>
    app.fetch(new Request(`https://driftwise.test${path}`, init), env);
  const org = (await (await call('/api/v2/admin/orgs', json('POST', { name: 'r' }, asAdmin))).json()) as {
    id: string;
  };
  const { raw_key: key } = (await (
    await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k' }, asAdmin))
  ).json()) as { raw_key: string };
  const report = async (at: number, body: unknown) => {
    clock = day(at);
    const response = await call(
      '/api/v2/operator/report',
      json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { report_id: string }).report_id;
  };
  const drift = async (scanId: string) =>
    (await call(`/api/v2/orgs/${org.id}/scans/${scanId}/drift`, { headers: withKey(key) })).json();
  return { orgId: org.id, report, drift };
}

const danglingChunks = () =>
  rows(
    `SELECT d.set_id FROM drift_set_chunks d
     WHERE NOT EXISTS (SELECT 1 FROM drift_chunks c WHERE c.id = d.chunk_id AND c.org_id = d.org_id)`,
  );

describe('purgeOldScans', () => {
  it('keeps the newest scan of each scope and every row it references, and drops older scans', async () => {
    const { orgId, report, drift } = await world();
    const old1 = await report(0, raceReport(1, 'c1'));
    const old2 = await report(1, raceReport(2, 'c1'));
    const latest = await report(40, raceReport(3, 'c1'));
    const onlyOfItsScope = await report(0, raceReport(4, 'c2'));
    const before = { latest: await drift(latest), only: await drift(onlyOfItsScope) };

    const purged = await purgeOldScans({ store, retentionDays: '30', now: () => day(45) });

    expect(purged.scans).toBeGreaterThanOrEqual(2);
    const left = await rows<{ id: string }>('SELECT id FROM scan_runs WHERE org_id = ? ORDER BY seq', orgId);
    expect(left.map((row) => row.id)).toEqual([latest, onlyOfItsScope]);
    expect(left.map((row) => row.id)).not.toContain(old1);
    expect(left.map((row) => row.id)).not.toContain(old2);
    expect(await drift(latest)).toEqual(before.latest);
    expect(await drift(onlyOfItsScope)).toEqual(before.only);
    const sets = await rows('SELECT id FROM drift_sets WHERE org_id = ?', orgId);
    const referenced = await rows('SELECT DISTINCT drift_set_id FROM scan_runs WHERE org_id = ?', orgId);
    expect(sets).toHaveLength(referenced.length);
    expect(await danglingChunks()).toEqual([]);
  });

  it('drops the parts of an object that was replaced once no scan needs them', async () => {
    const { orgId, report } = await world();
    await report(0, bigConfigMapReport(awkwardText(150_000), 'parts-cluster'));
    expect((await rows('SELECT id FROM value_parts WHERE org_id = ?', orgId)).length).toBeGreaterThan(0);
    await report(40, bigConfigMapReport('small now', 'parts-cluster'));
    await purgeOldScans({ store, retentionDays: '30', now: () => day(45) });
    expect(await rows('SELECT id FROM value_parts WHERE org_id = ?', orgId)).toEqual([]);
  });
});

describe('scheduled handler', () => {
  it('purges scans older than SCAN_RETENTION_DAYS when the cron trigger fires', async () => {
    const { orgId, report } = await world();
    await report(0, raceReport(1, 'cron'));
    const kept = await report(1, raceReport(2, 'cron'));
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const left = await rows<{ id: string }>('SELECT id FROM scan_runs WHERE org_id = ?', orgId);
    expect(left.map((row) => row.id)).toEqual([kept]);
  });
});

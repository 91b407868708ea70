import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { asAdmin, freshIp, json, rows, withKey } from './helpers.ts';
import { awkwardText, bigConfigMapReport, bigConfigMapState } from './large-objects-cases.ts';
import {
  D1_LIMITS,
  type D1LimitLog,
  largestStoredValue,
  productionD1Limits,
} from './production-d1-limits.ts';

// Issue 7, defect 7: objects larger than a production D1 row are stored in parts; over 4 MiB is a 413.
// Local D1 enforces none of D1's limits, so every statement goes through productionD1Limits here.
const MiB = 1024 * 1024;
const largestIn = async (query: string) => (await env.DB.prepare(query).first<{ n: number | null }>())?.n;
let limits: D1LimitLog;
let app: ReturnType<typeof createApp>;

beforeEach(() => {
  limits = productionD1Limits(env.DB);
  const store = new SqlStore(drizzle(limits.db, { schema }));
  app = createApp({ store: () => store });
});

// The suite's MAX_BODY_BYTES is 256 KiB; these bodies need the production default of 16 MiB.
const call = (path: string, init: RequestInit) =>
  app.fetch(new Request(`https://driftwise.test${path}`, init), { ...env, MAX_BODY_BYTES: String(16 * MiB) });

async function orgAndKey() {
  const org = (await (await call('/api/v2/admin/orgs', json('POST', { name: 'big' }, asAdmin))).json()) as {
    id: string;
  };
  const key = (await (
    await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k', scopes: ['write'] }, asAdmin))
  ).json()) as { raw_key: string };
  return { orgId: org.id, key: key.raw_key };
}

const report = (key: string, body: unknown) =>
  call('/api/v2/operator/report', json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }));

describe('productionD1Limits', () => {
  it('flags a statement over 100,000 bytes and one over 100 bound parameters', async () => {
    const checked = productionD1Limits(env.DB);
    await checked.db.prepare('SELECT length(?1)').bind('z'.repeat(100_001)).first();
    await checked.db
      .prepare(`SELECT ${Array.from({ length: 101 }, (_, i) => `?${i + 1}`).join(', ')}`)
      .bind(...Array.from({ length: 101 }, (_, i) => i))
      .first()
      // Local D1 does enforce this one; the wrapper has counted it at bind() already.
      .catch(() => undefined);
    expect(checked.violations).toHaveLength(2);
  });
});

describe('large objects (defect 7)', () => {
  it('stores a 3 MiB live object in parts under the production limits and reads it back whole', async () => {
    const { orgId, key } = await orgAndKey();
    const value = awkwardText(3 * MiB);
    const response = await report(key, bigConfigMapReport(value));
    expect(response.status).toBe(201);
    expect(limits.statements).toBeGreaterThan(30);
    expect(limits.violations).toEqual([]);
    expect(await largestStoredValue(largestIn)).toBeLessThanOrEqual(D1_LIMITS.rowBytes);
    const stored = await new SqlStore(drizzle(env.DB, { schema })).liveObject(
      orgId,
      'big-cluster',
      'payments',
      'k8s/configmap/payments/big',
    );
    expect((JSON.parse(stored ?? '{}') as { data: { value: string } }).data.value === value).toBe(true);
  });

  it('answers 413 naming the 4 MiB limit for an 8 MiB object and stores nothing', async () => {
    const { orgId, key } = await orgAndKey();
    const response = await report(key, bigConfigMapReport('x'.repeat(8 * MiB)));
    expect(response.status).toBe(413);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('payload_too_large');
    expect(problem.detail).toContain('4 MiB');
    expect(await rows('SELECT id FROM scan_runs WHERE org_id = ?', orgId)).toEqual([]);
    expect(await rows('SELECT org_id FROM value_parts WHERE org_id = ?', orgId)).toEqual([]);
  });

  it('stores a 3 MiB IaC resource in parts and matches it against the same live object', async () => {
    const { orgId, key } = await orgAndKey();
    const value = awkwardText(3 * MiB);
    const put = await call(
      `/api/v2/orgs/${orgId}/state-sources/big/state`,
      json('PUT', bigConfigMapState(value), withKey(key)),
    );
    expect(put.status).toBe(200);
    const posted = (await (await report(key, bigConfigMapReport(value))).json()) as { report_id: string };
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${posted.report_id}/drift`, { headers: withKey(key) })
    ).json()) as { summary: { in_sync: number }; items: unknown[] };
    expect(drift.summary.in_sync).toBe(1);
    expect(drift.items).toEqual([]);
    expect(limits.violations).toEqual([]);
    expect(await largestStoredValue(largestIn)).toBeLessThanOrEqual(D1_LIMITS.rowBytes);
  });

  it('stores a drift chunk of two 2 MiB values in parts and serves the item whole', async () => {
    const { orgId, key } = await orgAndKey();
    const iacValue = awkwardText(2 * MiB);
    const liveValue = `${iacValue}-edited`;
    await call(
      `/api/v2/orgs/${orgId}/state-sources/big/state`,
      json('PUT', bigConfigMapState(iacValue), withKey(key)),
    );
    const posted = (await (await report(key, bigConfigMapReport(liveValue))).json()) as { report_id: string };
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${posted.report_id}/drift`, { headers: withKey(key) })
    ).json()) as { items: { changes: { path: string; iac: string; live: string }[] }[] };
    const change = drift.items[0]?.changes[0];
    expect(change?.path).toBe('data.value');
    expect(change?.iac === iacValue && change?.live === liveValue).toBe(true);
    expect(limits.violations).toEqual([]);
    expect(await largestStoredValue(largestIn)).toBeLessThanOrEqual(D1_LIMITS.rowBytes);
  });

  it('answers 413 for a state whose one resource is over 4 MiB and stores no source', async () => {
    const { orgId, key } = await orgAndKey();
    const put = await call(
      `/api/v2/orgs/${orgId}/state-sources/big/state`,
      json('PUT', bigConfigMapState('y'.repeat(5 * MiB)), withKey(key)),
    );
    expect(put.status).toBe(413);
    expect(await rows('SELECT id FROM state_sources WHERE org_id = ?', orgId)).toEqual([]);
  });
});

import { env } from 'cloudflare:workers';
import { operatorReportRequestSchema } from '@driftwise/core';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { ingestReport } from '../src/ingest/ingest-report.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { NO_LOCK, raceReport, raceReportIds, stateWithSerial } from './concurrency-cases.ts';
import { call, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

// Issue 7 "Tests": parallel requests inside workerd against the real D1, invariants checked.
describe('concurrent state uploads (defect 4)', () => {
  it('keeps serial 10 and answers only 200 or 409 stale_state when serials 1-10 arrive at once', async () => {
    const { orgId, key } = await createOrgAndKey();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(
          `/api/v2/orgs/${orgId}/state-sources/main/state`,
          json('PUT', stateWithSerial(i + 1), withKey(key)),
        ),
      ),
    );
    const answers = await Promise.all(
      responses.map(async (response) => [
        response.status,
        ((await response.json()) as { code?: string }).code,
      ]),
    );
    for (const [status, code] of answers)
      expect(status === 200 || (status === 409 && code === 'stale_state')).toBe(true);
    // The upload of serial 10 can never be stale.
    expect(answers[9]?.[0]).toBe(200);
    const sources = await rows<{ id: string; serial: number }>(
      'SELECT id, serial FROM state_sources WHERE org_id = ?',
      orgId,
    );
    expect(sources.map((source) => source.serial)).toEqual([10]);
    const iac = await rows<{ data: string }>(
      'SELECT data FROM iac_resources WHERE state_source_id = ?',
      sources[0]?.id,
    );
    expect(
      iac.map((row) => (JSON.parse(row.data) as { declared: { data: { serial: string } } }).declared.data),
    ).toEqual([{ serial: '10' }]);
  });
});

describe('concurrent reports (defect 5)', () => {
  it('leaves exactly one report’s objects, and the latest scan is that report, after 20 at once', async () => {
    const { orgId, key } = await createOrgAndKey();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(
          '/api/v2/operator/report',
          json('POST', raceReport(n), { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const latest = (await (
      await call(`/api/v2/orgs/${orgId}/scans/latest?cluster_id=race-cluster&namespace=payments`, {
        headers: withKey(key),
      })
    ).json()) as { resource_count: number };
    const winner = latest.resource_count - 51;
    const live = await rows<{ resource_id: string; object: string }>(
      'SELECT resource_id, object FROM live_resources WHERE org_id = ? ORDER BY resource_id',
      orgId,
    );
    expect(live.map((row) => row.resource_id)).toEqual(raceReportIds(winner));
    const values = new Set(
      live.map((row) => (JSON.parse(row.object) as { data: { value: string } }).data.value),
    );
    expect([...values]).toEqual([`report-${winner}`]);
    // 20 reports retry against each other: up to 20 rounds for the last one, on a shared 2-core machine.
  }, 120_000);
});

describe('ingestReport version check (defect 5)', () => {
  it('leaves one report’s objects when 20 race with no queue in front of the store', async () => {
    const { orgId } = await createOrgAndKey();
    const store = new SqlStore(drizzle(env.DB, { schema }));
    // The race reports hold no Secret: the hasher is never called.
    const secretHasher = Object.assign(() => 'hmac-sha256:k1test:unused', { keyId: 'k1test' });
    let attempts = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        ingestReport(operatorReportRequestSchema.parse(raceReport(n)), {
          store,
          orgId,
          secretHasher,
          bodyHash: `race-${n}`,
          lock: NO_LOCK,
          retryDelay: async () => {
            attempts += 1;
          },
        }),
      ),
    );
    expect(results).toHaveLength(20);
    // Without the queue the reports did collide, and lost rounds were retried.
    expect(attempts).toBeGreaterThan(0);
    const [latest] = await store.listScans(orgId, { clusterId: 'race-cluster', namespace: 'payments' }, 1);
    const winner = (latest?.resourceCount ?? 0) - 51;
    const live = await rows<{ resource_id: string }>(
      'SELECT resource_id FROM live_resources WHERE org_id = ? ORDER BY resource_id',
      orgId,
    );
    expect(live.map((row) => row.resource_id)).toEqual(raceReportIds(winner));
  }, 120_000);
});

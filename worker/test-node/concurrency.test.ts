import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorReportRequestSchema } from '@driftwise/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestReport } from '../src/ingest/ingest-report.ts';
import { NO_LOCK, raceReport, raceReportIds, stateWithSerial } from '../test/concurrency-cases.ts';
import { CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

// Issue 7 "Tests": the same races as test/concurrency.test.ts, on Node with a libSQL file database.
let app: LibsqlApp;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftwise-race-'));
  app = await libsqlApp(`file:${join(dir, 'race.db')}`);
});
afterEach(() => {
  app.client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('concurrent state uploads on libSQL (defect 4)', () => {
  it('keeps serial 10 and answers only 200 or 409 stale_state when serials 1-10 arrive at once', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        app.call(
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
    expect(answers[9]?.[0]).toBe(200);
    const sources = await app.client.execute({
      sql: 'SELECT id, serial FROM state_sources WHERE org_id = ?',
      args: [orgId],
    });
    expect(sources.rows.map((row) => row.serial)).toEqual([10]);
    const iac = await app.client.execute({
      sql: 'SELECT data FROM iac_resources WHERE state_source_id = ?',
      args: [String(sources.rows[0]?.id)],
    });
    expect(iac.rows.map((row) => JSON.parse(String(row.data)).declared.data)).toEqual([{ serial: '10' }]);
  });
});

describe('concurrent reports on libSQL (defect 5)', () => {
  it('leaves exactly one report’s objects, and the latest scan is that report, after 20 at once', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        app.call(
          '/api/v2/operator/report',
          json('POST', raceReport(n), { ...withKey(key), [CLIENT_IP_HEADER]: `192.0.2.${n}` }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const latest = (await (
      await app.call(`/api/v2/orgs/${orgId}/scans/latest?cluster_id=race-cluster&namespace=payments`, {
        headers: withKey(key),
      })
    ).json()) as { resource_count: number };
    const winner = latest.resource_count - 51;
    const live = await app.client.execute({
      sql: 'SELECT resource_id, object FROM live_resources WHERE org_id = ? ORDER BY resource_id',
      args: [orgId],
    });
    expect(live.rows.map((row) => row.resource_id)).toEqual(raceReportIds(winner));
    const values = new Set(live.rows.map((row) => JSON.parse(String(row.object)).data.value));
    expect([...values]).toEqual([`report-${winner}`]);
  });
});

describe('ingestReport version check on libSQL (defect 5)', () => {
  it('leaves one report’s objects when 20 race with no queue in front of the store', async () => {
    const { orgId } = await app.createOrgAndKey();
    const store = app.store;
    // The race reports hold no Secret: the hasher is never called.
    const secretHasher = Object.assign(() => 'hmac-sha256:k1test:unused', { keyId: 'k1test' });
    let attempts = 0;
    await Promise.all(
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
    expect(attempts).toBeGreaterThan(0);
    const [latest] = await store.listScans(orgId, { clusterId: 'race-cluster', namespace: 'payments' }, 1);
    const winner = (latest?.resourceCount ?? 0) - 51;
    const live = await app.client.execute({
      sql: 'SELECT resource_id FROM live_resources WHERE org_id = ? ORDER BY resource_id',
      args: [orgId],
    });
    expect(live.rows.map((row) => row.resource_id)).toEqual(raceReportIds(winner));
  });
});

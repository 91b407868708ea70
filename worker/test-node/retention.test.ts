import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { purgeOldScans } from '../src/retention/purge-old-scans.ts';
import { raceReport } from '../test/concurrency-cases.ts';
import { asAdmin, CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

// Issue 8, item 7 on libSQL (the Node server runs the same purge on an interval).
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
let standalone: LibsqlApp;
beforeEach(async () => {
  standalone = await libsqlApp();
});
afterEach(() => standalone.client.close());

describe('purgeOldScans on libSQL', () => {
  it('keeps the newest scan of each scope and the drift it serves', async () => {
    let clock = day(0);
    const app = createApp({
      store: () => standalone.store,
      now: () => clock,
      clientIp: (c) => c.req.header(CLIENT_IP_HEADER),
    });
    const call = (path: string, init: RequestInit = {}) =>
      app.request(`http://driftwise.test${path}`, init, standalone.bindings);
    const org = (await (await call('/api/v2/admin/orgs', json('POST', { name: 'r' }, asAdmin))).json()) as {
      id: string;
    };
    const { raw_key: key } = (await (
      await call(`/api/v2/orgs/${org.id}/api-keys`, json('POST', { name: 'k' }, asAdmin))
    ).json()) as { raw_key: string };
    const report = async (at: number, n: number) => {
      clock = day(at);
      const response = await call(
        '/api/v2/operator/report',
        json('POST', raceReport(n), { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.30' }),
      );
      return ((await response.json()) as { report_id: string }).report_id;
    };
    await report(0, 1);
    const latest = await report(40, 2);
    const before = await (
      await call(`/api/v2/orgs/${org.id}/scans/${latest}/drift`, { headers: withKey(key) })
    ).text();
    const purged = await purgeOldScans({ store: standalone.store, retentionDays: '30', now: () => day(45) });
    expect(purged.scans).toBe(1);
    const left = await standalone.client.execute('SELECT id FROM scan_runs');
    expect(left.rows.map((row) => row.id)).toEqual([latest]);
    const after = await (
      await call(`/api/v2/orgs/${org.id}/scans/${latest}/drift`, { headers: withKey(key) })
    ).text();
    expect(after).toBe(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awkwardText, bigConfigMapReport, bigConfigMapState } from '../test/large-objects-cases.ts';
import { type ClientLimitLog, D1_LIMITS, largestStoredValue } from '../test/production-d1-limits.ts';
import { CLIENT_IP_HEADER, json, type LibsqlApp, withKey } from './libsql-app.ts';
import { type LimitedLibsqlApp, limitedLibsqlApp } from './limited-libsql-app.ts';

// Issue 7, defect 7 on Node/libSQL: the same parts, held to D1's production limits as well, so one
// database file can move between the runtimes.
const MiB = 1024 * 1024;
let standalone: LibsqlApp;
let limits: ClientLimitLog;
let call: LimitedLibsqlApp['call'];
let orgAndKey: () => Promise<{ orgId: string; key: string }>;

beforeEach(async () => {
  const app = await limitedLibsqlApp();
  ({ standalone, limits, call } = app);
  orgAndKey = () => app.orgAndKey('big');
});
afterEach(() => standalone.client.close());

const report = (key: string, body: unknown) =>
  call('/api/v2/operator/report', json('POST', body, { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.20' }));

describe('large objects on libSQL (defect 7)', () => {
  it('stores a 3 MiB live object and a 3 MiB IaC resource in parts and reads both back whole', async () => {
    const { orgId, key } = await orgAndKey();
    const value = awkwardText(3 * MiB);
    const put = await call(
      `/api/v2/orgs/${orgId}/state-sources/big/state`,
      json('PUT', bigConfigMapState(value), withKey(key)),
    );
    expect(put.status).toBe(200);
    const posted = await report(key, bigConfigMapReport(value));
    expect(posted.status).toBe(201);
    const { report_id } = (await posted.json()) as { report_id: string };
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${report_id}/drift`, { headers: withKey(key) })
    ).json()) as { summary: { in_sync: number } };
    expect(drift.summary.in_sync).toBe(1);
    const stored = await standalone.store.liveObject(
      orgId,
      'big-cluster',
      'payments',
      'k8s/configmap/payments/big',
    );
    expect((JSON.parse(stored ?? '{}') as { data: { value: string } }).data.value === value).toBe(true);
    expect(limits.violations).toEqual([]);
    expect(
      await largestStoredValue(
        async (query) => (await standalone.client.execute(query)).rows[0]?.n as number | null,
      ),
    ).toBeLessThanOrEqual(D1_LIMITS.rowBytes);
  });

  it('answers 413 for an 8 MiB object', async () => {
    const { key } = await orgAndKey();
    const response = await report(key, bigConfigMapReport('x'.repeat(8 * MiB)));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toContain('4 MiB');
  });
});

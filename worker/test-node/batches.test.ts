import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awkwardText, bigConfigMapReport, bigConfigMapState } from '../test/large-objects-cases.ts';
import type { ClientLimitLog } from '../test/production-d1-limits.ts';
import { CLIENT_IP_HEADER, example, json, type LibsqlApp, withKey } from './libsql-app.ts';
import { type LimitedLibsqlApp, limitedLibsqlApp } from './limited-libsql-app.ts';

// Batches (issue 9) on Node/libSQL, every statement held to D1's production limits.
const MiB = 1024 * 1024;
let standalone: LibsqlApp;
let limits: ClientLimitLog;
let call: LimitedLibsqlApp['call'];
let orgAndKey: () => Promise<{ orgId: string; key: string }>;

afterEach(() => standalone.client.close());

const post = (key: string, body: unknown) =>
  call('/api/v2/operator/report', json('POST', body, { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.30' }));

type Report = { resources: unknown[] } & Record<string, unknown>;

/** One part per resource, as a batch. */
function partsOf(report: Report): Report[] {
  const id = crypto.randomUUID();
  return report.resources.map((resource, index) => ({
    ...report,
    resources: [resource],
    batch: { id, index, total: report.resources.length },
  }));
}

// The staged objects are read back in pages by rows and bytes: the default pages, and tiny ones that cut
// between namespaces, objects and an object's pieces all the time (a 3 MiB object is ~35 pieces).
describe.each([
  ['default pages', undefined],
  ['pages of 3 rows or 1,500 bytes', { rows: 3, bytes: 1_500 }],
])('batched reports on libSQL, %s', (_, batchPage) => {
  beforeEach(async () => {
    const app = await limitedLibsqlApp(batchPage ? { store: { batchPage } } : {});
    ({ standalone, limits, call } = app);
    orgAndKey = () => app.orgAndKey('b');
  });

  it.each(['in-sync', 'hand-edits', 'missing-extra-manifest'] as const)(
    'give the exact drift of %s when every object is a part and they arrive at once',
    async (name) => {
      const { state, report, drift } = example(name);
      const { orgId, key } = await orgAndKey();
      await call(
        `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
        json('PUT', state, withKey(key)),
      );
      const answers = await Promise.all(
        partsOf(JSON.parse(report) as Report)
          .reverse()
          .map((p) => post(key, p)),
      );
      const created = answers.filter((answer) => answer.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      const { report_id: scanId } = (await created[0]!.json()) as { report_id: string };
      const text = await (
        await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) })
      ).text();
      const createdAt = (JSON.parse(text) as { created_at: string }).created_at;
      expect(text).toBe(
        JSON.stringify(JSON.parse(drift))
          .replaceAll('<scan-uuid>', scanId)
          .replaceAll('<scan-created-at>', createdAt),
      );
      expect(limits.violations).toEqual([]);
    },
  );

  it('stages a 3 MiB object in pieces within the statement limits and matches it whole', async () => {
    const { orgId, key } = await orgAndKey();
    const value = awkwardText(3 * MiB);
    await call(
      `/api/v2/orgs/${orgId}/state-sources/big/state`,
      json('PUT', bigConfigMapState(value), withKey(key)),
    );
    const big = bigConfigMapReport(value) as Report;
    const id = crypto.randomUUID();
    expect((await post(key, { ...big, resources: [], batch: { id, index: 1, total: 2 } })).status).toBe(202);
    const done = await post(key, { ...big, batch: { id, index: 0, total: 2 } });
    expect(done.status).toBe(201);
    const { report_id } = (await done.json()) as { report_id: string };
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${report_id}/drift`, { headers: withKey(key) })
    ).json()) as { summary: { in_sync: number } };
    expect(drift.summary.in_sync).toBe(1);
    expect(limits.violations).toEqual([]);
  });
});

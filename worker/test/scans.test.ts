import { describe, expect, it } from 'vitest';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

async function report(key: string, cluster: string, namespace = 'default') {
  const response = await call(
    '/api/v2/operator/report',
    json(
      'POST',
      { cluster_id: cluster, namespace, resources: [] },
      { ...withKey(key), 'CF-Connecting-IP': freshIp() },
    ),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { report_id: string }).report_id;
}

type ScanList = { scans: { id: string; cluster_id: string }[]; next_cursor: string | null };

describe('scans', () => {
  it('pages newest first with next_cursor until it is null', async () => {
    const { orgId, key } = await createOrgAndKey();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await report(key, 'c1'));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (
        await call(`/api/v2/orgs/${orgId}/scans?${query}`, { headers: withKey(key) })
      ).json()) as ScanList;
      expect(page.scans.length).toBeLessThanOrEqual(2);
      seen.push(...page.scans.map((scan) => scan.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by cluster_id and namespace', async () => {
    const { orgId, key } = await createOrgAndKey();
    await report(key, 'c1');
    const wanted = await report(key, 'c2', 'payments');
    await report(key, 'c2');
    const response = await call(`/api/v2/orgs/${orgId}/scans?cluster_id=c2&namespace=payments`, {
      headers: withKey(key),
    });
    expect(((await response.json()) as ScanList).scans.map((scan) => scan.id)).toEqual([wanted]);
  });

  it('treats empty query parameters as absent', async () => {
    const { orgId, key } = await createOrgAndKey();
    const scan = await report(key, 'c1');
    const list = await call(`/api/v2/orgs/${orgId}/scans?cluster_id=&namespace=&limit=&cursor=`, {
      headers: withKey(key),
    });
    expect(((await list.json()) as ScanList).scans.map((s) => s.id)).toEqual([scan]);
    const latest = await call(`/api/v2/orgs/${orgId}/scans/latest?cluster_id=&namespace=`, {
      headers: withKey(key),
    });
    expect(latest.status).toBe(200);
  });

  it('answers 400 for a cursor it did not issue and for a limit out of range', async () => {
    const { orgId, key } = await createOrgAndKey();
    expect((await call(`/api/v2/orgs/${orgId}/scans?cursor=zzz`, { headers: withKey(key) })).status).toBe(
      400,
    );
    expect((await call(`/api/v2/orgs/${orgId}/scans?limit=0`, { headers: withKey(key) })).status).toBe(400);
    expect((await call(`/api/v2/orgs/${orgId}/scans?limit=101`, { headers: withKey(key) })).status).toBe(400);
  });

  it('serves the latest scan of a cluster and 404 when there is none', async () => {
    const { orgId, key } = await createOrgAndKey();
    expect((await call(`/api/v2/orgs/${orgId}/scans/latest`, { headers: withKey(key) })).status).toBe(404);
    await report(key, 'c1');
    const last = await report(key, 'c1');
    const response = await call(`/api/v2/orgs/${orgId}/scans/latest?cluster_id=c1`, {
      headers: withKey(key),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: last,
      cluster_id: 'c1',
      namespace: 'default',
      created_at: expect.any(String),
      resource_count: 0,
      summary: { live: 0, iac: 0, in_sync: 0, missing: 0, extra: 0, changed: 0, accepted: 0, coverage: 1 },
    });
  });

  it("answers 404 for another org's scan, as for one that does not exist", async () => {
    const a = await createOrgAndKey(['write'], 'a');
    const b = await createOrgAndKey(['write'], 'b');
    const scanOfB = await report(b.key, 'c1');
    const foreign = await call(`/api/v2/orgs/${a.orgId}/scans/${scanOfB}/drift`, { headers: withKey(a.key) });
    const missing = await call(`/api/v2/orgs/${a.orgId}/scans/${crypto.randomUUID()}/drift`, {
      headers: withKey(a.key),
    });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
  });

  it('answers 404 for the IaC of a scan that asked for none', async () => {
    const { orgId, key } = await createOrgAndKey();
    const scan = await report(key, 'c1');
    expect((await call(`/api/v2/orgs/${orgId}/scans/${scan}/iac`, { headers: withKey(key) })).status).toBe(
      404,
    );
  });

  it('lists one kubernetes cloud account per cluster', async () => {
    const { orgId, key } = await createOrgAndKey();
    await report(key, 'c1');
    await report(key, 'c1', 'payments');
    await report(key, 'c2');
    const response = await call(`/api/v2/orgs/${orgId}/cloud-accounts`, { headers: withKey(key) });
    const body = (await response.json()) as { cloud_accounts: { provider: string; external_id: string }[] };
    expect(body.cloud_accounts.map((a) => [a.provider, a.external_id]).sort()).toEqual([
      ['kubernetes', 'k8s:c1'],
      ['kubernetes', 'k8s:c2'],
    ]);
  });
});

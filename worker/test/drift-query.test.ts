import { describe, expect, it } from 'vitest';
import manifestReport from '../../examples/missing-extra-manifest/report.json';
import manifestState from '../../examples/missing-extra-manifest/state.tfstate?raw';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

type Drift = {
  summary: Record<string, number>;
  warnings: { code: string; message: string; types?: { type: string; count: number }[] }[];
  items: { status: string; resource_id: string; severity: string }[];
  next_cursor: string | null;
};
type Problem = { status: number; code: string; errors?: { path: string }[] };

async function post(key: string, body: unknown): Promise<string> {
  const response = await call(
    '/api/v2/operator/report',
    json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { report_id: string }).report_id;
}

/** The missing-extra-manifest example: items missing site-ja, extra link-checker, changed sitemap-refresh. */
async function exampleScan(state: string = manifestState) {
  const { orgId, key } = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
    json('PUT', state, withKey(key)),
  );
  expect(upload.status).toBe(200);
  const scanId = await post(key, manifestReport);
  const drift = (query = '') =>
    call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift${query}`, { headers: withKey(key) });
  return { orgId, key, scanId, drift };
}

const ids = (body: Drift) => body.items.map((item) => item.resource_id);

describe('GET …/scans/:scan_id/drift paging and filters', () => {
  it('serves every item and next_cursor null without a limit', async () => {
    const { drift } = await exampleScan();
    const body = (await (await drift()).json()) as Drift;
    expect([body.items.length, body.next_cursor]).toEqual([3, null]);
  });

  it('pages with limit and next_cursor through every item in order', async () => {
    const { drift } = await exampleScan();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await drift(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await response.json()) as Drift;
      expect(body.items.length).toBe(1);
      seen.push(...ids(body));
      cursor = body.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([
      'k8s/deployment/docs/site-ja',
      'k8s/deployment/docs/link-checker',
      'k8s/cronjob/docs/sitemap-refresh',
    ]);
  });

  it('gives the same page for the same cursor twice', async () => {
    const { drift } = await exampleScan();
    const first = (await (await drift('?limit=1')).json()) as Drift;
    const again = await (await drift(`?limit=1&cursor=${first.next_cursor}`)).text();
    expect(await (await drift(`?limit=1&cursor=${first.next_cursor}`)).text()).toBe(again);
  });

  it('filters by status, also by several', async () => {
    const { drift } = await exampleScan();
    expect(ids((await (await drift('?status=extra')).json()) as Drift)).toEqual([
      'k8s/deployment/docs/link-checker',
    ]);
    expect(ids((await (await drift('?status=missing,changed')).json()) as Drift)).toEqual([
      'k8s/deployment/docs/site-ja',
      'k8s/cronjob/docs/sitemap-refresh',
    ]);
  });

  it('filters by resource_id', async () => {
    const { drift } = await exampleScan();
    const body = (await (await drift('?resource_id=k8s/cronjob/docs/sitemap-refresh')).json()) as Drift;
    expect(ids(body)).toEqual(['k8s/cronjob/docs/sitemap-refresh']);
  });

  it('filters by severity_at_least', async () => {
    const { drift } = await exampleScan();
    expect(((await (await drift('?severity_at_least=medium')).json()) as Drift).items.length).toBe(3);
    expect(((await (await drift('?severity_at_least=high')).json()) as Drift).items).toEqual([]);
  });

  it('keeps the summary of the whole scan whatever the filter and page', async () => {
    const { drift } = await exampleScan();
    const whole = (await (await drift()).json()) as Drift;
    const filtered = (await (await drift('?status=extra&limit=1')).json()) as Drift;
    expect(filtered.summary).toEqual(whole.summary);
    expect(filtered.summary).toMatchObject({ missing: 1, extra: 1, changed: 1, accepted: 0 });
  });

  it.each([
    ['limit', '?limit=0'],
    ['limit', '?limit=5001'],
    ['limit', '?limit=ten'],
    ['cursor', '?cursor=not-a-cursor'],
    ['cursor', `?cursor=${btoa('["d1","changed"]')}`],
    ['status', '?status=drifted'],
    ['status', '?status=missing,,extra'],
    ['severity_at_least', '?severity_at_least=urgent'],
  ])('answers 400 naming %s for %s', async (parameter, query) => {
    const { drift } = await exampleScan();
    const response = await drift(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect([problem.code, problem.errors?.map((error) => error.path)]).toEqual([
      'invalid_request',
      [parameter],
    ]);
  });
});

describe('drift warnings', () => {
  it('warns no_state_source when no state source applies to the cluster', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const scanId = await post(key, manifestReport);
    const body = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) })
    ).json()) as Drift;
    expect(body.warnings.map((warning) => warning.code)).toEqual(['no_state_source']);
  });

  it('warns empty_scope for a namespace with nothing in it', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    await call(`/api/v2/orgs/${orgId}/state-sources/main/state`, json('PUT', manifestState, withKey(key)));
    const scanId = await post(key, { ...manifestReport, namespace: 'dcos', resources: [] });
    const body = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) })
    ).json()) as Drift;
    expect(body.warnings.map((warning) => warning.code)).toEqual(['empty_scope']);
  });

  it('warns skipped_terraform_types with the types the state reader did not read', async () => {
    const state = JSON.parse(manifestState) as { resources: unknown[] };
    state.resources.push({
      mode: 'managed',
      type: 'k8s_manifest',
      name: 'crd',
      provider: 'provider["registry.terraform.io/banzaicloud/k8s"]',
      instances: [{ schema_version: 1, attributes: { content: 'kind: ConfigMap' } }],
    });
    const { drift } = await exampleScan(JSON.stringify(state));
    const body = (await (await drift()).json()) as Drift;
    expect(body.warnings).toEqual([
      expect.objectContaining({
        code: 'skipped_terraform_types',
        types: [{ type: 'k8s_manifest', count: 1 }],
      }),
    ]);
  });

  it('keeps the warnings on a repeated identical report', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    await post(key, manifestReport);
    const again = await post(key, manifestReport);
    const body = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${again}/drift`, { headers: withKey(key) })
    ).json()) as Drift;
    expect(body.warnings.map((warning) => warning.code)).toEqual(['no_state_source']);
  });
});

describe('PUT …/driftignore person-tools directive', () => {
  it('answers 400 naming the line of a bad directive and stores nothing', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const put = await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: 'k8s/*/docs/*\n# driftwise:person-tools bad"tool\n',
    });
    expect(put.status).toBe(400);
    expect(((await put.json()) as Problem & { line?: number }).line).toBe(2);
    const stored = await call(`/api/v2/orgs/${orgId}/driftignore`, { headers: withKey(key) });
    expect(await stored.text()).toBe('');
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker } from '../../worker/scripts/local-worker.ts';
import { type FakeKubeApi, type FakeObject, kubeconfigFor, startFakeKubeApi } from './fake-kube-api.ts';
import {
  buildOperator,
  createOrgAndKey,
  type LocalWorker,
  type RecordingProxy,
  spawnOperator,
  startNodeWorker,
  startRecordingProxy,
} from './harness.ts';

// CONTRACT "Large reports" end to end: the operator sends a scope over its body limit as a batch, the real
// worker assembles it, and the scan is the one a single report of the same objects gives. The operator's
// limit is lowered (DRIFTWISE_MAX_BODY_BYTES, 64 KiB) so that a few hundred objects need several parts;
// the worker keeps its 16 MiB, so the same scope also goes as one report for the comparison.
const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const example = (file: string) => readFileSync(join(examples, 'hand-edits', file), 'utf8');
const PART_LIMIT = 64 * 1024;

interface Drift {
  summary: Record<string, number>;
  items: { status: string; resource_id: string; changes?: { path: string; iac: unknown; live: unknown }[] }[];
}
const essence = (drift: Drift) => ({
  summary: drift.summary,
  items: drift.items.map((item) => ({
    status: item.status,
    resource_id: item.resource_id,
    changes: (item.changes ?? []).map(({ path, iac, live }) => ({ path, iac, live })),
  })),
});

// The example's objects (with its Terraform state: one in sync, three changed by hand) and enough extra ConfigMaps
// and Secrets in the same namespace for ~300 KB of report JSON.
function cluster(namespace: string, report: { resources: { properties: FakeObject }[] }): FakeObject[] {
  const filler: FakeObject[] = [];
  for (let i = 0; i < 400; i++)
    filler.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `filler-${String(i).padStart(3, '0')}`, namespace, labels: { app: 'filler' } },
      data: { 'settings.yaml': `index: ${i}\nowner: platform\n`.repeat(12) },
    });
  for (let i = 0; i < 40; i++)
    filler.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `token-${i}`, namespace },
      type: 'Opaque',
      data: { token: btoa(`raw-secret-value-${i}`) },
    });
  return [...report.resources.map((resource) => resource.properties), ...filler];
}

const WORKERS: [string, () => Promise<LocalWorker>][] = [
  ['the Node worker', startNodeWorker],
  ['wrangler dev', () => startLocalWorker()],
];

describe.each(WORKERS)('a scope over the body limit, operator → %s', (_name, startWorker) => {
  let api: FakeKubeApi;
  let worker: LocalWorker;
  let proxy: RecordingProxy;
  let main: string;
  let orgId: string;
  let key: string;
  let namespace: string;
  let objectCount: number;

  const run = async (clusterId: string, extra: Record<string, string> = {}) => {
    const from = proxy.requests.length;
    const operator = spawnOperator(
      main,
      kubeconfigFor(api),
      {
        DRIFTWISE_API_URL: proxy.url,
        DRIFTWISE_API_KEY: key,
        DRIFTWISE_CLUSTER_ID: clusterId,
        DRIFTWISE_NAMESPACES: namespace,
        ...extra,
      },
      ['--once'],
    );
    expect(await operator.exited, operator.output()).toBe(0);
    return proxy.requests.slice(from).filter((r) => r.path === '/api/v2/operator/report');
  };
  const drift = async (clusterId: string) => {
    const headers = { 'X-API-Key': key };
    const scan = (await (
      await fetch(
        `${worker.url}/api/v2/orgs/${orgId}/scans/latest?cluster_id=${clusterId}&namespace=${namespace}`,
        { headers },
      )
    ).json()) as { id: string; resource_count: number };
    const body = (await (
      await fetch(`${worker.url}/api/v2/orgs/${orgId}/scans/${scan.id}/drift`, { headers })
    ).json()) as Drift;
    return { resourceCount: scan.resource_count, drift: essence(body) };
  };

  beforeAll(async () => {
    main = buildOperator();
    const report = JSON.parse(example('report.json')) as {
      namespace: string;
      resources: { properties: FakeObject }[];
    };
    namespace = report.namespace;
    [api, worker] = await Promise.all([startFakeKubeApi({ pageSize: 100 }), startWorker()]);
    const objects = cluster(namespace, report);
    objectCount = objects.length;
    api.seed(objects);
    proxy = await startRecordingProxy(worker.url);
    ({ orgId, key } = await createOrgAndKey(worker));
    for (const clusterId of ['batched', 'single']) {
      const upload = await fetch(
        `${worker.url}/api/v2/orgs/${orgId}/state-sources/example-${clusterId}/state?cluster_id=${clusterId}`,
        {
          method: 'PUT',
          headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
          body: example('state.tfstate'),
        },
      );
      expect(upload.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all([api?.close(), worker?.stop()]);
  });

  it('sends the scope as one batch of parts within the limit, and the scan equals the single report’s', async () => {
    const parts = await run('batched', { DRIFTWISE_MAX_BODY_BYTES: String(PART_LIMIT) });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((part) => part.status)).toEqual([...parts.slice(1).map(() => 202), 201]);
    const bodies = parts.map(
      (part) => JSON.parse(part.body) as { batch: { id: string; index: number; total: number } },
    );
    expect(new Set(bodies.map((body) => body.batch.id)).size).toBe(1);
    expect(bodies.map((body) => [body.batch.index, body.batch.total])).toEqual(
      parts.map((_, index) => [index, parts.length]),
    );
    for (const part of parts) expect(Buffer.byteLength(part.body)).toBeLessThanOrEqual(PART_LIMIT);
    const total = parts.reduce((sum, part) => sum + Buffer.byteLength(part.body), 0);
    expect(total).toBeGreaterThan(PART_LIMIT * 2);

    const single = await run('single');
    expect(single.map((report) => report.status)).toEqual([201]);
    expect(JSON.parse(single[0]!.body).batch).toBeUndefined();

    const [batched, whole] = [await drift('batched'), await drift('single')];
    expect(batched.resourceCount).toBe(objectCount);
    expect(batched).toEqual(whole);
    // The example's three hand edits are found through the batch, and every filler object is extra.
    expect(batched.drift.summary).toMatchObject({ in_sync: 1, changed: 3, extra: objectCount - 4 });
    // No raw Secret value in any part.
    for (const part of parts) expect(part.body).not.toMatch(/raw-secret-value|cmF3LXNlY3JldC12YWx1ZS/);
  });
});

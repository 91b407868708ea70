import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorker } from '../../worker/scripts/local-worker.ts';
import { type FakeKubeApi, type FakeObject, kubeconfigFor, startFakeKubeApi } from './fake-kube-api.ts';
import {
  buildOperator,
  createOrgAndKey,
  findNode20,
  type LocalWorker,
  type RecordingProxy,
  spawnOperator,
  startNodeWorker,
  startRecordingProxy,
} from './harness.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const CASES = ['in-sync', 'hand-edits'] as const;
const example = (name: string, file: string) => readFileSync(join(examples, name, file), 'utf8');
// The bundle's floor is Node 20 (operator/package.json `engines`); the machine's /usr/bin/node is one.
const node20 = findNode20();

interface Drift {
  summary: Record<string, number>;
  items: { status: string; resource_id: string; changes?: { path: string; iac: unknown; live: unknown }[] }[];
}

// What must agree between the example's drift and the operator's scan (ids and times differ; `accepted`
// belongs to the baseline feature, which the worker on this branch does not have yet).
function essence(drift: Drift) {
  const { accepted: _accepted, ...summary } = drift.summary;
  return {
    summary,
    items: drift.items.map((item) => ({
      status: item.status,
      resource_id: item.resource_id,
      changes: (item.changes ?? []).map(({ path, iac, live }) => ({ path, iac, live })),
    })),
  };
}

// The same flow against both local workers: the Node server (libSQL) and `wrangler dev` (workerd, D1,
// the Durable Object limiter).
const WORKERS: [string, () => Promise<LocalWorker>][] = [
  ['the Node worker', startNodeWorker],
  ['wrangler dev', () => startLocalWorker()],
];

describe.each(WORKERS)(
  'operator end to end (recorded Kubernetes API → operator → %s)',
  (_name, startWorker) => {
    let api: FakeKubeApi;
    let worker: LocalWorker;
    let proxy: RecordingProxy;
    let main: string;
    let orgId: string;
    let key: string;
    const secretValues: string[] = [];
    const namespaces: Record<string, string> = {};

    const latestDrift = async (namespace: string): Promise<{ scanId: string; drift: Drift } | null> => {
      const headers = { 'X-API-Key': key };
      const scan = await fetch(
        `${worker.url}/api/v2/orgs/${orgId}/scans/latest?cluster_id=example-cluster&namespace=${namespace}`,
        { headers },
      );
      if (scan.status !== 200) return null;
      const { id } = (await scan.json()) as { id: string };
      const drift = await fetch(`${worker.url}/api/v2/orgs/${orgId}/scans/${id}/drift`, { headers });
      return { scanId: id, drift: (await drift.json()) as Drift };
    };
    const env = () => ({
      DRIFTWISE_API_URL: proxy.url,
      DRIFTWISE_API_KEY: key,
      DRIFTWISE_CLUSTER_ID: 'example-cluster',
      DRIFTWISE_NAMESPACES: Object.values(namespaces).join(','),
    });

    beforeAll(async () => {
      main = buildOperator();
      [api, worker] = await Promise.all([startFakeKubeApi({ pageSize: 2 }), startWorker()]);
      proxy = await startRecordingProxy(worker.url);
      ({ orgId, key } = await createOrgAndKey(worker));
      for (const name of CASES) {
        const report = JSON.parse(example(name, 'report.json')) as {
          namespace: string;
          resources: { properties: FakeObject }[];
        };
        namespaces[name] = report.namespace;
        api.seed(report.resources.map((resource) => resource.properties));
        for (const { properties } of report.resources)
          if (properties.kind === 'Secret')
            for (const value of Object.values(properties.data as Record<string, string>))
              secretValues.push(value, atob(value));
        const upload = await fetch(
          `${worker.url}/api/v2/orgs/${orgId}/state-sources/${name}/state?cluster_id=example-cluster`,
          {
            method: 'PUT',
            headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
            body: example(name, 'state.tfstate'),
          },
        );
        expect(upload.status).toBe(200);
      }
    }, 120_000);

    afterAll(async () => {
      await proxy?.close();
      await Promise.all([api?.close(), worker?.stop()]);
    });

    it('produces the examples’ drift with `npm run start -w operator -- --once`, one report per namespace', async () => {
      const run = spawnOperator(main, kubeconfigFor(api), env(), ['--once'], { npmStart: true });
      expect(await run.exited, run.output()).toBe(0);
      for (const name of CASES) {
        const latest = await latestDrift(namespaces[name]!);
        expect(essence(latest!.drift)).toEqual(essence(JSON.parse(example(name, 'drift.json')) as Drift));
      }
    });

    it.skipIf(node20 === undefined)(
      'produces the same drift with --once when the built operator runs on Node 20',
      async () => {
        const namespace = namespaces['hand-edits']!;
        const before = (await latestDrift(namespace))!.scanId;
        const from = proxy.requests.length;
        const run = spawnOperator(
          main,
          kubeconfigFor(api),
          { ...env(), DRIFTWISE_NAMESPACES: namespace },
          ['--once'],
          { node: node20! },
        );
        expect(await run.exited, run.output()).toBe(0);
        const posts = proxy.requests.slice(from).filter((r) => r.path === '/api/v2/operator/report');
        expect(posts.map((r) => r.status)).toEqual([201]);
        const latest = (await latestDrift(namespace))!;
        expect(latest.scanId).not.toBe(before);
        expect(essence(latest.drift)).toEqual(
          essence(JSON.parse(example('hand-edits', 'drift.json')) as Drift),
        );
      },
    );

    it('sends every body gzip and no raw Secret value in any of them', () => {
      const reports = proxy.requests.filter((r) => r.path === '/api/v2/operator/report');
      expect(reports.length).toBeGreaterThanOrEqual(2);
      expect(reports.every((r) => r.encoding === 'gzip')).toBe(true);
      expect(secretValues.length).toBeGreaterThan(0);
      for (const request of proxy.requests)
        for (const value of secretValues) expect(request.body).not.toContain(value);
      expect(reports.some((r) => r.body.includes('"hmac-sha256:'))).toBe(true);
    });

    it('honours Retry-After after a 429', async () => {
      proxy.rateLimitNext(1, 2);
      const from = proxy.requests.length;
      const run = spawnOperator(
        main,
        kubeconfigFor(api),
        { ...env(), DRIFTWISE_NAMESPACES: namespaces['hand-edits']! },
        ['--once'],
      );
      expect(await run.exited, run.output()).toBe(0);
      const posts = proxy.requests.slice(from).filter((r) => r.path === '/api/v2/operator/report');
      expect(posts.map((r) => r.status)).toEqual([429, 201]);
      expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1900);
    });

    it('fetches the hash key again when the worker says its key id is unknown', async () => {
      proxy.answerNext(400, {
        status: 400,
        code: 'invalid_request',
        detail: 'Secret value data.dsn is hashed with an unknown key id ("k1old"): fetch the current key',
      });
      const from = proxy.requests.length;
      const run = spawnOperator(
        main,
        kubeconfigFor(api),
        { ...env(), DRIFTWISE_NAMESPACES: namespaces['in-sync']! },
        ['--once'],
      );
      expect(await run.exited, run.output()).toBe(0);
      const seen = proxy.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.status}`);
      expect(seen).toEqual([
        'GET /api/v2/operator/secret-hash-key 200',
        'POST /api/v2/operator/report 400',
        'GET /api/v2/operator/secret-hash-key 200',
        'POST /api/v2/operator/report 201',
      ]);
    });

    it('shows a hand edit in a new scan within 10 s, serves /healthz, /readyz and /metrics, and exits 0 on SIGTERM', async () => {
      const run = spawnOperator(main, kubeconfigFor(api), {
        ...env(),
        DRIFTWISE_NAMESPACES: namespaces['in-sync']!,
      });
      const namespace = namespaces['in-sync']!;
      // Wait for the operator's first report after its sync.
      const before = (await latestDrift(namespace))!.scanId;
      for (let i = 0; i < 100 && (await latestDrift(namespace))!.scanId === before; i++)
        await new Promise((r) => setTimeout(r, 100));
      const configMap = JSON.parse(example('in-sync', 'report.json')).resources.find(
        (r: { properties: FakeObject }) => r.properties.kind === 'ConfigMap',
      ).properties as FakeObject & { data: Record<string, string> };
      const [field] = Object.keys(configMap.data);
      const edited = { ...configMap, data: { ...configMap.data, [field!]: 'edited by hand' } };
      api.compact(); // and the watch must recover from a 410 Gone on its way
      const compactedAt = api.requests.length;
      const editedAt = Date.now();
      api.apply(edited);
      let seenAfter = Number.POSITIVE_INFINITY;
      while (Date.now() - editedAt < 10_000) {
        const latest = await latestDrift(namespace);
        if (
          latest?.drift.items.some(
            (item) => item.status === 'changed' && item.resource_id.startsWith('k8s/configmap/'),
          )
        ) {
          seenAfter = Date.now() - editedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(seenAfter, run.output()).toBeLessThan(10_000);
      // The watches resumed from a compacted resourceVersion got 410 Gone and listed again.
      const relists = api.requests
        .slice(compactedAt)
        .filter((r) => r.url.includes('/configmaps?') && !r.url.includes('watch=true'));
      expect(relists.length).toBeGreaterThan(0);
      // Operations: ready once synced, and the metrics of what it did.
      const port = Number(/"msg":"ops server listening","port":(\d+)/.exec(run.output())?.[1]);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/driftwise_reports_total\{outcome="sent"\} [1-9]/);
      expect(metrics).toMatch(/driftwise_objects_watched\{kind="ConfigMap"\} [1-9]/);
      expect(metrics).toMatch(/driftwise_report_bytes_sent_total [1-9]/);
      expect(metrics).toMatch(/driftwise_last_successful_report_timestamp_seconds [1-9]/);
      expect(metrics).toContain('driftwise_report_duration_seconds_count');
      const killedAt = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      for (const value of secretValues) expect(run.output()).not.toContain(value);
    });

    it('sends a final report of a change not reported yet on SIGTERM, and exits 0 within 5 s', async () => {
      const namespace = namespaces['in-sync']!;
      const run = spawnOperator(main, kubeconfigFor(api), { ...env(), DRIFTWISE_NAMESPACES: namespace });
      // Synced and its first report sent: the next change is one the operator has not reported.
      for (let i = 0; i < 150 && !run.output().includes('"msg":"report sent"'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(run.output()).toContain('"msg":"report sent"');
      const { name } = JSON.parse(example('in-sync', 'report.json')).resources.find(
        (r: { properties: FakeObject }) => r.properties.kind === 'ConfigMap',
      ).properties.metadata as { name: string };
      const configMap = api.get('v1', 'ConfigMap', namespace, name)! as FakeObject & {
        data: Record<string, string>;
      };
      const marker = `edited just before SIGTERM ${crypto.randomUUID()}`;
      const [field] = Object.keys(configMap.data);
      api.apply({ ...configMap, data: { ...configMap.data, [field!]: marker } });
      // The watch event is there within milliseconds; the debounce (1 s) keeps its report pending.
      await new Promise((r) => setTimeout(r, 300));
      const from = proxy.requests.length;
      const killedAt = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited, run.output()).toBe(0);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      expect(run.output()).toContain('"msg":"final report before exit"');
      const finals = proxy.requests
        .slice(from)
        .filter((r) => r.path === '/api/v2/operator/report' && r.body.includes(marker));
      expect(finals.map((r) => r.status)).toEqual([201]);
    });
  },
);

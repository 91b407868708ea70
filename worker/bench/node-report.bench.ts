// `npm run bench -w worker` (after report.bench.ts on wrangler dev): the same 5,000-Deployment report on
// Node + a libSQL file, new cluster / unchanged / one changed, and the body's gzip size beside its plain
// size. Prints `BENCH <name> <value> <unit>`.
import { gzipSync } from 'node:zlib';
import { deployments, reportBody, stateBody } from './bench-fixtures.ts';
import { nodeBenchApp } from './node-app.ts';

const RESOURCES = 5_000;
const POSTS = 10;
const NAMESPACE = 'bench';
const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1]!;

const app = await nodeBenchApp();
try {
  const upload = await app.post(
    `/api/v2/orgs/${app.orgId}/state-sources/bench/state`,
    stateBody(RESOURCES / 2, NAMESPACE),
    'PUT',
  );
  if (upload.status !== 200) throw new Error(`state upload: ${upload.status} ${await upload.text()}`);
  const resources = deployments(RESOURCES, NAMESPACE);
  const post = async (clusterId: string, replicas?: number) => {
    if (replicas !== undefined)
      (resources[0]!.properties as { spec: { replicas: number } }).spec.replicas = replicas;
    const body = reportBody(clusterId, NAMESPACE, resources);
    const started = performance.now();
    const response = await app.post('/api/v2/operator/report', body);
    const text = await response.text();
    if (response.status !== 201) throw new Error(`report: ${response.status} ${text}`);
    return { elapsed: performance.now() - started, body };
  };
  await post('warm-up');
  const fresh: number[] = [];
  for (let i = 0; i < POSTS; i++) fresh.push((await post(`node-${i}`)).elapsed);
  const unchanged: number[] = [];
  for (let i = 0; i < POSTS; i++) unchanged.push((await post(`node-${POSTS - 1}`)).elapsed);
  const changed: number[] = [];
  let body = '';
  for (let i = 0; i < POSTS; i++) {
    const run = await post(`node-${POSTS - 1}`, 100 + i);
    changed.push(run.elapsed);
    body = run.body;
  }
  bench('worker.report.5k.node.new_cluster.p50', Math.round(p50(fresh)), 'ms');
  bench('worker.report.5k.node.unchanged.p50', Math.round(p50(unchanged)), 'ms');
  bench('worker.report.5k.node.one_changed.p50', Math.round(p50(changed)), 'ms');
  bench('worker.report.5k.body_kib', Math.round(Buffer.byteLength(body) / 1024), 'KiB');
  bench('worker.report.5k.gzip.body_kib', Math.round(gzipSync(body).length / 1024), 'KiB');
} finally {
  app.close();
}

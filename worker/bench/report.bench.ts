// `npm run bench -w worker`: a 5,000-Deployment report (≈ 10 MB) through `wrangler dev`, first as a new
// cluster each time (every live row written), then re-posted unchanged, then with one Deployment scaled
// each time (the body is parsed and validated, only that object matched again; one live row rewritten).
// Prints `BENCH <name> <value> <unit>`.
// Rows are counted in the local D1 file: `rows_written` for new clusters and unchanged reports (inserts
// only), `rows_added` for the one-changed case (its rewritten live row is an update, not counted).
import { createOrgAndKey } from '../scripts/create-org-and-key.ts';
import { startLocalWorker } from '../scripts/local-worker.ts';
import { deployments, reportBody, stateBody } from './bench-fixtures.ts';
import { localD1Rows } from './local-d1-rows.ts';

const RESOURCES = 5_000;
const POSTS = 20;
const NAMESPACE = 'bench';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);

const worker = await startLocalWorker();
try {
  const { orgId, rawKey } = await createOrgAndKey({
    url: worker.url,
    adminToken: worker.adminToken,
    name: 'bench',
  });
  const headers = { 'X-API-Key': rawKey, 'Content-Type': 'application/json' };

  // Half of the Deployments are declared in Terraform (an unscoped source applies to every cluster).
  const upload = await fetch(`${worker.url}/api/v2/orgs/${orgId}/state-sources/bench/state`, {
    method: 'PUT',
    headers,
    body: stateBody(RESOURCES / 2, NAMESPACE),
  });
  if (upload.status !== 200) throw new Error(`state upload: ${upload.status} ${await upload.text()}`);

  const resources = deployments(RESOURCES, NAMESPACE);
  let reloads = 0;
  const post = async (clusterId: string, replicas?: number): Promise<{ elapsed: number; bytes: number }> => {
    if (replicas !== undefined) {
      // One Deployment scaled: the body differs, so it is parsed and validated, but only that object is matched again and rewritten.
      (resources[0]!.properties as { spec: { replicas: number } }).spec.replicas = replicas;
    }
    const body = reportBody(clusterId, NAMESPACE, resources);
    const started = performance.now();
    const response = await fetch(`${worker.url}/api/v2/operator/report`, { method: 'POST', headers, body });
    const text = await response.text();
    const elapsed = performance.now() - started;
    // wrangler dev reloads the worker when a source file changes (others edit the tree): measure again.
    if (response.status === 503 && text.includes('restarted') && reloads++ < 5)
      return post(clusterId, replicas);
    if (response.status !== 201) throw new Error(`report: ${response.status} ${text}`);
    return { elapsed, bytes: Buffer.byteLength(body) };
  };

  // Warm-up: the first request compiles the worker.
  await post('warm-up');

  const full: number[] = [];
  let fullRows = 0;
  let bytes = 0;
  for (let i = 0; i < POSTS; i++) {
    const before = localD1Rows(worker.persistTo);
    const { elapsed, bytes: size } = await post(`bench-${i}`);
    fullRows = localD1Rows(worker.persistTo) - before;
    full.push(elapsed);
    bytes = size;
  }
  const unchanged: number[] = [];
  let unchangedRows = 0;
  for (let i = 0; i < POSTS; i++) {
    const before = localD1Rows(worker.persistTo);
    unchanged.push((await post(`bench-${POSTS - 1}`)).elapsed);
    unchangedRows = localD1Rows(worker.persistTo) - before;
  }

  const changedOne: number[] = [];
  let changedOneRows = 0;
  for (let i = 0; i < POSTS; i++) {
    const before = localD1Rows(worker.persistTo);
    changedOne.push((await post(`bench-${POSTS - 1}`, 100 + i)).elapsed);
    changedOneRows = localD1Rows(worker.persistTo) - before;
  }

  bench('worker.report.5k.body', Math.round(bytes / 1024), 'KiB');
  bench('worker.report.5k.new_cluster.p50', Math.round(percentile(full, 50)), 'ms');
  bench('worker.report.5k.new_cluster.p95', Math.round(percentile(full, 95)), 'ms');
  bench('worker.report.5k.new_cluster.rows_written', fullRows, 'rows');
  bench('worker.report.5k.unchanged.p50', Math.round(percentile(unchanged, 50)), 'ms');
  bench('worker.report.5k.unchanged.p95', Math.round(percentile(unchanged, 95)), 'ms');
  bench('worker.report.5k.unchanged.rows_written', unchangedRows, 'rows');
  bench('worker.report.5k.one_changed.p50', Math.round(percentile(changedOne, 50)), 'ms');
  bench('worker.report.5k.one_changed.p95', Math.round(percentile(changedOne, 95)), 'ms');
  bench('worker.report.5k.one_changed.rows_added', changedOneRows, 'rows');
  bench('worker.report.dev_reloads', reloads, 'reloads');
} finally {
  await worker.stop();
}

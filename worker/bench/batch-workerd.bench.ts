// `npm run bench -w worker`: the 50,000-Deployment whole-cluster batch (100 namespaces of 500) through
// `wrangler dev`, i.e. inside workerd with local D1, in BENCH_BATCH_PARTS parts (default 20; each part is
// one request from its own client address). Prints the total time and the largest RSS of the workerd
// processes seen while it ran (local workerd enforces no 128 MB limit, so this is a measurement only).
import { execFileSync } from 'node:child_process';
import { createOrgAndKey } from '../scripts/create-org-and-key.ts';
import { startLocalWorker } from '../scripts/local-worker.ts';
import { clusterDeployments } from './bench-fixtures.ts';

const PARTS = Number(process.env.BENCH_BATCH_PARTS ?? 20);
const NAMESPACES = 100;
const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);

/** Resident memory of the workerd processes, in KiB (ps), the largest one. */
function workerdRssKib(): number {
  try {
    const out = execFileSync('ps', ['-C', 'workerd', '-o', 'rss='], { encoding: 'utf8' });
    return Math.max(0, ...out.split('\n').filter(Boolean).map(Number));
  } catch {
    return 0;
  }
}

const worker = await startLocalWorker();
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, workerdRssKib());
}, 200);
try {
  const { rawKey } = await createOrgAndKey({ url: worker.url, adminToken: worker.adminToken, name: 'bench' });
  const batchId = crypto.randomUUID();
  const perPart = NAMESPACES / PARTS;
  const started = performance.now();
  for (let index = 0; index < PARTS; index++) {
    const response = await fetch(`${worker.url}/api/v2/operator/report`, {
      method: 'POST',
      headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        cluster_id: 'big',
        namespace: '*',
        resources: clusterDeployments(index * perPart, (index + 1) * perPart, 500),
        batch: { id: batchId, index, total: PARTS },
      }),
    });
    const text = await response.text();
    if (response.status !== (index === PARTS - 1 ? 201 : 202))
      throw new Error(`part ${index}: ${response.status} ${text.slice(0, 500)}`);
  }
  bench(
    `worker.report.50k.batch.workerd.${PARTS}_parts.total_ms`,
    Math.round(performance.now() - started),
    'ms',
  );
  bench(`worker.report.50k.batch.workerd.${PARTS}_parts.peak_rss_mib`, Math.round(peakRss / 1024), 'MiB');
} finally {
  clearInterval(sampler);
  await worker.stop();
}

// `npm run bench -w worker`: the 50,000-Deployment whole-cluster batch (100 namespaces of 500) through
// `wrangler dev`, i.e. inside workerd with local D1, in BENCH_BATCH_PARTS gzip parts (default 10, the
// issue's; each part is one request from its own client address). Prints the total time and the largest RSS of the workerd
// processes seen while it ran (local workerd enforces no 128 MB limit, so this is a measurement only).
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { createOrgAndKey } from '../scripts/create-org-and-key.ts';
import { freePort, startLocalWorker } from '../scripts/local-worker.ts';
import { clusterDeployments } from './bench-fixtures.ts';

const PARTS = Number(process.env.BENCH_BATCH_PARTS ?? 10);
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

/** Samples the worker isolate's used JS heap through the inspector (wrangler's proxy wants an Origin). */
async function heapSampler(port: number) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { Origin: 'http://localhost' },
  } as unknown as string[]);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  // Odd ids: plain readings (garbage included); even ids: readings right after a full collection (the
  // inspector answers in order), the heap really alive, what a 128 MB isolate must hold; every 500 ms.
  const peak = { used: 0, live: 0 };
  let odd = 1;
  let even = 0;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: { usedSize?: number } };
    const used = message.result?.usedSize;
    if (used === undefined || message.id === undefined) return;
    peak.used = Math.max(peak.used, used);
    if (message.id % 2 === 0) peak.live = Math.max(peak.live, used);
  });
  const send = (parity: 'odd' | 'even', method: string) => {
    let id: number;
    if (parity === 'odd') {
      odd += 2;
      id = odd;
    } else {
      even += 2;
      id = even;
    }
    socket.send(JSON.stringify({ id, method }));
  };
  // wrangler's proxy turns these on for a devtools client; Network keeps the bodies of the isolate's
  // requests (every D1 call is one) for the Network tab, which would be measured as the worker's heap.
  send('odd', 'Network.disable');
  send('odd', 'Debugger.disable');
  const plain = setInterval(() => {
    send('odd', 'Runtime.getHeapUsage');
  }, 20);
  const collected = setInterval(() => {
    send('even', 'HeapProfiler.collectGarbage');
    send('even', 'Runtime.getHeapUsage');
  }, 500);
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(plain);
      clearInterval(collected);
      socket.close();
    },
  };
}

const inspectorPort = await freePort();
const worker = await startLocalWorker({ args: ['--inspector-port', String(inspectorPort)] });
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, workerdRssKib());
}, 200);
const heap = await heapSampler(inspectorPort);
try {
  const { rawKey } = await createOrgAndKey({ url: worker.url, adminToken: worker.adminToken, name: 'bench' });
  const batchId = crypto.randomUUID();
  const perPart = NAMESPACES / PARTS;
  const started = performance.now();
  for (let index = 0; index < PARTS; index++) {
    const response = await fetch(`${worker.url}/api/v2/operator/report`, {
      method: 'POST',
      headers: { 'X-API-Key': rawKey, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(
        JSON.stringify({
          cluster_id: 'big',
          namespace: '*',
          resources: clusterDeployments(index * perPart, (index + 1) * perPart, 500),
          batch: { id: batchId, index, total: PARTS },
        }),
      ),
    });
    const text = await response.text();
    if (process.env.BENCH_VERBOSE)
      console.error(`part ${index}: live heap so far ${Math.round(heap.peak().live / 1048576)} MiB`);
    if (response.status !== (index === PARTS - 1 ? 201 : 202))
      throw new Error(`part ${index}: ${response.status} ${text.slice(0, 500)}`);
  }
  bench(
    `worker.report.50k.batch.workerd.${PARTS}_parts.total_ms`,
    Math.round(performance.now() - started),
    'ms',
  );
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  bench(`worker.report.50k.batch.workerd.${PARTS}_parts.peak_heap_mib`, mib(heap.peak().used), 'MiB');
  bench(`worker.report.50k.batch.workerd.${PARTS}_parts.peak_live_heap_mib`, mib(heap.peak().live), 'MiB');
  bench(`worker.report.50k.batch.workerd.${PARTS}_parts.peak_rss_mib`, Math.round(peakRss / 1024), 'MiB');
} finally {
  clearInterval(sampler);
  heap.stop();
  await worker.stop();
}

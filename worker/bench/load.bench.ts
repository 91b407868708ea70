// `npm run bench -w worker` (second part): 60 s of 50-resource reports from a second process (autocannon)
// against `wrangler dev` on loopback. Prints throughput, p99, the status counts, and whether the 429s are
// exactly the ones the limit (120 per rolling minute per client IP) calls for.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrgAndKey } from '../scripts/create-org-and-key.ts';
import { startLocalWorker } from '../scripts/local-worker.ts';
import { deployments, reportBody } from './bench-fixtures.ts';
import { localScanTimes } from './local-d1-rows.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CONNECTIONS = 10;
const LIMIT_PER_MINUTE = 120;
const autocannon = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'node_modules',
  'autocannon',
  'autocannon.js',
);
const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${name} ${value} ${unit}`);

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; p50: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

const worker = await startLocalWorker();
try {
  const { rawKey } = await createOrgAndKey({
    url: worker.url,
    adminToken: worker.adminToken,
    name: 'load',
  });
  const body = reportBody('load', 'bench', deployments(50, 'bench'));

  const child = spawn(
    process.execPath,
    [
      autocannon,
      '--json',
      '--duration',
      String(SECONDS),
      '--connections',
      String(CONNECTIONS),
      '--method',
      'POST',
      '--headers',
      'content-type=application/json',
      '--headers',
      `x-api-key=${rawKey}`,
      '--body',
      body,
      `${worker.url}/api/v2/operator/report`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const result = JSON.parse(output) as AutocannonResult;
  const counts = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  const ok = counts['201'] ?? 0;
  const limited = counts['429'] ?? 0;
  const serverErrors = Object.entries(counts)
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, count]) => sum + count, 0);
  const other = result.requests.total - ok - limited - serverErrors;
  // Every request comes from 127.0.0.1: at most 120 may pass in any rolling minute, and the 429s must not
  // come early (at least 120 passed). Scans are stamped a little after the limiter decides, so windows of
  // 59 s are checked against the limit.
  const times = localScanTimes(worker.persistTo);
  let busiest = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 59_000) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  bench('worker.load.seconds', SECONDS, 's');
  bench('worker.load.throughput', Math.round(result.requests.average), 'req/s');
  bench('worker.load.p50', result.latency.p50, 'ms');
  bench('worker.load.p99', result.latency.p99, 'ms');
  bench('worker.load.201', ok, 'responses');
  bench('worker.load.429', limited, 'responses');
  bench('worker.load.5xx', serverErrors, 'responses');
  bench('worker.load.other', other + result.errors + result.timeouts, 'responses');
  bench('worker.load.busiest_minute', busiest, 'scans');
  bench('worker.load.limit_respected', busiest <= LIMIT_PER_MINUTE && ok >= LIMIT_PER_MINUTE ? 1 : 0, 'bool');
  if (serverErrors > 0) process.exitCode = 1;
} finally {
  await worker.stop();
}

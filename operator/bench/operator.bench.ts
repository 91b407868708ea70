// The operator against a recorded cluster of 20,000 objects (issue 10 "Benchmarks"), printing BENCH lines:
// RSS after sync, CPU time per report cycle, gzip bytes per unchanged cycle, change → scan time. Every
// object carries a managedFields entry as real ones do: the whole-cluster scope is then ~20 MB of JSON,
// over the 16 MiB body limit, and goes as a batch of two parts.
// The worker here is a minimal HTTP receiver of reports and batch parts (202 until complete, then 201):
// the worker's own ingest time is not the operator's and is measured by the worker's benchmark.
// Run: npm run bench -w operator (builds dist/main.mjs first).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type FakeObject, kubeconfigFor, startFakeKubeApi } from '../test/fake-kube-api.ts';
import { spawnOperator } from '../test/harness.ts';

const NAMESPACES = 200;
const PER_NAMESPACE = { ConfigMap: 40, Deployment: 30, Service: 20, Secret: 10 }; // 100 per namespace
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.mjs');

// The managedFields entry the API server keeps for the writer of every field (here Terraform's
// server-side apply): `fieldsV1` mirrors the object's fields, `f:<key>` per map key, lists as leaves
// (simplified: the server writes `k:{…}` / `v:…` keys for list items). Real objects carry one or more;
// the worker reads them for changed_by, so the operator keeps and sends them.
function fieldsV1(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, unknown> = { '.': {} };
  for (const [key, item] of Object.entries(value)) out[`f:${key}`] = fieldsV1(item);
  return out;
}
function managed(object: FakeObject): FakeObject {
  const { apiVersion, kind: _kind, metadata, ...rest } = object;
  const { name: _n, namespace: _ns, creationTimestamp: _c, ...ownMetadata } = metadata;
  const fields = fieldsV1({ ...rest, metadata: ownMetadata }) as Record<string, unknown>;
  delete fields['.'];
  const entry = {
    manager: 'Terraform',
    operation: 'Apply',
    apiVersion,
    time: '2026-11-01T10:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
  };
  return { ...object, metadata: { ...metadata, managedFields: [entry] } };
}

function objects(): FakeObject[] {
  return unmanaged().map(managed);
}

function unmanaged(): FakeObject[] {
  const out: FakeObject[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const namespace = `team-${n}`;
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const meta = (name: string) => ({
      name,
      namespace,
      labels: { app: name, team: namespace },
      creationTimestamp: '2026-11-01T10:00:00Z',
    });
    for (let i = 0; i < PER_NAMESPACE.ConfigMap; i++)
      out.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(`cm-${i}`),
        data: { 'app.yaml': `replicas: ${i}\nlog: info\n`.repeat(4) },
      });
    for (let i = 0; i < PER_NAMESPACE.Deployment; i++)
      out.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(`api-${i}`),
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: `api-${i}` } },
          template: {
            metadata: { labels: { app: `api-${i}` } },
            spec: {
              containers: [
                { name: 'api', image: `registry.example/api:${i}.0`, ports: [{ containerPort: 8080 }] },
              ],
            },
          },
        },
      });
    for (let i = 0; i < PER_NAMESPACE.Service; i++)
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(`svc-${i}`),
        spec: { selector: { app: `api-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
      });
    for (let i = 0; i < PER_NAMESPACE.Secret; i++)
      out.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta(`secret-${i}`),
        type: 'Opaque',
        data: { password: btoa(`pw-${n}-${i}`) },
      });
  }
  return out;
}

// Receives reports: counts gzip bytes per completed report, keeps the latest inflated bodies.
async function startReceiver() {
  const reports: { at: number; bytes: number; parts: number; text: string }[] = [];
  const batches = new Map<string, { bytes: number; parts: Map<number, string> }>();
  const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/api/v2/operator/secret-hash-key') {
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ algorithm: 'hmac-sha256', key_id: 'k1bench', key }));
        return;
      }
      const raw = Buffer.concat(chunks);
      const text = gunzipSync(raw).toString('utf8');
      const batch = /"batch":\{"id":"([^"]+)","index":(\d+),"total":(\d+)\}/.exec(text.slice(0, 200));
      if (!batch) {
        reports.push({ at: Date.now(), bytes: raw.byteLength, parts: 1, text });
        res
          .writeHead(201, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ report_id: crypto.randomUUID(), resource_count: 0 }));
        return;
      }
      const [, id, index, total] = batch;
      const entry = batches.get(id!) ?? { bytes: 0, parts: new Map<number, string>() };
      batches.set(id!, entry);
      entry.bytes += raw.byteLength;
      // A batch id is new on every send (docs/operator.md): compare the parts without it.
      entry.parts.set(Number(index), text.replace(`"id":"${id}"`, '"id":"<batch>"'));
      if (entry.parts.size < Number(total)) {
        res
          .writeHead(202, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ batch_id: id, received: entry.parts.size, total: Number(total) }));
        return;
      }
      batches.delete(id!);
      reports.push({
        at: Date.now(),
        bytes: entry.bytes,
        parts: entry.parts.size,
        text: [...entry.parts.values()].join('\n'),
      });
      res
        .writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ report_id: crypto.randomUUID(), resource_count: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reports,
    close: () => server.close(),
  };
}

function procStats(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKib = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  return { rssMib: rssKib / 1024, cpuMs };
}

function imageNodeOptions(): string {
  const dockerfile = readFileSync(join(dirname(main), '..', 'Dockerfile'), 'utf8');
  const match = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile);
  if (!match) throw new Error('operator/Dockerfile has no ENV NODE_OPTIONS="…" line');
  return match[1]!;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

const api = await startFakeKubeApi();
const seeded = objects();
api.seed(seeded);
const receiver = await startReceiver();
const interval = 5;
const run = spawnOperator(main, kubeconfigFor(api), {
  DRIFTWISE_API_URL: receiver.url,
  DRIFTWISE_API_KEY: 'dw2_bench',
  DRIFTWISE_CLUSTER_ID: 'bench',
  DRIFTWISE_INTERVAL_SECONDS: String(interval),
  // As the image runs it: the NODE_OPTIONS of operator/Dockerfile.
  NODE_OPTIONS: imageNodeOptions(),
});
const pid = run.child.pid!;
try {
  const started = Date.now();
  await until('the first report', () => receiver.reports[0]);
  const syncMs = Date.now() - started;
  const afterSync = procStats(pid);
  const first = receiver.reports[0]!;
  console.log(`BENCH operator.20k.objects ${seeded.length}`);
  console.log(`BENCH operator.20k.first_report_ms ${syncMs}`);
  console.log(`BENCH operator.20k.rss_after_sync_mib ${afterSync.rssMib.toFixed(1)}`);
  console.log(`BENCH operator.20k.report_parts ${first.parts}`);

  // Unchanged cycles: CPU per cycle and gzip bytes per cycle (the interval's reports of an idle cluster).
  const cycles = 3;
  const from = receiver.reports.length;
  const cpuBefore = procStats(pid).cpuMs;
  await until(
    'unchanged cycles',
    () => (receiver.reports.length >= from + cycles ? true : undefined),
    (interval + 10) * cycles * 1000,
  );
  const cpuPerCycle = (procStats(pid).cpuMs - cpuBefore) / cycles;
  const unchanged = receiver.reports.slice(from, from + cycles);
  const identical = unchanged.every((r) => r.text === first.text);
  console.log(`BENCH operator.20k.cpu_ms_per_cycle ${cpuPerCycle.toFixed(0)}`);
  console.log(`BENCH operator.20k.unchanged_cycle_gzip_kib ${(unchanged[0]!.bytes / 1024).toFixed(0)}`);
  console.log(`BENCH operator.20k.unchanged_body_identical ${identical}`);

  // Change → scan: a hand edit, then the first report that carries it.
  const latencies: number[] = [];
  for (let i = 0; i < 8; i++) {
    await wait(500 + Math.floor(Math.random() * 2500));
    const target = seeded.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === `team-${i * 7}`)!;
    const marker = `edited-${i}-${crypto.randomUUID()}`;
    const editedAt = Date.now();
    const fromReports = receiver.reports.length;
    api.apply({ ...target, data: { 'app.yaml': marker } });
    const seen = await until(
      'the edit in a report',
      () => receiver.reports.slice(fromReports).find((r) => r.text.includes(marker)),
      60_000,
    );
    latencies.push(seen.at - editedAt);
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
  console.log(`BENCH operator.20k.change_to_report_p50_ms ${p(0.5)}`);
  console.log(`BENCH operator.20k.change_to_report_p95_ms ${p(0.95)}`);
  console.log(`BENCH operator.20k.rss_end_mib ${procStats(pid).rssMib.toFixed(1)}`);
} finally {
  run.child.kill('SIGTERM');
  await run.exited;
  receiver.close();
  await api.close();
}

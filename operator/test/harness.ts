// Processes and servers the end-to-end test and the benchmark start on 127.0.0.1: the real Node worker
// (worker/src/node.ts on a libSQL file), a recording proxy in front of it, and the built operator.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const operatorDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(operatorDir, '..');

export interface LocalWorker {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** The Node worker on a free port with a fresh libSQL file; resolves once `/healthz` answers. */
export async function startNodeWorker(): Promise<LocalWorker> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-op-worker-'));
  const port = await freePort();
  const adminToken = `admin-${crypto.randomUUID()}`;
  let output = '';
  const child = spawn(process.execPath, ['--experimental-strip-types', join(repo, 'worker/src/node.ts')], {
    cwd: join(repo, 'worker'),
    env: {
      ...process.env,
      PORT: String(port),
      DRIFTWISE_DATABASE_URL: `file:${join(dir, 'driftwise.db')}`,
      ADMIN_TOKEN: adminToken,
      API_KEY_PEPPER: `pepper-${crypto.randomUUID()}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`no /healthz after 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    adminToken,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** One request the proxy saw: the body inflated when it was gzip. */
export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  encoding: string | undefined;
  body: string;
  status: number;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  /** Answers the next `count` report POSTs with 429 and `Retry-After: seconds` instead of forwarding. */
  rateLimitNext(count: number, seconds: number): void;
  /** Answers the next report POST with this status and problem body instead of forwarding. */
  answerNext(status: number, problem: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** A proxy in front of `target` that records every request body (to check what left the cluster). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  let limited = 0;
  let retryAfter = 1;
  let canned: { status: number; problem: Record<string, unknown> } | undefined;
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      const encoding = incoming.headers['content-encoding'];
      const record: RecordedRequest = {
        at: Date.now(),
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        encoding,
        body: (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        status: 0,
      };
      requests.push(record);
      if (canned && record.method === 'POST' && record.path === '/api/v2/operator/report') {
        record.status = canned.status;
        outgoing.writeHead(canned.status, { 'Content-Type': 'application/problem+json' });
        outgoing.end(JSON.stringify(canned.problem));
        canned = undefined;
        return;
      }
      if (limited > 0 && record.method === 'POST' && record.path === '/api/v2/operator/report') {
        limited -= 1;
        record.status = 429;
        outgoing.writeHead(429, {
          'Content-Type': 'application/problem+json',
          'Retry-After': String(retryAfter),
        });
        outgoing.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Too many requests',
            status: 429,
            code: 'rate_limited',
          }),
        );
        return;
      }
      const forward = httpRequest(
        `${target}${incoming.url}`,
        { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
        (response) => {
          record.status = response.statusCode ?? 0;
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on('error', () => outgoing.writeHead(502).end());
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    rateLimitNext(count, seconds) {
      limited = count;
      retryAfter = seconds;
    },
    answerNext(status, problem) {
      canned = { status, problem };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Builds dist/main.mjs (the same command `npm run build -w operator` runs). */
export function buildOperator(): string {
  execFileSync(process.execPath, [join(operatorDir, 'build.mjs')], { stdio: 'inherit' });
  return join(operatorDir, 'dist', 'main.mjs');
}

export interface OperatorProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * A Node 20 binary to run the built operator with (the bundle's floor, `engines` in operator/package.json):
 * `DRIFTWISE_TEST_NODE20` if set, else the machine's `/usr/bin/node` or `/usr/local/bin/node` when it is
 * v20. `undefined` when there is none.
 */
export function findNode20(): string | undefined {
  const candidates = [process.env.DRIFTWISE_TEST_NODE20, '/usr/bin/node', '/usr/local/bin/node'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const version = execFileSync(candidate, ['-v'], { encoding: 'utf8' }).trim();
      if (version.startsWith('v20.')) return candidate;
    } catch {
      // Not there, or not runnable: try the next one.
    }
  }
  return undefined;
}

/** How {@link spawnOperator} starts the built operator. */
export interface SpawnOptions {
  /** The Node binary (this process's by default). */
  node?: string;
  /** Through `npm run start -w operator -- <args>` from the repository root, as the README says. */
  npmStart?: boolean;
}

/**
 * Runs the built operator with a kubeconfig file for `kubeconfig` and the given environment, on `node`
 * (this process's Node unless told otherwise), or through `npm run start`.
 */
export function spawnOperator(
  main: string,
  kubeconfig: string,
  env: Record<string, string>,
  args: string[] = [],
  { node = process.execPath, npmStart = false }: SpawnOptions = {},
): OperatorProcess {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-op-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, kubeconfig);
  let output = '';
  // Not the test's own environment: a KUBERNETES_SERVICE_HOST there would point it elsewhere.
  const [command, commandArgs] = npmStart
    ? ['npm', ['run', '--silent', 'start', '-w', 'operator', '--', ...args]]
    : [node, [main, ...args]];
  const child = spawn(command, commandArgs, {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      ...(npmStart && process.env.HOME ? { HOME: process.env.HOME } : {}),
      KUBECONFIG: file,
      DRIFTWISE_METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** Creates an org and a write key on the worker with its admin token. */
export async function createOrgAndKey(worker: LocalWorker): Promise<{ orgId: string; key: string }> {
  const admin = { Authorization: `Bearer ${worker.adminToken}`, 'Content-Type': 'application/json' };
  const org = (await (
    await fetch(`${worker.url}/api/v2/admin/orgs`, { method: 'POST', headers: admin, body: '{"name":"op"}' })
  ).json()) as {
    id: string;
  };
  const key = (await (
    await fetch(`${worker.url}/api/v2/orgs/${org.id}/api-keys`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"operator","scopes":["write"]}',
    })
  ).json()) as { raw_key: string };
  return { orgId: org.id, key: key.raw_key };
}

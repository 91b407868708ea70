// The Node/libSQL app for the benchmarks: a libSQL file in a fresh temporary folder, served in-process
// through `app.request` (no socket), each request from its own client address so the limiter stays out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStandaloneApp } from '../src/standalone.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const ADMIN_TOKEN = 'bench-admin-token';
let peer = 0;

/** A Node app on a libSQL file, an org, a write key, and `post`/`get` helpers. */
export async function nodeBenchApp() {
  const folder = mkdtempSync(join(tmpdir(), 'driftwise-bench-'));
  const vars: Record<string, string> = {
    DRIFTWISE_DATABASE_URL: `file:${join(folder, 'bench.db')}`,
    ADMIN_TOKEN,
    API_KEY_PEPPER: 'bench-pepper',
    MAX_BODY_BYTES: String(16 * 1024 * 1024),
  };
  const standalone = await createStandaloneApp({
    env: (name) => vars[name],
    clientIp: (c) => c.req.header('X-Bench-Peer'),
    migrationsDir,
  });
  // Database calls (each `execute` or `batch` is one D1 call: Workers count them against the invocation's
  // 1,000 subrequests) and the statements they carry.
  const db = { calls: 0, statements: 0 };
  const { client } = standalone;
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((...args: Parameters<typeof execute>) => {
    db.calls += 1;
    db.statements += 1;
    return execute(...args);
  }) as typeof execute;
  client.batch = ((statements: Parameters<typeof batch>[0], ...rest: unknown[]) => {
    db.calls += 1;
    db.statements += statements.length;
    return batch(statements, ...(rest as []));
  }) as typeof batch;
  const request = (path: string, init: RequestInit & { headers?: Record<string, string> }) => {
    peer += 1;
    return standalone.app.request(
      `http://driftwise.bench${path}`,
      { ...init, headers: { 'X-Bench-Peer': `198.51.100.${peer}`, ...init.headers } },
      { ...standalone.bindings, MAX_BODY_BYTES: vars.MAX_BODY_BYTES },
    );
  };
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
  const org = (await (
    await request('/api/v2/admin/orgs', { method: 'POST', headers: admin, body: '{"name":"bench"}' })
  ).json()) as { id: string };
  const key = (await (
    await request(`/api/v2/orgs/${org.id}/api-keys`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"bench","scopes":["write"]}',
    })
  ).json()) as { raw_key: string };
  const headers = { 'X-API-Key': key.raw_key, 'Content-Type': 'application/json' };
  return {
    orgId: org.id,
    store: standalone.store,
    db,
    post: (path: string, body: string, method = 'POST') => request(path, { method, headers, body }),
    /** A gzip body (`Content-Encoding: gzip`). */
    postGzip: (path: string, body: Uint8Array) =>
      request(path, { method: 'POST', headers: { ...headers, 'Content-Encoding': 'gzip' }, body }),
    get: (path: string) => request(path, { method: 'GET', headers }),
    close: () => {
      standalone.client.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/local-worker.ts';
import { readMigrations } from '../src/store/read-migrations.ts';
import { DENO_ENTRY_ARGS, denoCommand } from './deno-command.ts';
import { example, migrationsDir } from './libsql-app.ts';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

// Deno is a root devDependency (the npm package's native binary), so its entry always runs here: a
// missing binary fails the suite rather than skipping it.
const runtimes = [
  {
    name: 'node',
    command: () => process.execPath,
    args: ['--experimental-strip-types', join(src, 'node.ts')],
  },
  { name: 'deno', command: denoCommand, args: [...DENO_ENTRY_ARGS] },
];

describe.each(runtimes)('$name entry', ({ command, args }) => {
  let child: ChildProcess;
  let url: string;
  let dir: string;
  let output = '';
  const adminToken = `admin-${crypto.randomUUID()}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftwise-node-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(command(), args, {
      // Deno finds the project's node_modules from the package folder.
      cwd: join(src, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        DRIFTWISE_DATABASE_URL: `file:${join(dir, 'driftwise.db')}`,
        ADMIN_TOKEN: adminToken,
        API_KEY_PEPPER: `pepper-${crypto.randomUUID()}`,
        DENO_NO_UPDATE_CHECK: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    // Deno's first start compiles and caches the modules: give it longer.
    const deadline = Date.now() + 40_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the entry exited ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`no /healthz after 40 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      // The entry closes the server and the database on SIGTERM and exits 0.
      expect(await exited).toBe(0);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves org, key, state, report and drift over HTTP from a libSQL file', async () => {
    const send = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${url}${path}`, init);
      return { response, body: (await response.json()) as Record<string, unknown> };
    };
    const admin = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
    const org = await send('/api/v2/admin/orgs', { method: 'POST', headers: admin, body: '{"name":"node"}' });
    expect(org.response.status).toBe(201);
    const key = await send(`/api/v2/orgs/${org.body.id}/api-keys`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"operator","scopes":["write"]}',
    });
    expect(key.response.status).toBe(201);
    const auth = { 'X-API-Key': String(key.body.raw_key), 'Content-Type': 'application/json' };
    const { state, report, drift } = example('hand-edits');
    const upload = await send(
      `/api/v2/orgs/${org.body.id}/state-sources/main/state?cluster_id=example-cluster`,
      {
        method: 'PUT',
        headers: auth,
        body: state,
      },
    );
    expect(upload.response.status).toBe(200);
    const posted = await send('/api/v2/operator/report', { method: 'POST', headers: auth, body: report });
    expect(posted.response.status).toBe(201);
    expect(posted.response.headers.get('RateLimit-Remaining')).toBe('119');
    const scanId = String(posted.body.report_id);
    const scan = await send(`/api/v2/orgs/${org.body.id}/scans/${scanId}/drift`, { headers: auth });
    expect(scan.response.status).toBe(200);
    expect(scan.body).toEqual(
      JSON.parse(
        drift.replaceAll('<scan-uuid>', scanId).replaceAll('<scan-created-at>', String(scan.body.created_at)),
      ),
    );
  });

  it('keys the rate limit on the socket, not on a CF-Connecting-IP the client sends', async () => {
    const post = (ip: string) =>
      fetch(`${url}/api/v2/operator/report`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
        body: '{}',
      });
    const first = await post('198.51.100.1');
    const second = await post('198.51.100.2');
    expect(first.status).toBe(401);
    expect(Number(second.headers.get('RateLimit-Remaining'))).toBe(
      Number(first.headers.get('RateLimit-Remaining')) - 1,
    );
  });

  it('recorded the migrations in the database file as wrangler does', async () => {
    const client = createClient({ url: `file:${join(dir, 'driftwise.db')}` });
    try {
      const { rows } = await client.execute('SELECT name FROM d1_migrations ORDER BY id');
      const files = (await readMigrations(migrationsDir)).map((migration) => migration.name);
      expect(rows.map((row) => row.name)).toEqual(files);
      expect(files[0]).toBe('0000_init.sql');
    } finally {
      client.close();
    }
  });
});

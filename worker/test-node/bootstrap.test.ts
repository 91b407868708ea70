import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevServerFile, writeDevServerFile } from '../scripts/dev-server-file.ts';
import { freePort, startLocalWorker } from '../scripts/local-worker.ts';
import { type NodeServer, startNodeServer } from './node-server.ts';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'bootstrap.ts');

/** Runs the bootstrap script as `npm run bootstrap` does; never rejects. */
async function bootstrapWith(
  extraEnv: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Neither the developer's ADMIN_TOKEN nor the record of their own `npm run dev` may leak into these runs.
  const env = {
    ...process.env,
    ADMIN_TOKEN: '',
    DRIFTWISE_DEV_SERVER_FILE: '/nonexistent/dev.json',
    ...extraEnv,
  };
  return promisify(execFile)(process.execPath, ['--experimental-strip-types', script, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const bootstrap = (...args: string[]) => bootstrapWith({}, ...args);

describe('npm run bootstrap', () => {
  let server: NodeServer;
  beforeAll(async () => {
    server = await startNodeServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const orgIdOf = (stdout: string) => /^org id: {2}(\S+)/m.exec(stdout)?.[1];

  it('creates an org and a write key and prints both', async () => {
    const run = await bootstrap(
      '--url',
      server.url,
      '--admin-token',
      server.adminToken,
      '--org-name',
      'first',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^org id: {2}[0-9a-f-]{36} {3}\(new org "first"/m);
    expect(run.stdout).toMatch(/^api key: dw2_\S+ {3}\(shown once; scopes: \["write"\]\)/m);
  });

  it('reuses the org of the same name on a second run', async () => {
    const args = ['--url', server.url, '--admin-token', server.adminToken, '--org-name', 'again'];
    const first = await bootstrap(...args);
    const second = await bootstrap(...args);
    expect(orgIdOf(second.stdout)).toBe(orgIdOf(first.stdout));
    expect(second.stdout).toContain('(existing org "again"');
  });

  it('prints one line and exits 1 when the admin token is wrong', async () => {
    const run = await bootstrap('--url', server.url, '--admin-token', 'wrong');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `bootstrap: the server at ${server.url} refused the admin token (401): pass --admin-token or ADMIN_TOKEN with the server's ADMIN_TOKEN\n`,
    );
  });

  it('prints one line and exits 1 when no server answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await bootstrap('--url', url);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `bootstrap: no DriftWise server answers at ${url}: start one with \`npm run dev\`, or pass --url\n`,
    );
  });
});

describe('npm run bootstrap after npm run dev', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-devrecord-'));
  const file = join(dir, 'driftwise-dev.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the port the dev server chose when no --url is given', async () => {
    const worker = await startLocalWorker({ devServerFile: file });
    try {
      const run = await bootstrapWith({ DRIFTWISE_DEV_SERVER_FILE: file, ADMIN_TOKEN: worker.adminToken });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`(new org "acme" at ${worker.url})`);
    } finally {
      await worker.stop();
    }
  }, 90_000);
});

describe('readDevServerFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-devfile-'));
  const file = join(dir, 'driftwise-dev.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the URL the dev server recorded while its process runs', () => {
    writeDevServerFile({ url: 'http://127.0.0.1:8791', pid: process.pid }, file);
    expect(readDevServerFile(file)?.url).toBe('http://127.0.0.1:8791');
  });

  it('returns nothing when the recorded process is gone', () => {
    writeDevServerFile({ url: 'http://127.0.0.1:8791', pid: 4_000_000 }, file);
    expect(readDevServerFile(file, () => false)).toBeUndefined();
  });

  it('returns nothing when there is no file', () => {
    expect(readDevServerFile(join(dir, 'absent.json'))).toBeUndefined();
  });
});

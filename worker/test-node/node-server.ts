import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/local-worker.ts';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'node.ts');

/** A Node server (`src/node.ts`) on a free loopback port with its own database file. */
export interface NodeServer {
  url: string;
  adminToken: string;
  /** Stops the server and removes its database. */
  stop: () => Promise<void>;
}

/**
 * Starts the real Node entry as a child process, as `npm run start:node -w worker` does, and waits for
 * `/healthz`: the CLI and bootstrap tests talk to it over HTTP like a user would.
 */
export async function startNodeServer(extraEnv: Record<string, string> = {}): Promise<NodeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `admin-${crypto.randomUUID()}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--experimental-strip-types', entry], {
    env: {
      ...process.env,
      PORT: String(port),
      DRIFTWISE_DATABASE_URL: `file:${join(dir, 'driftwise.db')}`,
      ADMIN_TOKEN: adminToken,
      API_KEY_PEPPER: `pepper-${crypto.randomUUID()}`,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Node entry exited ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, adminToken, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no /healthz after 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

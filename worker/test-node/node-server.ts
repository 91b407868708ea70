import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/local-worker.ts';
import { DENO_ENTRY_ARGS, denoCommand } from './deno-command.ts';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** A standalone server (`src/node.ts`, or `src/deno.ts` on Deno) on a free loopback port with its own database file. */
export interface NodeServer {
  url: string;
  adminToken: string;
  /** Stops the server and removes its database. */
  stop: () => Promise<void>;
}

/**
 * Starts the real Node entry as a child process, as `npm run start:node -w worker` does (or, with
 * `runtime: 'deno'`, the Deno entry as `npm run start:deno -w worker` does), and waits for `/healthz`: the
 * CLI, bootstrap and webhook tests talk to it over HTTP like a user would.
 */
export async function startNodeServer(
  extraEnv: Record<string, string> = {},
  { runtime = 'node' }: { runtime?: 'node' | 'deno' } = {},
): Promise<NodeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwise-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `admin-${crypto.randomUUID()}`;
  let output = '';
  const [command, args] =
    runtime === 'deno'
      ? [denoCommand(), DENO_ENTRY_ARGS]
      : [process.execPath, ['--experimental-strip-types', join(src, 'node.ts')]];
  const child: ChildProcess = spawn(command, args, {
    // Deno finds the project's node_modules from the package folder.
    ...(runtime === 'deno' ? { cwd: join(src, '..') } : {}),
    env: {
      ...process.env,
      PORT: String(port),
      DRIFTWISE_DATABASE_URL: `file:${join(dir, 'driftwise.db')}`,
      ADMIN_TOKEN: adminToken,
      API_KEY_PEPPER: `pepper-${crypto.randomUUID()}`,
      DENO_NO_UPDATE_CHECK: '1',
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
  // Deno's first start type-strips and caches the modules: give it longer.
  const deadline = Date.now() + (runtime === 'deno' ? 40_000 : 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${runtime} entry exited ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, adminToken, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no /healthz from the ${runtime} entry:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Starts the worker with `npm run dev`'s script on a free loopback port, for the smoke test and benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const devScript = join(dirname(fileURLToPath(import.meta.url)), 'dev.ts');

/** A running local worker: its base URL, the secrets it was given, and how to stop it. */
export interface LocalWorker {
  url: string;
  adminToken: string;
  /** The folder of the local D1 and Durable Object state (removed by stop()). */
  persistTo: string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link startLocalWorker}. */
export interface StartLocalWorkerOptions {
  /** How long to wait for `/healthz`. */
  timeoutMs?: number;
  /** Extra `wrangler dev` flags. */
  args?: string[];
  /** Print wrangler's output (default: only on failure). */
  verbose?: boolean;
  /** Where `dev.ts` records its address for `npm run bootstrap` (default: nowhere). */
  devServerFile?: string;
}

/**
 * Runs `node worker/scripts/dev.ts` (what `npm run dev` runs) on a free port with a fresh persistence folder,
 * waits until `/healthz` answers, and returns a handle that stops the whole process group.
 */
export async function startLocalWorker(options: StartLocalWorkerOptions = {}): Promise<LocalWorker> {
  const { timeoutMs = 60_000, args = [], verbose = false, devServerFile = '' } = options;
  const port = await freePort();
  const persistTo = mkdtempSync(join(tmpdir(), 'driftwise-worker-'));
  const adminToken = `admin-${crypto.randomUUID()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      devScript,
      '--port',
      String(port),
      '--persist-to',
      persistTo,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--var',
      `API_KEY_PEPPER:pepper-${crypto.randomUUID()}`,
      ...(verbose ? [] : ['--log-level', 'warn']),
      ...args,
    ],
    // Own process group, so stop() reaches wrangler and workerd under it. No dev-server record by default:
    // the default file belongs to the developer's own `npm run dev`, which bootstrap reads.
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DRIFTWISE_DEV_SERVER_FILE: devServerFile },
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (verbose) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(persistTo, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, adminToken, persistTo, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`the local worker did not come up on ${url}:\n${output}`);
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run dev` records the address it serves on, so that `npm run bootstrap` finds a server
 * started with `--port 8791` without being told. Inside `.wrangler/`, which is ignored and local anyway.
 */
export const DEV_SERVER_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.wrangler',
  'driftwise-dev.json',
);

/** What the dev server records: its URL and, when it uses the dev default, the admin token (not a secret). */
export interface DevServerRecord {
  url: string;
  adminToken?: string;
  pid: number;
}

/** Writes the record; the dev script removes it when it stops. */
export function writeDevServerFile(record: DevServerRecord, file = DEV_SERVER_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record)}\n`);
}

export function removeDevServerFile(file = DEV_SERVER_FILE): void {
  rmSync(file, { force: true });
}

/**
 * The record of a dev server that is still running, or `undefined` (no file, unreadable, or its process is
 * gone: a server killed with -9 leaves its file behind).
 */
export function readDevServerFile(
  file = DEV_SERVER_FILE,
  isAlive: (pid: number) => boolean = processIsAlive,
): DevServerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as DevServerRecord;
    return typeof record.url === 'string' && isAlive(record.pid) ? record : undefined;
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Reads the local D1 database under a `--persist-to` folder (read-only, node:sqlite) for the benchmarks.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const TABLES = [
  'cloud_accounts',
  'scan_runs',
  'live_resources',
  'drift_sets',
  'drift_chunks',
  'iac_resources',
  'state_sources',
];

function databaseFile(persistTo: string): string {
  const folder = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(folder).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${folder}`);
  return join(folder, file);
}

/** `created_at` (ms) of every scan, oldest first. */
export function localScanTimes(persistTo: string): number[] {
  const db = new DatabaseSync(databaseFile(persistTo), { readOnly: true });
  try {
    const rows = db.prepare('SELECT created_at FROM scan_runs ORDER BY seq').all() as {
      created_at: string;
    }[];
    return rows.map((row) => Date.parse(row.created_at));
  } finally {
    db.close();
  }
}

/** Total rows of the store's tables. */
export function localD1Rows(persistTo: string): number {
  const db = new DatabaseSync(databaseFile(persistTo), { readOnly: true });
  try {
    let total = 0;
    for (const table of TABLES) {
      const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
      total += row.n;
    }
    return total;
  } finally {
    db.close();
  }
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Migration } from './apply-migrations.ts';

/**
 * The `*.sql` files of a migrations folder (drizzle-kit's flat layout; `meta/` is ignored), sorted by name
 * as wrangler applies them. Node and Deno (`node:` modules) only, not Workers.
 */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(join(dir, name), 'utf8') })));
}

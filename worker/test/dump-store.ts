import { rows } from './helpers.ts';

/**
 * Every table of D1 as JSON text, `{ "<table>": [rows…] }` (D1's own `_cf_` tables excepted): where a
 * leaked Secret value would be found.
 */
export async function dumpStore(): Promise<string> {
  const tables = await rows<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  );
  const dumps = await Promise.all(
    tables.map(async (table) => [table.name, await rows(`SELECT * FROM "${table.name}"`)]),
  );
  return JSON.stringify(Object.fromEntries(dumps));
}

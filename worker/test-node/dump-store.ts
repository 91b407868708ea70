import type { LibsqlApp } from './libsql-app.ts';

/** Every table of the libSQL store as JSON text, `{ "<table>": [rows…] }`: where a leaked Secret value would be found. */
export async function dumpStore(app: LibsqlApp): Promise<string> {
  const tables = await app.client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const names = tables.rows.map((row) => String(row.name));
  const dumps = await Promise.all(
    names.map(async (name) => [name, (await app.client.execute(`SELECT * FROM "${name}"`)).rows]),
  );
  return JSON.stringify(Object.fromEntries(dumps));
}

/** Row count of one table: a refused request must leave every count as it was. */
export async function countRows(app: LibsqlApp, table: string): Promise<number> {
  return Number((await app.client.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
}

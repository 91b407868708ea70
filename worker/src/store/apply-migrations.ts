import type { Client } from '@libsql/client';

/** One migration file: its name (`0000_init.sql`) and its SQL. */
export interface Migration {
  name: string;
  sql: string;
}

// The table and shape `wrangler d1 migrations apply` keeps, so a libSQL file can be inspected (and
// migrated further) the same way as a local D1 database.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

/** drizzle-kit writes this line between the statements of a migration file. */
const BREAKPOINT = '--> statement-breakpoint';

/**
 * Applies the migrations not yet recorded in `d1_migrations`, in the order given (by name). Each file and
 * its `d1_migrations` row are one write transaction: a failing statement leaves the file unapplied.
 * Returns the names applied now.
 *
 * @example
 * await applyMigrations(client, await readMigrations('migrations')); // ['0000_init.sql'] the first time
 */
export async function applyMigrations(client: Client, migrations: readonly Migration[]): Promise<string[]> {
  await client.execute(CREATE_TABLE);
  const { rows } = await client.execute('SELECT name FROM d1_migrations');
  const applied = new Set(rows.map((row) => String(row.name)));
  const pending = migrations.filter((migration) => !applied.has(migration.name));
  for (const migration of pending) {
    const statements = migration.sql
      .split(BREAKPOINT)
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0);
    await client.batch(
      [...statements, { sql: 'INSERT INTO d1_migrations (name) VALUES (?)', args: [migration.name] }],
      'write',
    );
  }
  return pending.map((migration) => migration.name);
}

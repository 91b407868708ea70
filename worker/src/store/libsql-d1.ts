import type { Client, InValue, ResultSet } from '@libsql/client';

/**
 * D1's bound values, as the D1 API accepts them. D1 refuses `undefined` (`D1_TYPE_ERROR`); so does this
 * adapter, rather than letting the driver guess.
 */
function toInValue(value: unknown, index: number): InValue {
  if (value === undefined)
    throw new TypeError(`D1_TYPE_ERROR: Type 'undefined' not supported for ?${index + 1}`);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value as InValue;
}

/** D1 returns a BLOB column as an array of bytes; libSQL as an ArrayBuffer. */
function fromValue(value: unknown): unknown {
  return value instanceof ArrayBuffer ? [...new Uint8Array(value)] : value;
}

function rowArrays(result: ResultSet): unknown[][] {
  return result.rows.map((row) => result.columns.map((_, i) => fromValue(row[i])));
}

function rowObjects<T>(result: ResultSet): T[] {
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {};
    // Like D1, a later column of the same name wins.
    result.columns.forEach((column, i) => {
      object[column] = fromValue(row[i]);
    });
    return object as T;
  });
}

function d1Result<T>(result: ResultSet, started: number): D1Result<T> {
  return {
    success: true,
    results: rowObjects<T>(result),
    meta: {
      duration: performance.now() - started,
      // libSQL does not report these: 0, as D1 does for a query that touched nothing.
      size_after: 0,
      rows_read: 0,
      rows_written: result.rowsAffected,
      // libSQL counts no changes for a statement that returns rows (`INSERT … RETURNING`); D1 does.
      changes: result.rowsAffected,
      changed_db: result.rowsAffected > 0,
      last_row_id: result.lastInsertRowid === undefined ? 0 : Number(result.lastInsertRowid),
    },
  };
}

class LibsqlPreparedStatement implements D1PreparedStatement {
  readonly client: Client;
  readonly sql: string;
  readonly args: InValue[];

  constructor(client: Client, sql: string, args: InValue[] = []) {
    this.client = client;
    this.sql = sql;
    this.args = args;
  }

  /** A new statement with these values (D1's `bind` does not change the statement it is called on). */
  bind(...values: unknown[]): D1PreparedStatement {
    return new LibsqlPreparedStatement(this.client, this.sql, values.map(toInValue));
  }

  #execute(): Promise<ResultSet> {
    return this.client.execute({ sql: this.sql, args: this.args });
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const started = performance.now();
    return d1Result<T>(await this.#execute(), started);
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.all<T>();
  }

  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  async first<T>(colName?: string): Promise<T | null> {
    const [row] = rowObjects<Record<string, unknown>>(await this.#execute());
    if (row === undefined) return null;
    if (colName === undefined) return row as T;
    if (!(colName in row)) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${colName})`);
    return row[colName] as T;
  }

  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[] | [string[], ...T[]]> {
    const result = await this.#execute();
    const rows = rowArrays(result) as T[];
    return options?.columnNames ? [[...result.columns], ...rows] : rows;
  }
}

class LibsqlD1Database implements D1Database {
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  prepare(query: string): D1PreparedStatement {
    return new LibsqlPreparedStatement(this.#client, query);
  }

  /** One write transaction, as D1's `batch`: a failing statement rolls back every statement before it. */
  async batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    const started = performance.now();
    const stmts = statements.map((statement) => {
      if (!(statement instanceof LibsqlPreparedStatement) || statement.client !== this.#client)
        throw new TypeError('batch() takes statements prepared on the same database');
      return { sql: statement.sql, args: statement.args };
    });
    const results = await this.#client.batch(stmts, 'write');
    return results.map((result) => d1Result<T>(result, started));
  }

  exec(_query: string): Promise<D1ExecResult> {
    return Promise.reject(new Error('exec() is not supported on libSQL: use prepare() or batch()'));
  }

  /** libSQL keeps no replication bookmarks: a session is the database itself. */
  withSession(): D1DatabaseSession {
    return {
      prepare: (query) => this.prepare(query),
      batch: (statements) => this.batch(statements),
      getBookmark: () => null,
    };
  }

  dump(): Promise<ArrayBuffer> {
    return Promise.reject(new Error('dump() is not supported on libSQL'));
  }
}

/**
 * The part of Cloudflare's `D1Database` API that `D1Store` and drizzle-orm/d1 use, on a `@libsql/client`
 * client: `prepare(sql).bind(...)` with `all`/`raw`/`first`/`run`, and an atomic `batch`. D1's numbered
 * parameters (`?1`) are SQLite's, so the SQL is passed through unchanged. `exec` and `dump` are refused.
 *
 * @example
 * const store = new D1Store(libsqlD1(createClient({ url: 'file:driftwise.db' })));
 */
export function libsqlD1(client: Client): D1Database {
  return new LibsqlD1Database(client);
}

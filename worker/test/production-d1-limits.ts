// A D1Database whose statements are checked against production D1's limits, which local D1 (workerd's
// SQLite) does not enforce: https://developers.cloudflare.com/d1/platform/limits/ —
// 100,000 bytes per SQL statement, 100 bound parameters per query, 2,000,000 bytes per string, BLOB or row.

/** The published D1 limits (Workers Paid, checked 2026-12). */
export const D1_LIMITS = { statementBytes: 100_000, boundParameters: 100, rowBytes: 2_000_000 };

const bytes = (value: unknown) =>
  typeof value === 'string'
    ? new TextEncoder().encode(value).length
    : value instanceof ArrayBuffer
      ? value.byteLength
      : 8;

import type { Client, InStatement } from '@libsql/client';

/** What {@link productionD1Limits} saw: every bound statement, and the ones over a limit. */
export interface D1LimitLog {
  db: D1Database;
  statements: number;
  violations: string[];
  /** The largest statement seen (SQL text plus bound values, bytes). */
  largestStatement: number;
}

/**
 * Wraps `d1` so that every prepared statement is measured when it is bound: SQL text plus bound values
 * (counted as part of the statement, the strict reading), the number of parameters, and each value
 * against the per-string limit. The real statements run unchanged.
 *
 * @example
 * const limits = productionD1Limits(env.DB); new SqlStore(drizzle(limits.db)); … expect(limits.violations).toEqual([]);
 */
export function productionD1Limits(d1: D1Database): D1LimitLog {
  const log: D1LimitLog = { db: d1, statements: 0, violations: [], largestStatement: 0 };
  const check = checker(log);
  const prepare = (sql: string): D1PreparedStatement => {
    const statement = d1.prepare(sql);
    const bind = statement.bind.bind(statement);
    let bound = false;
    statement.bind = (...params: unknown[]) => {
      bound = true;
      check(sql, params);
      return bind(...params);
    };
    // A statement run without bind() is measured when it runs.
    for (const method of ['all', 'run', 'first', 'raw'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (!bound) check(sql, []);
        return original(...args);
      };
    }
    return statement;
  };
  log.db = new Proxy(d1, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return log;
}

function checker(log: { statements: number; violations: string[]; largestStatement: number }) {
  return (sql: string, params: readonly unknown[]) => {
    log.statements += 1;
    const size = bytes(sql) + params.reduce<number>((sum, value) => sum + bytes(value), 0);
    log.largestStatement = Math.max(log.largestStatement, size);
    const head = sql.replace(/\s+/g, ' ').slice(0, 60);
    if (size > D1_LIMITS.statementBytes) log.violations.push(`${size} bytes: ${head}`);
    if (params.length > D1_LIMITS.boundParameters)
      log.violations.push(`${params.length} parameters: ${head}`);
    for (const value of params)
      if (bytes(value) > D1_LIMITS.rowBytes) log.violations.push(`a ${bytes(value)}-byte value: ${head}`);
  };
}

/** What {@link productionLimitsClient} saw. */
export interface ClientLimitLog {
  client: Client;
  statements: number;
  /** Database calls (`execute` or `batch`): each is one D1 subrequest, 1,000 per Worker invocation. */
  calls: number;
  violations: string[];
  largestStatement: number;
}

/** D1 queries (calls) per Worker invocation, Workers Paid: "Queries per Worker invocation (read subrequest limits)". */
export const D1_CALLS_PER_INVOCATION = 1_000;

/**
 * The same checks on a `@libsql/client` client (Node and Deno), so a database file written there would
 * also be one that D1 could have written: every `execute` and every statement of a `batch`.
 */
export function productionLimitsClient(client: Client): ClientLimitLog {
  const log: ClientLimitLog = { client, statements: 0, calls: 0, violations: [], largestStatement: 0 };
  const check = checker(log);
  const measure = (statement: InStatement) => {
    if (typeof statement === 'string') check(statement, []);
    else
      check(
        statement.sql,
        Array.isArray(statement.args) ? statement.args : Object.values(statement.args ?? {}),
      );
  };
  log.client = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'execute')
        return (statement: InStatement, args?: unknown[]) => {
          log.calls += 1;
          measure(
            typeof statement === 'string' && args ? { sql: statement, args: args as never } : statement,
          );
          return target.execute(statement as never, args as never);
        };
      if (property === 'batch')
        return (statements: InStatement[], mode?: never) => {
          log.calls += 1;
          for (const statement of statements) measure(statement);
          return target.batch(statements, mode);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return log;
}

/** The largest value (bytes) of the store's JSON columns (each must fit one production D1 row), by `first`. */
export async function largestStoredValue(
  first: (query: string) => Promise<number | null | undefined>,
): Promise<number> {
  let largest = 0;
  for (const [table, column] of [
    ['live_resources', 'object'],
    ['iac_resources', 'data'],
    ['drift_chunks', 'items'],
    ['drift_set_chunks', 'summary'],
    ['value_parts', 'text'],
    ['scan_runs', 'summary'],
  ]) {
    largest = Math.max(
      largest,
      (await first(`SELECT MAX(LENGTH(CAST(${column} AS BLOB))) AS n FROM ${table}`)) ?? 0,
    );
  }
  return largest;
}

import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';

/** The admin token the tests configure (vitest.config.ts). */
export const ADMIN_TOKEN = 'test-admin-token';

let ipCounter = 0;

/** A fresh client IP, so rate-limit state of one test never leaks into another. */
export function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter % 250}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Calls the worker through its real fetch handler. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://driftwise.test${path}`, init));
}

/** JSON request options with a credential. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export const asAdmin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
export const withKey = (key: string) => ({ 'X-API-Key': key });

/** Creates an org and a key through the admin routes. */
export async function createOrgAndKey(
  scopes: string[] = ['write'],
  name = 'acme',
): Promise<{ orgId: string; key: string; keyId: string }> {
  const org = await call('/api/v2/admin/orgs', json('POST', { name }, asAdmin));
  if (org.status !== 201) throw new Error(`org: ${org.status} ${await org.text()}`);
  const { id: orgId } = (await org.json()) as { id: string };
  const key = await createKey(orgId, scopes);
  return { orgId, ...key };
}

/** Creates a key of an org with the admin token. */
export async function createKey(orgId: string, scopes: string[]): Promise<{ key: string; keyId: string }> {
  const response = await call(`/api/v2/orgs/${orgId}/api-keys`, json('POST', { name: 'k', scopes }, asAdmin));
  if (response.status !== 201) throw new Error(`key: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { id: string; raw_key: string };
  return { key: body.raw_key, keyId: body.id };
}

/** Rows of a table, straight from D1. */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  const { results } = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>();
  return results;
}

/** Row count of a table. */
export async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/**
 * Posts a report on the operator route (201 expected) and reads its scan's drift (200 expected): the scan
 * id and the drift body.
 */
export async function reportAndReadDrift<T = Record<string, unknown>>(
  orgId: string,
  key: string,
  report: unknown,
): Promise<{ scanId: string; drift: T }> {
  const posted = await call(
    '/api/v2/operator/report',
    json('POST', report, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
  expect(posted.status).toBe(201);
  const { report_id: scanId } = (await posted.json()) as { report_id: string };
  const drift = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
  expect(drift.status).toBe(200);
  return { scanId, drift: (await drift.json()) as T };
}

// The app as Node and Deno serve it (createStandaloneApp: libSQL store, in-process limiter), driven
// through `app.request` without a server.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStandaloneApp, type StandaloneApp } from '../src/standalone.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const migrationsDir = join(here, '..', '..', 'migrations');
export const ADMIN_TOKEN = 'test-admin-token';
export const asAdmin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
export const withKey = (key: string) => ({ 'X-API-Key': key });

/** The three worked examples (`examples/` at the repository root). */
export function example(name: 'in-sync' | 'hand-edits' | 'missing-extra-manifest') {
  const dir = join(here, '..', '..', 'examples', name);
  return {
    state: readFileSync(join(dir, 'state.tfstate'), 'utf8'),
    report: readFileSync(join(dir, 'report.json'), 'utf8'),
    drift: readFileSync(join(dir, 'drift.json'), 'utf8'),
  };
}

/** JSON request options. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** A test client IP header: `app.request` has no socket, so the tests name the peer themselves. */
export const CLIENT_IP_HEADER = 'X-Test-Peer';

export interface LibsqlApp extends StandaloneApp {
  call(path: string, init?: RequestInit): Promise<Response>;
  createOrgAndKey(scopes?: string[]): Promise<{ orgId: string; key: string }>;
}

/** A fresh app on an in-memory libSQL database (or `url`), migrations applied; `extra` adds variables. */
export async function libsqlApp(url = ':memory:', extra: Record<string, string> = {}): Promise<LibsqlApp> {
  const vars: Record<string, string> = {
    DRIFTWISE_DATABASE_URL: url,
    ADMIN_TOKEN,
    API_KEY_PEPPER: 'test-pepper',
    ...extra,
  };
  const standalone = await createStandaloneApp({
    env: (name) => vars[name],
    clientIp: (c) => c.req.header(CLIENT_IP_HEADER),
    migrationsDir,
  });
  const call = async (path: string, init: RequestInit = {}) =>
    standalone.app.request(`http://driftwise.test${path}`, init, standalone.bindings);
  const createOrgAndKey = async (scopes = ['write']) => {
    const org = await call('/api/v2/admin/orgs', json('POST', { name: 'acme' }, asAdmin));
    if (org.status !== 201) throw new Error(`org: ${org.status} ${await org.text()}`);
    const { id: orgId } = (await org.json()) as { id: string };
    const key = await call(`/api/v2/orgs/${orgId}/api-keys`, json('POST', { name: 'k', scopes }, asAdmin));
    if (key.status !== 201) throw new Error(`key: ${key.status} ${await key.text()}`);
    return { orgId, key: ((await key.json()) as { raw_key: string }).raw_key };
  };
  return { ...standalone, call, createOrgAndKey };
}

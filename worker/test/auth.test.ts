import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { ADMIN_TOKEN, asAdmin, call, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJl';
const report = { cluster_id: 'c1', namespace: 'default', resources: [] };

async function problem(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return (await response.json()) as { status: number; code: string };
}

describe('authentication', () => {
  it('accepts the key as X-API-Key', async () => {
    const { orgId, key } = await createOrgAndKey(['read']);
    expect((await call(`/api/v2/orgs/${orgId}/scans`, { headers: { 'X-API-Key': key } })).status).toBe(200);
  });

  it('accepts the key as Authorization: Bearer', async () => {
    const { orgId, key } = await createOrgAndKey(['read']);
    const response = await call(`/api/v2/orgs/${orgId}/scans`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no credential', {}],
    ['a malformed key', { 'X-API-Key': 'not-a-key' }],
    ['an unknown key', { 'X-API-Key': `dw2_${'A'.repeat(43)}` }],
    ['a non-bearer Authorization', { Authorization: 'Basic Zm9vOmJhcg==' }],
    ['an OIDC token off the operator route', { Authorization: `Bearer ${JWT}` }],
    ['the admin token on a data route', { Authorization: `Bearer ${ADMIN_TOKEN}` }],
  ])('answers 401 problem+json for %s', async (_name, headers) => {
    const { orgId } = await createOrgAndKey(['read']);
    const response = await call(`/api/v2/orgs/${orgId}/scans`, { headers });
    expect(response.status).toBe(401);
    expect((await problem(response)).code).toBe('unauthorized');
  });

  it('answers 403 insufficient_scope for a read key on a mutating route', async () => {
    const { orgId, key } = await createOrgAndKey(['read']);
    const response = await call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: '',
    });
    expect(response.status).toBe(403);
    expect((await problem(response)).code).toBe('insufficient_scope');
  });

  it('lets a read key use HEAD', async () => {
    const { orgId, key } = await createOrgAndKey(['read']);
    expect(
      (await call(`/api/v2/orgs/${orgId}/scans`, { method: 'HEAD', headers: withKey(key) })).status,
    ).toBe(200);
  });

  it('treats ["*"] as unrestricted', async () => {
    const { key } = await createOrgAndKey(['*']);
    const response = await call(
      '/api/v2/operator/report',
      json('POST', report, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(201);
  });

  it('answers 404 when a key asks for another org', async () => {
    const a = await createOrgAndKey(['read'], 'a');
    const b = await createOrgAndKey(['read'], 'b');
    const response = await call(`/api/v2/orgs/${b.orgId}/scans`, { headers: withKey(a.key) });
    expect(response.status).toBe(404);
    expect((await problem(response)).code).toBe('not_found');
  });

  it('answers 403 oidc_not_allowed for a JWT on the operator route', async () => {
    const response = await call(
      '/api/v2/operator/report',
      json('POST', report, { Authorization: `Bearer ${JWT}`, 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(403);
    expect((await problem(response)).code).toBe('oidc_not_allowed');
  });

  it('writes last_used_at on first use and not again within the touch interval', async () => {
    const { orgId, key, keyId } = await createOrgAndKey(['read']);
    const lastUsed = async () =>
      (
        await rows<{ last_used_at: string | null }>('SELECT last_used_at FROM api_keys WHERE id = ?', keyId)
      )[0]?.last_used_at;
    expect(await lastUsed()).toBeNull();
    await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) });
    expect(await lastUsed()).toBe(first);
  });

  it('writes last_used_at again once the touch interval has passed', async () => {
    const { orgId, key, keyId } = await createOrgAndKey(['read']);
    const later = createApp({ now: () => new Date(Date.now() + 10 * 60_000) });
    await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) });
    await later.fetch(new Request(`https://x/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) }), env);
    const [row] = await rows<{ last_used_at: string }>(
      'SELECT last_used_at FROM api_keys WHERE id = ?',
      keyId,
    );
    expect(Date.parse(row!.last_used_at)).toBeGreaterThan(Date.now() + 5 * 60_000);
  });
});

describe('admin routes', () => {
  it('create an org with the admin token', async () => {
    const response = await call('/api/v2/admin/orgs', json('POST', { name: 'acme' }, asAdmin));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({ id: expect.any(String), name: 'acme', created_at: expect.any(String) });
  });

  it('answer 401 for a wrong admin token', async () => {
    const response = await call(
      '/api/v2/admin/orgs',
      json('POST', { name: 'acme' }, { Authorization: 'Bearer nope' }),
    );
    expect(response.status).toBe(401);
  });

  it('answer 403 to an org key', async () => {
    const { key } = await createOrgAndKey(['*']);
    const response = await call('/api/v2/admin/orgs', json('POST', { name: 'x' }, withKey(key)));
    expect(response.status).toBe(403);
  });

  it('answer 403 admin_disabled when ADMIN_TOKEN is not configured', async () => {
    const app = createApp();
    const response = await app.fetch(
      new Request('https://x/api/v2/admin/orgs', json('POST', { name: 'acme' }, asAdmin)),
      { ...env, ADMIN_TOKEN: undefined },
    );
    expect(response.status).toBe(403);
    expect((await problem(response)).code).toBe('admin_disabled');
  });
});

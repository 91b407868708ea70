import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key.ts';
import { asAdmin, call, createOrgAndKey, json, rows, withKey } from './helpers.ts';

describe('api keys', () => {
  it('shows the raw key once, at creation, and "" in the list', async () => {
    const { orgId, key, keyId } = await createOrgAndKey(['read']);
    expect(key).toMatch(/^dw2_[A-Za-z0-9_-]{43}$/);
    const list = await call(`/api/v2/orgs/${orgId}/api-keys`, { headers: asAdmin });
    const body = (await list.json()) as { api_keys: Record<string, unknown>[] };
    expect(body.api_keys).toEqual([
      expect.objectContaining({
        id: keyId,
        raw_key: '',
        prefix: key.slice(0, 12),
        scopes: ['read'],
        revoked_at: null,
      }),
    ]);
  });

  it('stores only the HMAC-SHA-256 of the key under the pepper', async () => {
    const { keyId, key } = await createOrgAndKey();
    const [row] = await rows<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = ?', keyId);
    expect(row?.key_hash).toBe(await hashApiKey(key, env.API_KEY_PEPPER!));
    const all = JSON.stringify(await rows('SELECT * FROM api_keys'));
    expect(all).not.toContain(key);
  });

  it('answers 400 with the field path when a scope is unknown', async () => {
    const { orgId } = await createOrgAndKey();
    const response = await call(
      `/api/v2/orgs/${orgId}/api-keys`,
      json('POST', { name: 'x', scopes: ['read', 'admin'] }, asAdmin),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('invalid_request');
    expect(body.errors.map((error) => error.path)).toEqual(['scopes.1']);
  });

  it('lets a write key of the org create keys of its own org', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const response = await call(`/api/v2/orgs/${orgId}/api-keys`, json('POST', { name: 'ci' }, withKey(key)));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { scopes: string[] }).scopes).toEqual([]);
  });

  it('revokes a key with 204, after which the key is refused with 401', async () => {
    const { orgId, key, keyId } = await createOrgAndKey(['write']);
    const revoked = await call(`/api/v2/orgs/${orgId}/api-keys/${keyId}`, {
      method: 'DELETE',
      headers: asAdmin,
    });
    expect(revoked.status).toBe(204);
    const after = await call(`/api/v2/orgs/${orgId}/scans`, { headers: withKey(key) });
    expect(after.status).toBe(401);
    const [row] = await rows<{ revoked_at: string | null }>(
      'SELECT revoked_at FROM api_keys WHERE id = ?',
      keyId,
    );
    expect(row?.revoked_at).not.toBeNull();
  });

  it('answers 404 when revoking a key of another org', async () => {
    const a = await createOrgAndKey(['write'], 'a');
    const b = await createOrgAndKey(['write'], 'b');
    const response = await call(`/api/v2/orgs/${a.orgId}/api-keys/${b.keyId}`, {
      method: 'DELETE',
      headers: asAdmin,
    });
    expect(response.status).toBe(404);
  });

  it('answers 404 for an org that does not exist, even to the admin', async () => {
    const response = await call(`/api/v2/orgs/${crypto.randomUUID()}/api-keys`, { headers: asAdmin });
    expect(response.status).toBe(404);
  });
});

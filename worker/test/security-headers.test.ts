import { describe, expect, it } from 'vitest';
import { asAdmin, call, createOrgAndKey, json, withKey } from './helpers.ts';

// Issue 7, defect 9: nosniff on every response, no-store on everything that carries keys, drift or IaC.
describe('securityHeaders (defect 9)', () => {
  it('sends nosniff on a 404 of an unknown route', async () => {
    const response = await call('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('sends nosniff and no-store on a 401', async () => {
    const response = await call('/api/v2/orgs/x/scans');
    expect(response.status).toBe(401);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('sends no-store on key creation and on the key list', async () => {
    const { orgId } = await createOrgAndKey();
    const created = await call(`/api/v2/orgs/${orgId}/api-keys`, json('POST', { name: 'k2' }, asAdmin));
    expect(created.status).toBe(201);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const list = await call(`/api/v2/orgs/${orgId}/api-keys`, { headers: asAdmin });
    expect(list.headers.get('Cache-Control')).toBe('no-store');
    expect(list.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('sends no-store on scan and state-source lists', async () => {
    const { orgId, key } = await createOrgAndKey();
    for (const path of ['scans', 'state-sources', 'cloud-accounts']) {
      const response = await call(`/api/v2/orgs/${orgId}/${path}`, { headers: withKey(key) });
      expect([path, response.status, response.headers.get('Cache-Control')]).toEqual([path, 200, 'no-store']);
    }
  });

  it('leaves the public health check and OpenAPI document cacheable', async () => {
    const health = await call('/healthz');
    expect(health.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(health.headers.get('Cache-Control')).toBeNull();
    const openapi = await call('/api/v2/openapi.json');
    expect(openapi.headers.get('Cache-Control')).toBeNull();
  });
});

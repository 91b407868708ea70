import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { asAdmin, call, createOrgAndKey, json, withKey } from './helpers.ts';

interface OrgList {
  orgs: { id: string; name: string; created_at: string }[];
}

describe('GET /api/v2/admin/orgs', () => {
  it('lists the orgs oldest first with id, name and created_at when called with the admin token', async () => {
    const first = (await (
      await call('/api/v2/admin/orgs', json('POST', { name: 'one' }, asAdmin))
    ).json()) as {
      id: string;
    };
    const second = (await (
      await call('/api/v2/admin/orgs', json('POST', { name: 'two' }, asAdmin))
    ).json()) as {
      id: string;
    };
    const response = await call('/api/v2/admin/orgs', { headers: asAdmin });
    expect(response.status).toBe(200);
    const { orgs } = (await response.json()) as OrgList;
    const listed = orgs.filter((org) => org.id === first.id || org.id === second.id);
    expect(listed).toEqual([
      { id: first.id, name: 'one', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { id: second.id, name: 'two', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
  });

  it('answers 401 problem+json without a credential', async () => {
    const response = await call('/api/v2/admin/orgs');
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('answers 403 to an org key, even an unrestricted one', async () => {
    const { key } = await createOrgAndKey(['*']);
    const response = await call('/api/v2/admin/orgs', { headers: withKey(key) });
    expect(response.status).toBe(403);
  });

  it('answers 403 admin_disabled when ADMIN_TOKEN is not configured', async () => {
    const response = await createApp().fetch(
      new Request('https://x/api/v2/admin/orgs', { headers: asAdmin }),
      {
        ...env,
        ADMIN_TOKEN: undefined,
      },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('admin_disabled');
  });
});

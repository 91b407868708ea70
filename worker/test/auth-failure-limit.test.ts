import { describe, expect, it } from 'vitest';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

// Issue 7, defect 10: 200 wrong keys in a row drew no 429. CONTRACT: a 429 after 60 failures a minute.
const WRONG_KEY = 'dw2_wrongwrongwrongwrongwrongwrongwrongwrong';

async function statuses(n: number, request: () => Promise<Response>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) seen.push((await request()).status);
  return seen;
}

describe('authentication failure limit (defect 10)', () => {
  it('answers 429 after 60 wrong API keys from one IP on a read route', async () => {
    const { orgId } = await createOrgAndKey();
    const ip = freshIp();
    const seen = await statuses(200, () =>
      call(`/api/v2/orgs/${orgId}/scans`, { headers: { ...withKey(WRONG_KEY), 'CF-Connecting-IP': ip } }),
    );
    expect(seen.slice(0, 60)).toEqual(Array(60).fill(401));
    expect(seen.slice(60)).toEqual(Array(140).fill(429));
  });

  it('answers the 429 as problem+json with Retry-After and RateLimit-* headers', async () => {
    const { orgId } = await createOrgAndKey();
    const ip = freshIp();
    const request = () =>
      call(`/api/v2/orgs/${orgId}/state-sources`, {
        headers: { Authorization: `Bearer ${WRONG_KEY}`, 'CF-Connecting-IP': ip },
      });
    await statuses(60, request);
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
    expect(((await refused.json()) as { code: string }).code).toBe('rate_limited');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(refused.headers.get('RateLimit-Limit')).toBe('60');
    expect(refused.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(refused.headers.get('RateLimit-Reset'))).toBeGreaterThan(0);
  });

  it('answers 429 after 60 wrong admin tokens', async () => {
    const ip = freshIp();
    const seen = await statuses(61, () =>
      call(
        '/api/v2/admin/orgs',
        json('POST', { name: 'x' }, { Authorization: 'Bearer not-the-admin-token', 'CF-Connecting-IP': ip }),
      ),
    );
    expect(seen.slice(0, 60)).toEqual(Array(60).fill(401));
    expect(seen[60]).toBe(429);
  });

  it('refuses even a correct key from the blocked IP, so a right guess tells nothing', async () => {
    const { orgId, key } = await createOrgAndKey();
    const ip = freshIp();
    await statuses(60, () =>
      call(`/api/v2/orgs/${orgId}/scans`, { headers: { ...withKey(WRONG_KEY), 'CF-Connecting-IP': ip } }),
    );
    const right = await call(`/api/v2/orgs/${orgId}/scans`, {
      headers: { ...withKey(key), 'CF-Connecting-IP': ip },
    });
    expect(right.status).toBe(429);
  });

  it('does not affect a correct key from another IP', async () => {
    const { orgId, key } = await createOrgAndKey();
    const ip = freshIp();
    await statuses(61, () =>
      call(`/api/v2/orgs/${orgId}/scans`, { headers: { ...withKey(WRONG_KEY), 'CF-Connecting-IP': ip } }),
    );
    const other = await call(`/api/v2/orgs/${orgId}/scans`, {
      headers: { ...withKey(key), 'CF-Connecting-IP': freshIp() },
    });
    expect(other.status).toBe(200);
  });

  it('does not count successful authentications', async () => {
    const { orgId, key } = await createOrgAndKey();
    const ip = freshIp();
    const seen = await statuses(70, () =>
      call(`/api/v2/orgs/${orgId}/scans`, { headers: { ...withKey(key), 'CF-Connecting-IP': ip } }),
    );
    expect(seen).toEqual(Array(70).fill(200));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

// Issue 7, defect 10 on Node: the in-process limiter keeps the failure window beside the report window.
const WRONG_KEY = 'dw2_wrongwrongwrongwrongwrongwrongwrongwrong';

let app: LibsqlApp;
beforeEach(async () => {
  app = await libsqlApp();
});
afterEach(() => app.client.close());

describe('authentication failure limit on Node (defect 10)', () => {
  it('answers 429 after 60 wrong keys from one peer and still serves a right key from another', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const seen: number[] = [];
    for (let i = 0; i < 200; i++) {
      const response = await app.call(`/api/v2/orgs/${orgId}/scans`, {
        headers: { ...withKey(WRONG_KEY), [CLIENT_IP_HEADER]: '192.0.2.10' },
      });
      seen.push(response.status);
    }
    expect(seen.slice(0, 60)).toEqual(Array(60).fill(401));
    expect(seen.slice(60)).toEqual(Array(140).fill(429));
    const other = await app.call(`/api/v2/orgs/${orgId}/scans`, {
      headers: { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.11' },
    });
    expect(other.status).toBe(200);
  });
});

import { decodeBase64, type JsonObject, redactSecret, secretHasher } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import inSyncReport from '../../examples/in-sync/report.json';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import { call, createKey, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

interface HashKey {
  algorithm: string;
  key_id: string;
  key: string;
}

function getKey(headers: Record<string, string>) {
  return call('/api/v2/operator/secret-hash-key', { headers: { 'CF-Connecting-IP': freshIp(), ...headers } });
}

function base64UrlBytes(text: string): Uint8Array {
  return decodeBase64(text.replaceAll('-', '+').replaceAll('_', '/'))!;
}

/** The in-sync report with its Secret values hashed as the operator does, before they leave the cluster. */
function hashedReport(key: HashKey) {
  const hasher = secretHasher(base64UrlBytes(key.key), key.key_id);
  return {
    ...inSyncReport,
    resources: inSyncReport.resources.map((resource) =>
      resource.normalized_type === 'k8s/secret'
        ? {
            ...resource,
            properties: redactSecret(resource.properties as unknown as JsonObject, hasher, {
              data: 'base64',
            }),
          }
        : resource,
    ),
  };
}

describe('GET /api/v2/operator/secret-hash-key', () => {
  it('gives a write key the org key: 32 bytes, a k1 key id, not cached', async () => {
    const { key } = await createOrgAndKey(['write']);
    const response = await getKey(withKey(key));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = (await response.json()) as HashKey;
    expect(body.algorithm).toBe('hmac-sha256');
    expect(body.key_id).toMatch(/^k1[0-9a-f]{16}$/);
    expect(base64UrlBytes(body.key)).toHaveLength(32);
  });

  it('is stable for an org and different between orgs', async () => {
    const a = await createOrgAndKey(['write']);
    const b = await createOrgAndKey(['write']);
    const first = (await (await getKey(withKey(a.key))).json()) as HashKey;
    const again = (await (await getKey(withKey(a.key))).json()) as HashKey;
    const other = (await (await getKey(withKey(b.key))).json()) as HashKey;
    expect(again).toEqual(first);
    expect(other.key_id).not.toBe(first.key_id);
    expect(other.key).not.toBe(first.key);
  });

  it('refuses a read key with 403 insufficient_scope', async () => {
    const { orgId } = await createOrgAndKey(['write']);
    const { key } = await createKey(orgId, ['read']);
    const response = await getKey(withKey(key));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('insufficient_scope');
  });

  it('refuses a JWT with 403 oidc_not_allowed', async () => {
    const response = await getKey({ Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('oidc_not_allowed');
  });
});

describe('a report with Secret values hashed in the cluster', () => {
  async function setUp() {
    const org = await createOrgAndKey(['write']);
    const upload = await call(
      `/api/v2/orgs/${org.orgId}/state-sources/main/state?cluster_id=example-cluster`,
      json('PUT', inSyncState, withKey(org.key)),
    );
    expect(upload.status).toBe(200);
    const key = (await (await getKey(withKey(org.key))).json()) as HashKey;
    return { ...org, hashKey: key };
  }

  function post(key: string, body: unknown) {
    return call(
      '/api/v2/operator/report',
      json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
  }

  it('compares equal to the plain values of the state file and is stored as sent', async () => {
    const { orgId, key, hashKey } = await setUp();
    const report = hashedReport(hashKey);
    const response = await post(key, report);
    expect(response.status).toBe(201);
    const { report_id } = (await response.json()) as { report_id: string };
    const drift = (await (
      await call(`/api/v2/orgs/${orgId}/scans/${report_id}/drift`, { headers: withKey(key) })
    ).json()) as { items: unknown[] };
    expect(drift.items).toEqual([]);
    const sent = report.resources.find((resource) => resource.normalized_type === 'k8s/secret')!;
    const stored = await rows<{ object: string }>(
      "SELECT object FROM live_resources WHERE resource_id LIKE 'k8s/secret/%'",
    );
    const values = Object.values((sent.properties as { data: Record<string, string> }).data);
    expect(values.every((value) => value.startsWith(`hmac-sha256:${hashKey.key_id}:`))).toBe(true);
    expect(stored.some((row) => values.every((value) => row.object.includes(value)))).toBe(true);
  });

  it('is a 400 naming the value when it is hashed with another key id', async () => {
    const { key, hashKey } = await setUp();
    const report = hashedReport({ ...hashKey, key_id: 'k1ffffffffffffffff' });
    const response = await post(key, report);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    const index = report.resources.findIndex((resource) => resource.normalized_type === 'k8s/secret');
    expect(body.errors.map((error) => error.path)).toContain(`resources.${index}.properties.data.dsn`);
  });
});

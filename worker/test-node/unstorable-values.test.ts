import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnstorableValueError } from '../src/store/unstorable-value-error.ts';
import { stateWithSerial } from '../test/concurrency-cases.ts';
import { CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

// Issue 7, defect 3 on Node/libSQL, where it was seen: a serial of 2^53 was stored, and every later read
// of the org's state sources answered 500 (libSQL refuses to read the integer back).
let app: LibsqlApp;
beforeEach(async () => {
  app = await libsqlApp();
});
afterEach(() => app.client.close());

const source = (orgId: string, serial: number) => ({
  id: crypto.randomUUID(),
  orgId,
  name: 'main',
  clusterId: null,
  serial,
  lineage: 'l',
  terraformVersion: '1.9.0',
  resourceCount: 0,
  k8sResourceCount: 0,
  skippedTypes: {},
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('unstorable values on libSQL (defect 3)', () => {
  it('answers 400 to a state with serial 2^53 and keeps the org readable', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const put = await app.call(
      `/api/v2/orgs/${orgId}/state-sources/main/state`,
      json('PUT', stateWithSerial(2 ** 53), withKey(key)),
    );
    expect(put.status).toBe(400);
    const list = await app.call(`/api/v2/orgs/${orgId}/state-sources`, { headers: withKey(key) });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ state_sources: [] });
  });

  it('refuses to write a serial beyond 2^53 - 1 even when called directly', async () => {
    const { orgId } = await app.createOrgAndKey();
    const store = app.store;
    await expect(store.putStateSource(source(orgId, 2 ** 53), [])).rejects.toBeInstanceOf(
      UnstorableValueError,
    );
    expect(await store.listStateSources(orgId)).toEqual([]);
  });

  it('stores 2^53 - 1 and reads it back', async () => {
    const { orgId } = await app.createOrgAndKey();
    const store = app.store;
    await store.putStateSource(source(orgId, Number.MAX_SAFE_INTEGER), []);
    expect((await store.getStateSource(orgId, 'main'))?.serial).toBe(Number.MAX_SAFE_INTEGER);
  });

  function reportWith(extra: Record<string, number>, replicas = 2) {
    return {
      cluster_id: 'c',
      namespace: 'payments',
      resources: [
        {
          id: 'u1',
          normalized_type: 'k8s/deployment',
          provider_type: 'deployment',
          provider: 'kubernetes',
          name: 'api',
          tags: {},
          properties: {
            metadata: { name: 'api', namespace: 'payments', uid: 'u1', labels: {}, annotations: {} },
            spec: { replicas, template: { metadata: { annotations: {} } }, extra },
          },
        },
      ],
    };
  }

  it('reads back a live object whose JSON holds the extreme numbers it accepts', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const report = reportWith({
      edge: 2 ** 53 - 1,
      negative: -(2 ** 53 - 1),
      tiny: 5e-324,
      fraction: 1.5e-10,
    });
    const post = await app.call(
      '/api/v2/operator/report',
      json('POST', report, { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.7' }),
    );
    expect(post.status).toBe(201);
    const { rows } = await app.client.execute({
      sql: 'SELECT object FROM live_resources WHERE org_id = ?',
      args: [orgId],
    });
    expect(JSON.parse(String(rows[0]?.object)).spec).toEqual(report.resources[0]!.properties.spec);
  });

  it('refuses integers beyond 2^53 - 1 in a live object with a 400 naming them, storing nothing', async () => {
    const { orgId, key } = await app.createOrgAndKey();
    const post = await app.call(
      '/api/v2/operator/report',
      json('POST', reportWith({ big: 1.2345678901234567e19, huge: 1e300 }, 2 ** 60), {
        ...withKey(key),
        [CLIENT_IP_HEADER]: '192.0.2.8',
      }),
    );
    expect(post.status).toBe(400);
    const body = (await post.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual([
      'resources.0.properties.spec.extra.big',
      'resources.0.properties.spec.extra.huge',
      'resources.0.properties.spec.replicas',
    ]);
    const { rows } = await app.client.execute({
      sql: 'SELECT COUNT(*) AS n FROM live_resources WHERE org_id = ?',
      args: [orgId],
    });
    expect(Number(rows[0]?.n)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import REPORT from '../../core/test/fixtures/prototype-keys/report.json?raw';
import STATE from '../../core/test/fixtures/prototype-keys/state.tfstate?raw';
import { call, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

// `__proto__` and `constructor` are valid ConfigMap / Secret data keys and CRD spec fields: a report and a
// state holding them (JSON text, which keeps `"__proto__"` as an own key) go up the real routes, and the
// store and the drift route keep every key.

interface Change {
  path: string;
  iac: unknown;
  live: unknown;
}

interface Drift {
  summary: Record<string, number>;
  items: { resource_id: string; changes: Change[] }[];
}

/** The own keys of a parsed JSON object, sorted (a lost `__proto__` would simply be absent). */
const keysOf = (value: unknown) => Object.keys(value as object).sort();

/** The own value under `key` (`value.__proto__` would read the prototype when the key was lost). */
const own = (value: unknown, key: string): unknown => Object.getOwnPropertyDescriptor(value, key)?.value;

async function scan(reportText: string, extra: Record<string, unknown> = {}) {
  const { orgId, key } = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=prod`,
    json('PUT', STATE, withKey(key)),
  );
  expect(upload.status).toBe(200);
  expect(await upload.json()).toMatchObject({ k8s_resource_count: 3 });
  const body = JSON.stringify({ ...JSON.parse(reportText), ...extra });
  const posted = await call(
    '/api/v2/operator/report',
    json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
  expect(posted.status).toBe(201);
  const answer = JSON.parse(await posted.text()) as { report_id: string; iac?: { content: string } };
  const served = await call(`/api/v2/orgs/${orgId}/scans/${answer.report_id}/drift`, {
    headers: withKey(key),
  });
  expect(served.status).toBe(200);
  return { orgId, answer, drift: JSON.parse(await served.text()) as Drift };
}

async function storedObject(orgId: string, resourceId: string): Promise<Record<string, unknown>> {
  const [row] = await rows<{ object: string }>(
    'SELECT object FROM live_resources WHERE org_id = ? AND resource_id = ?',
    orgId,
    resourceId,
  );
  if (row === undefined) throw new Error(`${resourceId} not stored`);
  return JSON.parse(row.object);
}

describe('__proto__ and constructor data keys through the report, state and drift routes', () => {
  it('stores every live object whole, the Secret value under __proto__ hashed', async () => {
    const { orgId } = await scan(REPORT);
    const configMap = await storedObject(orgId, 'k8s/configmap/shop/settings');
    const secret = await storedObject(orgId, 'k8s/secret/shop/creds');
    const widget = await storedObject(orgId, 'k8s/widget/shop/w');

    expect(keysOf(configMap.data)).toEqual(['__proto__', 'constructor', 'mode']);
    expect(own(configMap.data, '__proto__')).toBe('x');
    expect(keysOf(configMap.binaryData)).toEqual(['__proto__']);
    expect(keysOf(secret.data)).toEqual(['__proto__', 'constructor', 'user']);
    expect(own(secret.data, '__proto__')).toMatch(/^hmac-sha256:/);
    expect(keysOf(widget.spec)).toEqual(['__proto__', 'constructor', 'replicas']);
    expect(own(widget.spec, '__proto__')).toEqual({ size: '2' });
  });

  it('serves no drift when the live values equal the declared ones', async () => {
    const { drift } = await scan(REPORT);

    expect(drift.items).toEqual([]);
    expect(drift.summary).toMatchObject({ live: 3, iac: 3, changed: 0, in_sync: 3 });
  });

  it('serves a hand edit under __proto__ as exactly one change per object, with the key in path and value', async () => {
    const edited = REPORT.replace('"__proto__": "x"', '"__proto__": "y"')
      .replace(`"__proto__": "${btoa('hunter2')}"`, `"__proto__": "${btoa('changed')}"`)
      .replace(/"__proto__": \{\s*"size": "2"\s*\}/, '"__proto__": "flat"');
    const { drift } = await scan(edited);

    expect(
      drift.items.map((item) => [
        item.resource_id,
        item.changes.map(({ path, iac, live }) => ({ path, iac, live })),
      ]),
    ).toEqual([
      ['k8s/configmap/shop/settings', [{ path: 'data.__proto__', iac: 'x', live: 'y' }]],
      ['k8s/secret/shop/creds', [{ path: 'data.__proto__', iac: '(redacted)', live: '(redacted)' }]],
      ['k8s/widget/shop/w', [{ path: 'spec.__proto__', iac: { size: '2' }, live: 'flat' }]],
    ]);
  });

  it('answers generated IaC with the keys in it', async () => {
    const { answer } = await scan(REPORT, {
      generate_iac: true,
      iac_scope: 'all',
      iac_format: 'terraform-json',
    });
    const resource = JSON.parse(answer.iac?.content ?? '{}').resource;

    expect(keysOf(resource.kubernetes_config_map_v1.shop_settings.data)).toEqual([
      '__proto__',
      'constructor',
      'mode',
    ]);
    expect(keysOf(resource.kubernetes_secret_v1.shop_creds.data)).toEqual([
      '__proto__',
      'constructor',
      'user',
    ]);
    expect(keysOf(resource.kubernetes_manifest.shop_w.manifest.spec)).toEqual([
      '__proto__',
      'constructor',
      'replicas',
    ]);
  });
});

import { exports } from 'cloudflare:workers';
import createClient from 'openapi-fetch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import handEditsDrift from '../../examples/hand-edits/drift.json';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import type { paths } from '../openapi/api-types.ts';
import { ADMIN_TOKEN, freshIp } from './helpers.ts';

type ReportBody = paths['/api/v2/operator/report']['post']['requestBody']['content']['application/json'];
type StateBody =
  paths['/api/v2/orgs/{org_id}/state-sources/{name}/state']['put']['requestBody']['content']['application/json'];

// A client generated from GET /api/v2/openapi.json (openapi-typescript types in openapi/api-types.ts, kept
// current by test-node/api-types.test.ts) and openapi-fetch, against the real app in workerd. The calls
// are type-checked against the document: a body typed as the wrong thing would not compile.
function client(headers: Record<string, string>) {
  return createClient<paths>({
    baseUrl: 'https://driftwise.test',
    fetch: (request) => exports.default.fetch(request),
    headers,
  });
}

async function orgAndKey(scopes: ('read' | 'write' | '*')[] = ['write']) {
  const admin = client({ Authorization: `Bearer ${ADMIN_TOKEN}` });
  const org = await admin.POST('/api/v2/admin/orgs', { body: { name: 'generated-client' } });
  expect(org.response.status).toBe(201);
  const orgId = org.data!.id;
  const key = await admin.POST('/api/v2/orgs/{org_id}/api-keys', {
    params: { path: { org_id: orgId } },
    body: { name: 'ci', scopes },
  });
  expect(key.response.status).toBe(201);
  return { orgId, key: key.data!.raw_key };
}

describe('a client generated from openapi.json', () => {
  it('types the state body as the state object, so a client does not send it as a JSON string', () => {
    // Checked by tsc (npm run typecheck): a string-typed body was double-encoded by generated clients.
    expectTypeOf<StateBody>().not.toBeString();
    expectTypeOf<StateBody>().toBeObject();
    expectTypeOf<{ version: 4; serial: 1; lineage: 'l'; resources: [] }>().toExtend<StateBody>();
  });

  it('runs org → key → state → report → latest scan → drift and gets the worked example', async () => {
    const { orgId, key } = await orgAndKey();
    const api = client({ 'X-API-Key': key });
    const path = { org_id: orgId };

    const state = await api.PUT('/api/v2/orgs/{org_id}/state-sources/{name}/state', {
      params: { path: { ...path, name: 'main' }, query: { cluster_id: 'example-cluster' } },
      body: JSON.parse(handEditsState),
    });
    expect(state.response.status).toBe(200);
    expect(state.data).toMatchObject({ name: 'main', cluster_id: 'example-cluster', k8s_resource_count: 4 });

    const report = await api.POST('/api/v2/operator/report', {
      // A JSON import widens "kubernetes" to string: the cast names the documented body type.
      body: handEditsReport as unknown as ReportBody,
      headers: { 'CF-Connecting-IP': freshIp() },
    });
    expect(report.response.status).toBe(201);
    // The route also documents a 202 (a part of a batch): a report without `batch` is the 201 body.
    const created = report.data && 'report_id' in report.data ? report.data : undefined;
    expect(created?.resource_count).toBe(handEditsReport.resources.length);

    const latest = await api.GET('/api/v2/orgs/{org_id}/scans/latest', {
      params: { path, query: { cluster_id: 'example-cluster', namespace: handEditsReport.namespace } },
    });
    expect(latest.data?.id).toBe(created?.report_id);

    const drift = await api.GET('/api/v2/orgs/{org_id}/scans/{scan_id}/drift', {
      params: { path: { ...path, scan_id: latest.data!.id } },
    });
    expect(drift.response.status).toBe(200);
    const expected = JSON.stringify(handEditsDrift)
      .replaceAll('<scan-uuid>', latest.data!.id)
      .replaceAll('<scan-created-at>', drift.data!.created_at);
    expect(drift.data).toEqual(JSON.parse(expected));
  });

  it('reads the problem+json of an error as the documented Problem', async () => {
    const { orgId, key } = await orgAndKey();
    const stale = client({ 'X-API-Key': key });
    const body = JSON.parse(handEditsState) as { serial: number };
    const put = (serial: number) =>
      stale.PUT('/api/v2/orgs/{org_id}/state-sources/{name}/state', {
        params: { path: { org_id: orgId, name: 'main' } },
        body: { ...body, serial },
      });
    expect((await put(body.serial + 1)).response.status).toBe(200);
    const refused = await put(body.serial);
    expect(refused.response.status).toBe(409);
    expect(refused.error?.code).toBe('stale_state');
  });

  it('lists, replaces and revokes through the other routes', async () => {
    const { orgId, key } = await orgAndKey();
    const api = client({ 'X-API-Key': key });
    const path = { org_id: orgId };

    // text/plain: openapi-fetch serializes JSON unless told otherwise.
    const rules = 'k8s/deployment/*/api:spec.replicas\n';
    const put = await api.PUT('/api/v2/orgs/{org_id}/driftignore', {
      params: { path },
      body: rules,
      bodySerializer: (text) => text,
      headers: { 'Content-Type': 'text/plain' },
      parseAs: 'text',
    });
    expect(put.response.status).toBe(200);
    const got = await api.GET('/api/v2/orgs/{org_id}/driftignore', { params: { path }, parseAs: 'text' });
    expect(got.data).toBe(rules);

    const keys = await api.GET('/api/v2/orgs/{org_id}/api-keys', { params: { path } });
    expect(keys.data?.api_keys.map((k) => k.raw_key)).toEqual(['']);
    const scans = await api.GET('/api/v2/orgs/{org_id}/scans', { params: { path, query: { limit: 5 } } });
    expect(scans.data).toEqual({ scans: [], next_cursor: null });
    const sources = await api.GET('/api/v2/orgs/{org_id}/state-sources', { params: { path } });
    expect(sources.data?.state_sources).toEqual([]);
    const accounts = await api.GET('/api/v2/orgs/{org_id}/cloud-accounts', { params: { path } });
    expect(accounts.data?.cloud_accounts).toEqual([]);
    const missing = await api.DELETE('/api/v2/orgs/{org_id}/state-sources/{name}', {
      params: { path: { ...path, name: 'none' } },
    });
    expect(missing.error?.code).toBe('not_found');

    const revoked = await api.DELETE('/api/v2/orgs/{org_id}/api-keys/{key_id}', {
      params: { path: { ...path, key_id: keys.data!.api_keys[0]!.id } },
    });
    expect(revoked.response.status).toBe(204);
    const after = await api.GET('/api/v2/orgs/{org_id}/scans', { params: { path } });
    expect(after.response.status).toBe(401);
  });
});

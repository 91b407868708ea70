import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import handEditsReport from '../../examples/hand-edits/report.json';
import report from '../../examples/missing-extra-manifest/report.json';
import state from '../../examples/missing-extra-manifest/state.tfstate?raw';
import { createApp } from '../src/create-app.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import { call, count, createKey, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

interface Iac {
  format: string;
  scope: string;
  content: string;
  resource_count: number;
  warnings: { code: string; message: string }[];
}

function post(key: string, body: unknown) {
  return call(
    '/api/v2/operator/report',
    json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
}

async function setUp() {
  const org = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${org.orgId}/state-sources/main/state?cluster_id=${report.cluster_id}`,
    json('PUT', state, withKey(org.key)),
  );
  expect(upload.status).toBe(200);
  return org;
}

describe('generate_iac', () => {
  it('answers the extra objects as HCL with import blocks when generate_iac is true', async () => {
    const { key } = await setUp();
    const response = await post(key, { ...report, generate_iac: true });
    const body = (await response.json()) as { iac: Iac };

    expect(response.status).toBe(201);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(body.iac).toMatchObject({ format: 'terraform', scope: 'extra', resource_count: 1, warnings: [] });
    expect(body.iac.content).toMatch(/^resource "kubernetes_\w+" "\w+" \{$/m);
    expect(body.iac.content).toMatch(/^import \{\n {2}to = kubernetes_\w+\.\w+\n {2}id = "[^"]+"\n\}$/m);
  });

  it('serves the stored IaC of the scan, with no-store, when the scan asked for it', async () => {
    const { orgId, key } = await setUp();
    const posted = (await (await post(key, { ...report, generate_iac: true, iac_scope: 'all' })).json()) as {
      report_id: string;
      iac: Iac;
    };
    const reader = await createKey(orgId, ['read']);
    const response = await call(`/api/v2/orgs/${orgId}/scans/${posted.report_id}/iac`, {
      headers: withKey(reader.key),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({ iac: posted.iac });
    expect(posted.iac.scope).toBe('all');
  });

  it('stores the code in parts of at most the chunk size and serves them joined', async () => {
    const { orgId, key } = await setUp();
    // The same app over a store that cuts at 1,000 bytes, so a small report needs several parts.
    const app = createApp({
      store: (bindings) => new SqlStore(drizzle(bindings.DB!, { schema }), { chunkBytes: 1_000 }),
    });
    const send = (path: string, init: RequestInit) =>
      app.fetch(new Request(`https://driftwise.test${path}`, init), env);
    const body = { ...handEditsReport, cluster_id: report.cluster_id, generate_iac: true, iac_scope: 'all' };
    const posted = (await (
      await send(
        '/api/v2/operator/report',
        json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
      )
    ).json()) as { report_id: string; iac: Iac };
    const parts = await rows<{ part: number; bytes: number }>(
      'SELECT part, length(CAST(content AS BLOB)) AS bytes FROM scan_iac WHERE scan_id = ? ORDER BY part',
      posted.report_id,
    );
    const served = await send(`/api/v2/orgs/${orgId}/scans/${posted.report_id}/iac`, {
      headers: withKey(key),
    });

    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.bytes <= 1_000)).toBe(true);
    expect(((await served.json()) as { iac: Iac }).iac.content).toBe(posted.iac.content);
  });

  it('answers 404 on the IaC route when the scan did not ask for IaC', async () => {
    const { orgId, key } = await setUp();
    const posted = (await (await post(key, report)).json()) as { report_id: string; iac?: unknown };
    const response = await call(`/api/v2/orgs/${orgId}/scans/${posted.report_id}/iac`, {
      headers: withKey(key),
    });

    expect(posted.iac).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 on the IaC route when the scan is another org’s', async () => {
    const { key } = await setUp();
    const posted = (await (await post(key, { ...report, generate_iac: true })).json()) as {
      report_id: string;
    };
    const other = await createOrgAndKey(['read']);
    const response = await call(`/api/v2/orgs/${other.orgId}/scans/${posted.report_id}/iac`, {
      headers: withKey(other.key),
    });

    expect(response.status).toBe(404);
  });

  it.each([
    ['iac_format', 'pulumi', 'must be one of "terraform", "terraform-json", "opentofu"'],
    ['iac_scope', 'changed', 'must be one of "extra", "all"'],
  ])(
    'refuses an unknown %s with a 400 naming the accepted values and stores nothing',
    async (field, value, message) => {
      const { key } = await setUp();
      const before = await count('scan_runs');
      const response = await post(key, { ...report, generate_iac: true, [field]: value });
      const problem = (await response.json()) as {
        code: string;
        errors: { path: string; message: string }[];
      };

      expect(response.status).toBe(400);
      expect(problem.code).toBe('invalid_request');
      expect(problem.errors).toContainEqual({ path: field, message });
      expect(await count('scan_runs')).toBe(before);
    },
  );

  it('generates .tf.json when the format is terraform-json', async () => {
    const { key } = await setUp();
    const body = (await (
      await post(key, { ...report, generate_iac: true, iac_format: 'terraform-json' })
    ).json()) as { iac: Iac };
    const file = JSON.parse(body.iac.content) as { resource: Record<string, unknown>; import: unknown[] };

    expect(body.iac.format).toBe('terraform-json');
    expect(Object.keys(file.resource).length).toBe(1);
    expect(file.import.length).toBe(1);
  });

  it('warns that the prompt was not applied when no model endpoint is configured', async () => {
    const { key } = await setUp();
    const body = (await (
      await post(key, { ...report, generate_iac: true, custom_prompt: 'add label team=web' })
    ).json()) as {
      iac: Iac;
    };

    expect(body.iac.warnings.map((w) => w.code)).toEqual(['custom_prompt_not_applied']);
  });

  it('makes a new scan with its own IaC when the same report with generate_iac comes again', async () => {
    const { orgId, key } = await setUp();
    const first = (await (await post(key, { ...report, generate_iac: true })).json()) as {
      report_id: string;
      iac: Iac;
    };
    const second = (await (await post(key, { ...report, generate_iac: true })).json()) as {
      report_id: string;
      iac: Iac;
    };
    const served = await call(`/api/v2/orgs/${orgId}/scans/${second.report_id}/iac`, {
      headers: withKey(key),
    });

    expect(second.report_id).not.toBe(first.report_id);
    expect(second.iac).toEqual(first.iac);
    expect(served.status).toBe(200);
  });

  it('documents the IaC route, iac_format and iac_scope in the OpenAPI document', async () => {
    const doc = (await (await call('/api/v2/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    const request = doc.components.schemas.OperatorReportRequest?.properties ?? {};

    expect(
      JSON.stringify(doc.paths['/api/v2/orgs/{org_id}/scans/{scan_id}/iac']?.get?.responses['200']),
    ).toContain('#/components/schemas/ScanIacResponse');
    expect(request.iac_format?.enum).toEqual(['terraform', 'terraform-json', 'opentofu']);
    expect(request.iac_scope?.enum).toEqual(['extra', 'all']);
  });
});

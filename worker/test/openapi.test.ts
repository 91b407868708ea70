import { describe, expect, it } from 'vitest';
import { call } from './helpers.ts';

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { tags: string[]; requestBody?: unknown; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

describe('openapi.json', () => {
  it('is served without a credential as OpenAPI 3.1', async () => {
    const response = await call('/api/v2/openapi.json');
    expect(response.status).toBe(200);
    expect(((await response.json()) as Document).openapi).toBe('3.1.0');
  });

  it('puts the operator report under the tag accounts with its request and response schemas', async () => {
    const doc = (await (await call('/api/v2/openapi.json')).json()) as Document;
    const operation = doc.paths['/api/v2/operator/report']?.post;
    expect(operation?.tags).toEqual(['accounts']);
    expect(JSON.stringify(operation?.requestBody)).toContain('#/components/schemas/OperatorReportRequest');
    expect(JSON.stringify(operation?.responses['201'])).toContain(
      '#/components/schemas/OperatorReportResponse',
    );
  });

  it('generates the components from the zod schemas the routes validate with', async () => {
    const doc = (await (await call('/api/v2/openapi.json')).json()) as Document;
    const request = doc.components.schemas.OperatorReportRequest!;
    expect(Object.keys(request.properties ?? {})).toEqual(
      expect.arrayContaining([
        'cluster_id',
        'namespace',
        'resources',
        'generate_iac',
        'iac_format',
        'custom_prompt',
      ]),
    );
    expect(request.required).toEqual(expect.arrayContaining(['cluster_id', 'namespace', 'resources']));
    expect(request.required).not.toContain('generate_iac');
    expect(doc.components.schemas.Resource).toBeDefined();
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$id"');
    expect(doc.components.schemas.OperatorReportResponse?.required).toEqual(['report_id', 'resource_count']);
  });

  it('documents every route of the contract', async () => {
    const doc = (await (await call('/api/v2/openapi.json')).json()) as Document;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /api/v2/openapi.json',
        'POST /api/v2/admin/orgs',
        'GET /api/v2/admin/orgs',
        'POST /api/v2/orgs/{org_id}/api-keys',
        'GET /api/v2/orgs/{org_id}/api-keys',
        'DELETE /api/v2/orgs/{org_id}/api-keys/{key_id}',
        'POST /api/v2/operator/report',
        'PUT /api/v2/orgs/{org_id}/state-sources/{name}/state',
        'GET /api/v2/orgs/{org_id}/state-sources',
        'DELETE /api/v2/orgs/{org_id}/state-sources/{name}',
        'GET /api/v2/orgs/{org_id}/scans',
        'GET /api/v2/orgs/{org_id}/scans/latest',
        'GET /api/v2/orgs/{org_id}/scans/{scan_id}/drift',
        'GET /api/v2/orgs/{org_id}/scans/{scan_id}/iac',
        'GET /api/v2/orgs/{org_id}/driftignore',
        'PUT /api/v2/orgs/{org_id}/driftignore',
        'GET /api/v2/orgs/{org_id}/cloud-accounts',
      ].sort(),
    );
  });
});

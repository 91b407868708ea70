import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { openApiDocument } from '../src/openapi/openapi-document.ts';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

type Schema = {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
};
type Response = { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> };
type Operation = {
  operationId?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

function operation(doc: Document, route: string): Operation {
  const found = operations(doc).find(([name]) => name === route)?.[1];
  if (!found) throw new Error(`${route} is not in the document`);
  return found;
}

/** A `#/components/schemas/X` reference resolved, or the schema itself. */
function resolve(doc: Document, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const resolved = doc.components.schemas[schema.$ref.slice('#/components/schemas/'.length)];
  if (!resolved) throw new Error(`${schema.$ref} does not resolve`);
  return resolved;
}

async function servedDocument(): Promise<Document> {
  return (await (await call('/api/v2/openapi.json')).json()) as Document;
}

describe('openapi.json', () => {
  it('is served without a credential as OpenAPI 3.1', async () => {
    const response = await call('/api/v2/openapi.json');
    expect(response.status).toBe(200);
    expect(((await response.json()) as Document).openapi).toBe('3.1.0');
  });

  it('is the document generated from the routes the app declares', async () => {
    expect(await servedDocument()).toEqual(JSON.parse(JSON.stringify(openApiDocument(createApp()))));
  });

  it('documents every route the app registers, and registers every route it documents', async () => {
    const app = createApp();
    // app.routes holds one entry per handler; `use()` middleware is registered for the method ALL. The
    // dashboard's HTML pages (everything outside /api and /healthz) are for browsers, not API operations.
    const registered = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL')
        .filter((route) => route.path.startsWith('/api/') || route.path.startsWith('/healthz'))
        .map((route) => `${route.method} ${route.path.replaceAll(/:(\w+)/g, '{$1}')}`),
    );
    const documented = operations(openApiDocument(app) as unknown as Document).map(([name]) => name);
    expect(documented.sort()).toEqual([...registered].sort());
    expect(documented).toContain('PUT /api/v2/orgs/{org_id}/state-sources/{name}/state');
  });

  it('gives every operation a distinct operationId', async () => {
    const ids = operations(await servedDocument()).map(([, op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the operator report under the tag accounts with its request and response components', async () => {
    const report = operation(await servedDocument(), 'POST /api/v2/operator/report');
    expect(report.tags).toEqual(['accounts']);
    expect(report.requestBody?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/OperatorReportRequest',
    );
    expect(report.responses['201']?.content?.['application/json']?.schema.$ref).toBe(
      '#/components/schemas/OperatorReportResponse',
    );
  });

  it('generates the components from the zod schemas the routes validate with', async () => {
    const doc = await servedDocument();
    const request = doc.components.schemas.OperatorReportRequest!;
    expect(Object.keys(request.properties ?? {})).toEqual(
      expect.arrayContaining(['cluster_id', 'namespace', 'resources', 'generate_iac', 'iac_format']),
    );
    // Request bodies are documented as clients write them: fields with a default are optional.
    expect(request.required).toEqual(['cluster_id', 'namespace', 'resources']);
    expect(doc.components.schemas.Resource).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('"$id"');
    expect(doc.components.schemas.OperatorReportResponse?.required).toEqual(['report_id', 'resource_count']);
  });

  it('types the state upload body as a JSON object, not a string', async () => {
    const doc = await servedDocument();
    const upload = operation(doc, 'PUT /api/v2/orgs/{org_id}/state-sources/{name}/state');
    const schema = resolve(doc, upload.requestBody!.content['application/json']!.schema);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['version', 'serial', 'lineage', 'resources']),
    );
  });

  it('types the ignore rules as text/plain both ways', async () => {
    const doc = await servedDocument();
    const put = operation(doc, 'PUT /api/v2/orgs/{org_id}/driftignore');
    expect(Object.keys(put.requestBody!.content)).toEqual(['text/plain']);
    expect(put.requestBody!.content['text/plain']!.schema.type).toBe('string');
    expect(Object.keys(put.responses['200']!.content!)).toEqual(['text/plain']);
  });

  it('documents Retry-After and the RateLimit headers on the 429 of the operator report', async () => {
    const tooMany = operation(await servedDocument(), 'POST /api/v2/operator/report').responses['429']!;
    expect(Object.keys(tooMany.headers ?? {}).sort()).toEqual(
      ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'].sort(),
    );
    expect(Object.keys(tooMany.content ?? {})).toEqual(['application/problem+json']);
  });

  it('lists 429 with its headers exactly on the rate-limited operator routes', async () => {
    const routes = operations(await servedDocument());
    const limited = routes.filter(([name]) => name.includes(' /api/v2/operator/'));
    expect(limited.map(([name]) => name)).toContain('POST /api/v2/operator/report');
    for (const [name, op] of routes) {
      expect({ name, answers429: '429' in op.responses }).toEqual({
        name,
        answers429: limited.some(([n]) => n === name),
      });
    }
    for (const [, op] of limited) expect(op.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('lists 409 only on the operator report (batches) and the state upload', async () => {
    const routes = operations(await servedDocument());
    expect(routes.filter(([, op]) => op.responses['409']).map(([name]) => name)).toEqual([
      'POST /api/v2/operator/report',
      'PUT /api/v2/orgs/{org_id}/state-sources/{name}/state',
    ]);
  });

  it('lists 413 and 415 exactly on the routes that read a body', async () => {
    const routes = operations(await servedDocument());
    const withBody = routes.filter(([, op]) => op.requestBody).map(([name]) => name);
    expect(withBody).toEqual(
      expect.arrayContaining(['POST /api/v2/operator/report', 'PUT /api/v2/orgs/{org_id}/driftignore']),
    );
    for (const status of ['413', '415']) {
      expect(routes.filter(([, op]) => op.responses[status]).map(([name]) => name)).toEqual(withBody);
    }
  });

  it('lists 401 on every route that needs a credential and none on the open ones', async () => {
    for (const [name, op] of operations(await servedDocument())) {
      const open = name === 'GET /healthz' || name === 'GET /api/v2/openapi.json';
      expect({ name, security: (op.security ?? []).length > 0 }).toEqual({ name, security: !open });
      expect({ name, answers401: '401' in op.responses }).toEqual({ name, answers401: !open });
    }
  });

  it('declares the API key header, the bearer key and the admin token as security schemes', async () => {
    const { securitySchemes } = (await servedDocument()).components;
    expect(securitySchemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(securitySchemes.apiKeyBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(securitySchemes.oidcBearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('resolves every $ref to a component', async () => {
    const doc = await servedDocument();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(() => resolve(doc, { $ref: ref })).not.toThrow();
  });
});

describe('openapi.json rate-limit headers', () => {
  it('names the headers the operator route really sends on its 201 and its 429', async () => {
    const doc = await servedDocument();
    const documented = operation(doc, 'POST /api/v2/operator/report').responses;
    const { key } = await createOrgAndKey(['write']);
    const ip = freshIp();
    const report = { cluster_id: 'c1', namespace: 'default', resources: [] };
    const send = (headers: Record<string, string>) =>
      call('/api/v2/operator/report', json('POST', report, { ...headers, 'CF-Connecting-IP': ip }));
    const created = await send(withKey(key));
    expect(created.status).toBe(201);
    for (const name of Object.keys(documented['201']!.headers!))
      expect(created.headers.get(name)).not.toBeNull();
    // 120 a minute per client IP, counted before authentication: 119 keyless 401s use up the window.
    for (let i = 1; i < 120; i += 1) expect((await send({})).status).toBe(401);
    const refused = await send(withKey(key));
    expect(refused.status).toBe(429);
    for (const name of Object.keys(documented['429']!.headers!))
      expect(refused.headers.get(name)).not.toBeNull();
  });
});

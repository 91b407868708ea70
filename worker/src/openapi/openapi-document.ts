import { operatorReportRequestSchema, operatorReportResponseSchema } from '@driftwise/core';
import { z } from 'zod';
import { apiKeyListSchema, apiKeySchema, createApiKeyRequestSchema } from '../schemas/api-key-schemas.ts';
import { cloudAccountListSchema } from '../schemas/cloud-account-schemas.ts';
import { createOrgRequestSchema, orgSchema } from '../schemas/org-schemas.ts';
import { problemSchema } from '../schemas/problem-schema.ts';
import {
  driftResponseSchema,
  scanIacResponseSchema,
  scanListSchema,
  scanSchema,
} from '../schemas/scan-schemas.ts';
import { stateSourceListSchema, stateSourceSchema } from '../schemas/state-source-schemas.ts';

type Schema = z.ZodType;

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  request?: { schema: Schema; mediaType?: string } | { text: string };
  query?: string[];
  response: { status: number; schema?: Schema; text?: true };
  security?: 'none' | 'admin' | 'key' | 'admin_or_key';
}

const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'meta',
    summary: 'Liveness',
    response: { status: 200 },
    security: 'none',
  },
  {
    method: 'get',
    path: '/api/v2/openapi.json',
    tag: 'meta',
    summary: 'This document',
    response: { status: 200 },
    security: 'none',
  },
  {
    method: 'post',
    path: '/api/v2/admin/orgs',
    tag: 'admin',
    summary: 'Create an org',
    request: { schema: createOrgRequestSchema },
    response: { status: 201, schema: orgSchema },
    security: 'admin',
  },
  {
    method: 'post',
    path: '/api/v2/orgs/{org_id}/api-keys',
    tag: 'api-keys',
    summary: 'Create an API key (raw_key is shown only here)',
    request: { schema: createApiKeyRequestSchema },
    response: { status: 201, schema: apiKeySchema },
    security: 'admin_or_key',
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/api-keys',
    tag: 'api-keys',
    summary: 'List API keys (raw_key is "")',
    response: { status: 200, schema: apiKeyListSchema },
    security: 'admin_or_key',
  },
  {
    method: 'delete',
    path: '/api/v2/orgs/{org_id}/api-keys/{key_id}',
    tag: 'api-keys',
    summary: 'Revoke an API key',
    response: { status: 204 },
    security: 'admin_or_key',
  },
  {
    method: 'post',
    path: '/api/v2/operator/report',
    tag: 'accounts',
    summary: 'Report a cluster or namespace (rate-limited: 120/min per client IP)',
    request: { schema: operatorReportRequestSchema },
    response: { status: 201, schema: operatorReportResponseSchema },
  },
  {
    method: 'put',
    path: '/api/v2/orgs/{org_id}/state-sources/{name}/state',
    tag: 'state-sources',
    summary: 'Upload a Terraform state file (format version 4)',
    request: { text: 'A Terraform state file as `terraform state pull` prints it (application/json).' },
    query: ['cluster_id'],
    response: { status: 200, schema: stateSourceSchema },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/state-sources',
    tag: 'state-sources',
    summary: 'List state sources',
    response: { status: 200, schema: stateSourceListSchema },
  },
  {
    method: 'delete',
    path: '/api/v2/orgs/{org_id}/state-sources/{name}',
    tag: 'state-sources',
    summary: 'Delete a state source',
    response: { status: 204 },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/scans',
    tag: 'scans',
    summary: 'List scans, newest first',
    query: ['cluster_id', 'namespace', 'limit', 'cursor'],
    response: { status: 200, schema: scanListSchema },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/scans/latest',
    tag: 'scans',
    summary: 'The newest scan',
    query: ['cluster_id', 'namespace'],
    response: { status: 200, schema: scanSchema },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/scans/{scan_id}/drift',
    tag: 'scans',
    summary: 'The drift of a scan',
    response: { status: 200, schema: driftResponseSchema },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/scans/{scan_id}/iac',
    tag: 'scans',
    summary: 'The generated IaC of a scan (404 if none was asked for)',
    response: { status: 200, schema: scanIacResponseSchema },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/driftignore',
    tag: 'driftignore',
    summary: 'The ignore rules (text/plain)',
    response: { status: 200, text: true },
  },
  {
    method: 'put',
    path: '/api/v2/orgs/{org_id}/driftignore',
    tag: 'driftignore',
    summary: 'Replace the ignore rules (text/plain; a bad line is a 400 naming it)',
    request: { text: 'One rule per line; `#` comments, `!` negation, `*` wildcards.' },
    response: { status: 200, text: true },
  },
  {
    method: 'get',
    path: '/api/v2/orgs/{org_id}/cloud-accounts',
    tag: 'accounts',
    summary: 'List cloud accounts',
    response: { status: 200, schema: cloudAccountListSchema },
  },
];

const ERROR_STATUSES = ['400', '401', '403', '404', '409', '413', '415', '429'];

const componentName = (schema: Schema): string => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('every documented schema needs .meta({ id })');
  return id;
};
const ref = (schema: Schema) => ({ $ref: `#/components/schemas/${componentName(schema)}` });

type JsonSchemaMap = Record<string, Record<string, unknown>>;

function registrySchemas(io: 'input' | 'output'): JsonSchemaMap {
  // The whole registry at once, so schemas with an id (core's `Resource` inside the report) become
  // `$ref`s to their own component instead of being inlined.
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: JsonSchemaMap };
  for (const schema of Object.values(schemas)) {
    // Components are addressed by their key; a fragment-only `$id` is not valid JSON Schema 2020-12.
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

function refsIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.slice('#/components/schemas/'.length));
      else refsIn(child, found);
    }
  }
  return found;
}

function collectComponents(): JsonSchemaMap {
  const views = { input: registrySchemas('input'), output: registrySchemas('output') };
  const components: JsonSchemaMap = {};
  // Request bodies are documented as clients write them (defaults optional), responses as sent.
  const add = (id: string, io: 'input' | 'output') => {
    const schema = views[io][id];
    if (!schema || components[id]) return;
    components[id] = schema;
    for (const nested of refsIn(schema, new Set())) add(nested, io);
  };
  for (const operation of OPERATIONS) {
    if (operation.request && 'schema' in operation.request)
      add(componentName(operation.request.schema), 'input');
  }
  for (const operation of OPERATIONS) {
    if (operation.response.schema) add(componentName(operation.response.schema), 'output');
  }
  add(componentName(problemSchema), 'output');
  return components;
}

function securityOf(operation: Operation) {
  switch (operation.security) {
    case 'none':
      return [];
    case 'admin':
      return [{ adminToken: [] }];
    case 'admin_or_key':
      return [{ adminToken: [] }, { apiKeyHeader: [] }, { apiKeyBearer: [] }];
    default:
      return [{ apiKeyHeader: [] }, { apiKeyBearer: [] }];
  }
}

function operationObject(operation: Operation): Record<string, unknown> {
  const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = (operation.query ?? []).map((name) => ({
    name,
    in: 'query',
    required: false,
    schema:
      name === 'limit' ? { type: 'integer', minimum: 1, maximum: 100, default: 20 } : { type: 'string' },
  }));
  const responses: Record<string, unknown> = {};
  const { status, schema, text } = operation.response;
  responses[String(status)] = {
    description: operation.summary,
    ...(schema ? { content: { 'application/json': { schema: ref(schema) } } } : {}),
    ...(text ? { content: { 'text/plain': { schema: { type: 'string' } } } } : {}),
  };
  if (operation.security !== 'none') {
    for (const code of ERROR_STATUSES) {
      responses[code] = {
        description: 'Problem details (RFC 9457)',
        content: { 'application/problem+json': { schema: ref(problemSchema) } },
      };
    }
  }
  const result: Record<string, unknown> = {
    tags: [operation.tag],
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: [...pathParams, ...queryParams],
    security: securityOf(operation),
    responses,
  };
  if (operation.request) {
    result.requestBody =
      'schema' in operation.request
        ? { required: true, content: { 'application/json': { schema: ref(operation.request.schema) } } }
        : {
            required: true,
            description: operation.request.text,
            content: {
              [operation.tag === 'driftignore' ? 'text/plain' : 'application/json']: {
                schema: { type: 'string' },
              },
            },
          };
  }
  return result;
}

let cached: Record<string, unknown> | undefined;

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the routes validate with
 * (zod 4's `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
 */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = operationObject(operation);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'DriftWise edge API',
      version: '2.0.0',
      description: 'Kubernetes config drift: live cluster objects vs Terraform state.',
    },
    servers: [{ url: '/' }],
    tags: ['accounts', 'admin', 'api-keys', 'state-sources', 'scans', 'driftignore', 'meta'].map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas: collectComponents(),
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        apiKeyBearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer dw2_…' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_TOKEN>' },
      },
    },
  };
  return cached;
}

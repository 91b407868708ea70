import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { mintApiKey } from '../auth/mint-api-key.ts';
import type { Scope } from '../auth/principal.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import {
  apiKeyListSchema,
  apiKeyParamsSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
} from '../schemas/api-key-schemas.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import type { ApiKeyRow } from '../store/store.ts';
import type { AppDeps } from './app-deps.ts';

function toApiKey(key: ApiKeyRow, rawKey = '') {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes as Scope[],
    raw_key: rawKey,
    prefix: key.prefix,
    created_at: key.createdAt,
    last_used_at: key.lastUsedAt,
    revoked_at: key.revokedAt,
  };
}

const tags = ['api-keys'];
const keyAdminNote = 'For the admin token, or a key of the org (within its scopes).';

const createApiKey = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createApiKey',
  tags,
  summary: 'Create an API key',
  description: `${keyAdminNote} \`raw_key\` is in this response and never again.`,
  security: security.adminOrApiKey,
  middleware: [body('json')] as const,
  request: {
    params: orgParamsSchema,
    body: { required: true, content: { 'application/json': { schema: createApiKeyRequestSchema } } },
  },
  responses: {
    201: {
      description: 'The key, with its raw key.',
      content: { 'application/json': { schema: createdApiKeySchema } },
    },
    ...problemResponses([400, 401, 403, 404, 413, 415]),
  },
});

const listApiKeys = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listApiKeys',
  tags,
  summary: 'List API keys',
  description: `${keyAdminNote} \`raw_key\` is \`""\`.`,
  security: security.adminOrApiKey,
  request: { params: orgParamsSchema },
  responses: {
    200: { description: 'The org’s keys.', content: { 'application/json': { schema: apiKeyListSchema } } },
    ...problemResponses([401, 404]),
  },
});

const revokeApiKey = createRoute({
  method: 'delete',
  path: '/{key_id}',
  operationId: 'revokeApiKey',
  tags,
  summary: 'Revoke an API key',
  description: `${keyAdminNote} Revoking a revoked key is a 204 again.`,
  security: security.adminOrApiKey,
  request: { params: apiKeyParamsSchema },
  responses: { 204: { description: 'Revoked.' }, ...problemResponses([401, 403, 404]) },
});

/** `/api/v2/orgs/:org_id/api-keys`: for the admin token, or a key of the same org. */
export function apiKeyRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ admin: true, now: deps.now, fetch: deps.fetch }), requireOrg());
  return app
    .openapi(createApiKey, async (c) => {
      const orgId = c.req.param('org_id')!;
      const { name, scopes } = c.req.valid('json');
      const { key, rawKey } = await mintApiKey({
        store: c.get('store'),
        orgId,
        name,
        scopes,
        pepper: c.env.API_KEY_PEPPER,
        now: deps.now,
        newId: deps.newId,
      });
      // The raw key is in this response and nowhere else, ever.
      const { last_used_at: _l, revoked_at: _r, ...created } = toApiKey(key, rawKey);
      return c.json(created, 201);
    })
    .openapi(listApiKeys, async (c) => {
      const keys = await c.get('store').listApiKeys(c.req.param('org_id')!);
      return c.json({ api_keys: keys.map((key) => toApiKey(key)) }, 200);
    })
    .openapi(revokeApiKey, async (c) => {
      const revoked = await c
        .get('store')
        .revokeApiKey(c.req.param('org_id')!, c.req.param('key_id'), deps.now().toISOString());
      if (!revoked)
        throw new ProblemError(404, 'not_found', `API key ${c.req.param('key_id')} was not found.`);
      return c.body(null, 204);
    });
}

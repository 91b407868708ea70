import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { API_KEY_PREFIX_LENGTH, generateApiKey, hashApiKey } from '../auth/api-key.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import type { Scope } from '../auth/principal.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { createApiKeyRequestSchema } from '../schemas/api-key-schemas.ts';
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

/** `/api/v2/orgs/:org_id/api-keys`: for the admin token, or a key of the same org. */
export function apiKeyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(authenticate({ admin: true, now: deps.now }), requireOrg())
    .post('/', body('json'), zValidator('json', createApiKeyRequestSchema, validationHook), async (c) => {
      const orgId = c.req.param('org_id')!;
      const { name, scopes } = c.req.valid('json');
      const pepper = c.env.API_KEY_PEPPER;
      if (!pepper) throw new Error('API_KEY_PEPPER is not configured');
      const rawKey = generateApiKey();
      const key: ApiKeyRow = {
        id: deps.newId(),
        orgId,
        name,
        scopes: [...new Set(scopes)],
        prefix: rawKey.slice(0, API_KEY_PREFIX_LENGTH),
        keyHash: await hashApiKey(rawKey, pepper),
        createdAt: deps.now().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await c.get('store').createApiKey(key);
      // The raw key is in this response and nowhere else, ever.
      const { last_used_at: _l, revoked_at: _r, ...created } = toApiKey(key, rawKey);
      return c.json(created, 201);
    })
    .get('/', async (c) => {
      const keys = await c.get('store').listApiKeys(c.req.param('org_id')!);
      return c.json({ api_keys: keys.map((key) => toApiKey(key)) });
    })
    .delete('/:key_id', async (c) => {
      const revoked = await c
        .get('store')
        .revokeApiKey(c.req.param('org_id')!, c.req.param('key_id'), deps.now().toISOString());
      if (!revoked)
        throw new ProblemError(404, 'not_found', `API key ${c.req.param('key_id')} was not found.`);
      return c.body(null, 204);
    });
}

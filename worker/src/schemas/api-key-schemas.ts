import { z } from 'zod';
import { SCOPES } from '../auth/principal.ts';
import { orgIdSchema } from './org-schemas.ts';

/** Body of `POST /api/v2/orgs/:org_id/api-keys`: unknown scopes are a 400 here, not a surprise later. */
export const createApiKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    scopes: z
      .array(z.enum(SCOPES, { error: `must be one of ${SCOPES.map((s) => `"${s}"`).join(', ')}` }))
      .max(3)
      .default([]),
  })
  .meta({ id: 'CreateApiKeyRequest' });

/** An API key; `raw_key` holds the key only in the creation response, `""` everywhere else. */
export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    raw_key: z.string(),
    prefix: z.string(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

/** Response of `POST …/api-keys` (CONTRACT): the key with its raw key, without the usage fields. */
export const createdApiKeySchema = apiKeySchema
  .omit({ last_used_at: true, revoked_at: true })
  .meta({ id: 'CreatedApiKey' });

/** Response of `GET /api/v2/orgs/:org_id/api-keys`. */
export const apiKeyListSchema = z.object({ api_keys: z.array(apiKeySchema) }).meta({ id: 'ApiKeyList' });

/** Path parameters of `DELETE …/api-keys/:key_id`. */
export const apiKeyParamsSchema = z.object({ org_id: orgIdSchema, key_id: z.string() });

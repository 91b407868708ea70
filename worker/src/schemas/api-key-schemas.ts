import { z } from 'zod';
import { SCOPES } from '../auth/principal.ts';

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

/** Response of `GET /api/v2/orgs/:org_id/api-keys`. */
export const apiKeyListSchema = z.object({ api_keys: z.array(apiKeySchema) }).meta({ id: 'ApiKeyList' });

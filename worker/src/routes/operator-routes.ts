import { operatorReportRequestSchema } from '@driftwise/core';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../auth/authenticate.ts';
import { scopesAllow } from '../auth/principal.ts';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { ingestReport } from '../ingest/ingest-report.ts';
import { orgSecretKey } from '../ingest/org-secret-key.ts';
import { repeatReport } from '../ingest/repeat-report.ts';
import { rateLimit } from '../limiter/rate-limit.ts';
import type { AppDeps } from './app-deps.ts';

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * `/api/v2/operator`: the secret hash key and the operator's report. The rate limit runs first (before authentication), then the
 * key (OIDC JWTs refused), then the body checks, the shortcut for an identical repeat, and core's schema.
 */
export function operatorRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get(
      '/secret-hash-key',
      // CONTRACT "Hashed in the cluster": the report route's limiter and key rules, and scope `write` although
      // it is a GET — the key lets its holder make hashes that compare equal to the org's Secret values.
      rateLimit({ clientIp: deps.clientIp }),
      authenticate({ rejectOidc: true, now: deps.now }),
      async (c) => {
        const principal = c.get('principal');
        if (principal.kind !== 'api_key')
          throw new ProblemError(401, 'unauthorized', 'An API key is required.');
        if (!scopesAllow(principal.scopes, 'POST'))
          throw new ProblemError(
            403,
            'insufficient_scope',
            'The secret hash key needs a key with scope write.',
          );
        const { keyId, key } = await orgSecretKey(c.env.API_KEY_PEPPER, principal.orgId);
        c.header('Cache-Control', 'no-store');
        return c.json({ algorithm: 'hmac-sha256', key_id: keyId, key: base64Url(key) }, 200);
      },
    )
    .post(
      '/report',
      rateLimit({ clientIp: deps.clientIp }),
      authenticate({ rejectOidc: true, now: deps.now }),
      body('json'),
      async (c, next) => {
        const principal = c.get('principal');
        if (principal.kind !== 'api_key')
          throw new ProblemError(401, 'unauthorized', 'An API key is required.');
        const bodyHash = await sha256Hex(await c.req.text());
        const repeated = await repeatReport({
          store: c.get('store'),
          orgId: principal.orgId,
          bodyHash,
          now: deps.now,
          newId: deps.newId,
        });
        if (repeated)
          return c.json({ report_id: repeated.scanId, resource_count: repeated.resourceCount }, 201);
        c.set('bodyHash', bodyHash);
        await next();
      },
      zValidator('json', operatorReportRequestSchema, validationHook),
      async (c) => {
        const principal = c.get('principal');
        if (principal.kind !== 'api_key')
          throw new ProblemError(401, 'unauthorized', 'An API key is required.');
        const report = c.req.valid('json');
        const { scanId, resourceCount } = await ingestReport(report, {
          store: c.get('store'),
          orgId: principal.orgId,
          secretHasher: (await orgSecretKey(c.env.API_KEY_PEPPER, principal.orgId)).hasher,
          bodyHash: c.get('bodyHash'),
          now: deps.now,
          newId: deps.newId,
        });
        // generate_iac is stored with the scan; the generator is a later issue, so no `iac` yet.
        return c.json({ report_id: scanId, resource_count: resourceCount }, 201);
      },
    );
}

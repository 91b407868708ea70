import { operatorReportRequestSchema } from '@driftwise/core';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../auth/authenticate.ts';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import type { WorkerEnv } from '../env.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { LlmEndpoint } from '../iac/apply-custom-prompt.ts';
import { ingestReport } from '../ingest/ingest-report.ts';
import { repeatReport } from '../ingest/repeat-report.ts';
import { secretHasherFor } from '../ingest/secret-hasher-for.ts';
import { rateLimit } from '../limiter/rate-limit.ts';
import type { AppDeps } from './app-deps.ts';

/** The custom-prompt model endpoint when all three settings are there. */
function llmEndpoint(env: WorkerEnv): LlmEndpoint | undefined {
  const { IAC_LLM_URL: url, IAC_LLM_MODEL: model, IAC_LLM_API_KEY: apiKey } = env;
  return url && model && apiKey ? { url, model, apiKey } : undefined;
}

/**
 * `/api/v2/operator`: the operator's report. The rate limit runs first (before authentication), then the
 * key (OIDC JWTs refused), then the body checks, the shortcut for an identical repeat, and core's schema.
 */
export function operatorRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
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
      const { scanId, resourceCount, iac } = await ingestReport(report, {
        store: c.get('store'),
        orgId: principal.orgId,
        secretHasher: await secretHasherFor(c.env.API_KEY_PEPPER),
        bodyHash: c.get('bodyHash'),
        now: deps.now,
        newId: deps.newId,
        llmEndpoint: llmEndpoint(c.env),
        fetch: deps.fetch,
      });
      if (!iac) return c.json({ report_id: scanId, resource_count: resourceCount }, 201);
      // Generated code names the cluster's objects: never kept by a shared cache.
      c.header('Cache-Control', 'no-store');
      return c.json({ report_id: scanId, resource_count: resourceCount, iac }, 201);
    },
  );
}

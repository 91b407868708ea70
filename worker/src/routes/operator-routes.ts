import { operatorReportRequestSchema, operatorReportResponseSchema } from '@driftwise/core';
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../auth/authenticate.ts';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { ingestReport } from '../ingest/ingest-report.ts';
import { repeatReport } from '../ingest/repeat-report.ts';
import { secretHasherFor } from '../ingest/secret-hasher-for.ts';
import { rateLimit } from '../limiter/rate-limit.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { rateLimitHeaders } from '../openapi/rate-limit-headers.ts';
import { security } from '../openapi/security.ts';
import type { AppDeps } from './app-deps.ts';

/** A report byte-identical to the newest scan of its scope is answered without parsing or matching it. */
function repeatShortcut(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (principal.kind !== 'api_key') throw new ProblemError(401, 'unauthorized', 'An API key is required.');
    const bodyHash = await sha256Hex(await c.req.text());
    const repeated = await repeatReport({
      store: c.get('store'),
      orgId: principal.orgId,
      bodyHash,
      now: deps.now,
      newId: deps.newId,
    });
    if (repeated) return c.json({ report_id: repeated.scanId, resource_count: repeated.resourceCount }, 201);
    c.set('bodyHash', bodyHash);
    await next();
  };
}

/**
 * The operator's report. The route's middleware runs in this order, before the library's body validator:
 * the rate limit (before authentication, so unauthenticated floods are limited too), the key (OIDC JWTs
 * refused), the body checks, the shortcut for an identical repeat; then core's schema.
 */
function postReport(deps: AppDeps) {
  return createRoute({
    method: 'post',
    path: '/report',
    operationId: 'postOperatorReport',
    tags: ['accounts'],
    summary: 'Report the live objects of a namespace or a whole cluster',
    description:
      'Scope `write`, API key only (a JWT bearer is a 403 `oidc_not_allowed`). Rate-limited to 120 requests ' +
      'per minute per client IP, counted before authentication. A body byte-identical to the newest scan of ' +
      'its cluster and namespace, with state sources and ignore rules unchanged since, is recorded as a new ' +
      'scan with the same result.',
    security: security.apiKey,
    middleware: [
      rateLimit({ clientIp: deps.clientIp }),
      authenticate({ rejectOidc: true, now: deps.now }),
      body('json'),
      repeatShortcut(deps),
    ] as const,
    request: {
      body: { required: true, content: { 'application/json': { schema: operatorReportRequestSchema } } },
    },
    responses: {
      201: {
        description: 'The scan run this report created.',
        headers: rateLimitHeaders,
        content: { 'application/json': { schema: operatorReportResponseSchema } },
      },
      ...problemResponses(
        [400, 401, 403, 413, 415, 429],
        { 403: 'A `read` key (`insufficient_scope`), or a JWT bearer (`oidc_not_allowed`).' },
        rateLimitHeaders,
      ),
    },
  });
}

/** `/api/v2/operator`: the operator's report. */
export function operatorRoutes(deps: AppDeps) {
  return openApiApp().openapi(postReport(deps), async (c) => {
    const principal = c.get('principal');
    if (principal.kind !== 'api_key') throw new ProblemError(401, 'unauthorized', 'An API key is required.');
    const report = c.req.valid('json');
    const { scanId, resourceCount } = await ingestReport(report, {
      store: c.get('store'),
      orgId: principal.orgId,
      secretHasher: await secretHasherFor(c.env.API_KEY_PEPPER),
      bodyHash: c.get('bodyHash'),
      now: deps.now,
      newId: deps.newId,
    });
    // generate_iac is stored with the scan; the generator is a later issue, so no `iac` yet.
    return c.json({ report_id: scanId, resource_count: resourceCount }, 201);
  });
}

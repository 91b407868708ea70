import { operatorReportRequestSchema, operatorReportResponseSchema } from '@driftwise/core';
import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { base64url } from 'jose';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../auth/authenticate.ts';
import { scopesAllow } from '../auth/principal.ts';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import type { WorkerEnv } from '../env.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { LlmEndpoint } from '../iac/apply-custom-prompt.ts';
import { ingestBatchPart } from '../ingest/ingest-batch-part.ts';
import { ingestReport } from '../ingest/ingest-report.ts';
import { orgSecretKey } from '../ingest/org-secret-key.ts';
import { repeatReport } from '../ingest/repeat-report.ts';
import { rateLimit } from '../limiter/rate-limit.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { rateLimitHeaders } from '../openapi/rate-limit-headers.ts';
import { security } from '../openapi/security.ts';
import { reportBatchAcceptedSchema } from '../schemas/report-batch-accepted-schema.ts';
import { secretHashKeySchema } from '../schemas/secret-hash-key-schema.ts';
import type { AppDeps } from './app-deps.ts';

/** Wakes the Durable Object dispatcher of the webhook outbox, in `waitUntil`: never on the report's path. */
function wakeDispatcher(c: Context<AppEnv>): void {
  const namespace = c.env.WEBHOOK_DISPATCHER;
  if (!namespace) return;
  const kick = namespace.get(namespace.idFromName('outbox')).kick();
  try {
    c.executionCtx.waitUntil(kick);
  } catch {
    void kick.catch(() => undefined);
  }
}

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

/** The custom-prompt model endpoint when all three settings are there. */
function llmEndpoint(env: WorkerEnv): LlmEndpoint | undefined {
  const { IAC_LLM_URL: url, IAC_LLM_MODEL: model, IAC_LLM_API_KEY: apiKey } = env;
  return url && model && apiKey ? { url, model, apiKey } : undefined;
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
      'scan with the same result. A part of a batch (`batch`) that leaves it incomplete is a 202; the part ' +
      'that completes it makes the scan from all parts and is the 201.',
    security: security.operator,
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
      202: {
        description: 'A part of a batch, staged; the batch is not complete yet.',
        headers: rateLimitHeaders,
        content: { 'application/json': { schema: reportBatchAcceptedSchema } },
      },
      ...problemResponses(
        [400, 401, 403, 409, 413, 415, 429],
        {
          403: 'A `read` key (`insufficient_scope`), or a JWT bearer (`oidc_not_allowed`).',
          409: 'A part that disagrees with its batch (`batch_conflict`), or of an expired batch (`batch_expired`).',
        },
        rateLimitHeaders,
      ),
    },
  });
}

/**
 * The org's key for Secret values, so operators hash them before they leave the cluster. The report route's
 * limiter and key rules, and scope `write` although it is a GET: the key lets its holder make hashes that
 * compare equal to the org's Secret values.
 */
function getSecretHashKey(deps: AppDeps) {
  return createRoute({
    method: 'get',
    path: '/secret-hash-key',
    operationId: 'getSecretHashKey',
    tags: ['accounts'],
    summary: "The org's key for hashing Secret values in the cluster",
    description:
      'Scope `write`, API key only (a JWT bearer is a 403 `oidc_not_allowed`), rate-limited with the report ' +
      'route. The key is derived from the server secret and the org, never stored, and stable until the ' +
      'server secret rotates. A report may carry Secret values as `hmac-sha256:<key_id>:<64 hex>` = ' +
      "HMAC-SHA-256(key, the value's bytes).",
    security: security.operator,
    middleware: [
      rateLimit({ clientIp: deps.clientIp }),
      authenticate({ rejectOidc: true, now: deps.now }),
    ] as const,
    responses: {
      200: {
        description: "The org's key.",
        headers: rateLimitHeaders,
        content: { 'application/json': { schema: secretHashKeySchema } },
      },
      ...problemResponses(
        [401, 403, 429],
        { 403: 'A key without scope `write` (`insufficient_scope`), or a JWT bearer (`oidc_not_allowed`).' },
        rateLimitHeaders,
      ),
    },
  });
}

/** `/api/v2/operator`: the secret hash key and the operator's report. */
export function operatorRoutes(deps: AppDeps) {
  return openApiApp()
    .openapi(getSecretHashKey(deps), async (c) => {
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
      return c.json({ algorithm: 'hmac-sha256' as const, key_id: keyId, key: base64url.encode(key) }, 200);
    })
    .openapi(postReport(deps), async (c) => {
      const principal = c.get('principal');
      if (principal.kind !== 'api_key')
        throw new ProblemError(401, 'unauthorized', 'An API key is required.');
      const report = c.req.valid('json');
      // The body's text and hono's parse of it are not needed past validation (its hash is taken): a 10 MB
      // body is ~40 MB of heap that the ingest can use instead (issue 9, memory).
      c.req.bodyCache = {};
      if (report.batch) {
        const part = await ingestBatchPart(
          { ...report, batch: report.batch },
          {
            store: c.get('store'),
            orgId: principal.orgId,
            secretHasher: (await orgSecretKey(c.env.API_KEY_PEPPER, principal.orgId)).hasher,
            now: deps.now,
            newId: deps.newId,
            llmEndpoint: llmEndpoint(c.env),
            fetch: deps.fetch,
          },
        );
        if (part.status === 202)
          return c.json({ batch_id: part.batchId, received: part.received, total: part.total }, 202);
        if (part.deliveries) wakeDispatcher(c);
        if (!part.iac) return c.json({ report_id: part.scanId, resource_count: part.resourceCount }, 201);
        c.header('Cache-Control', 'no-store');
        return c.json({ report_id: part.scanId, resource_count: part.resourceCount, iac: part.iac }, 201);
      }
      const { scanId, resourceCount, iac, deliveries } = await ingestReport(report, {
        store: c.get('store'),
        orgId: principal.orgId,
        secretHasher: (await orgSecretKey(c.env.API_KEY_PEPPER, principal.orgId)).hasher,
        bodyHash: c.get('bodyHash'),
        now: deps.now,
        newId: deps.newId,
        llmEndpoint: llmEndpoint(c.env),
        fetch: deps.fetch,
      });
      // w2-history: the outbox is written; wake the Workers dispatcher after answering (Node polls instead).
      if (deliveries) wakeDispatcher(c);
      if (!iac) return c.json({ report_id: scanId, resource_count: resourceCount }, 201);
      // Generated code names the cluster's objects: never kept by a shared cache.
      c.header('Cache-Control', 'no-store');
      return c.json({ report_id: scanId, resource_count: resourceCount, iac }, 201);
    });
}

import { createRoute } from '@hono/zod-openapi';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import {
  createWebhookRequestSchema,
  webhookDeliveryListSchema,
  webhookDeliveryQuerySchema,
  webhookListSchema,
  webhookParamsSchema,
  webhookSchema,
} from '../schemas/webhook-schemas.ts';
import type { WebhookRow } from '../store/store.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import { isLocalMode } from '../webhooks/local-mode.ts';
import type { AppDeps } from './app-deps.ts';

type Severity = 'critical' | 'high' | 'medium' | 'low';
type WebhookEvent = 'drift.appeared' | 'drift.resolved';

const toWebhook = (row: WebhookRow, secret = '') => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEvent[],
  min_severity: row.minSeverity as Severity,
  format: row.format as 'standard' | 'slack',
  secret,
  created_at: row.createdAt,
});

const tags = ['webhooks'];

const createWebhookRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createWebhook',
  tags,
  summary: 'Create a webhook',
  description:
    'After each scan, its `appeared` / `resolved` events at or above `min_severity` (accepted items ' +
    'excluded) are POSTed as one delivery, signed as Standard Webhooks says. `secret` is in this response ' +
    'and never again.',
  security: security.apiKey,
  middleware: [body('json')] as const,
  request: {
    params: orgParamsSchema,
    body: { required: true, content: { 'application/json': { schema: createWebhookRequestSchema } } },
  },
  responses: {
    201: {
      description: 'The webhook, with its secret.',
      content: { 'application/json': { schema: webhookSchema } },
    },
    ...problemResponses([400, 401, 403, 404, 413, 415], {
      400: 'A bad body, or a URL refused (`invalid_webhook_url`: not https, or a private address).',
    }),
  },
});

const listWebhooks = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listWebhooks',
  tags,
  summary: 'List webhooks',
  description: '`secret` is `""`.',
  security: security.apiKey,
  request: { params: orgParamsSchema },
  responses: {
    200: {
      description: 'The org’s webhooks.',
      content: { 'application/json': { schema: webhookListSchema } },
    },
    ...problemResponses([401, 404]),
  },
});

const deleteWebhook = createRoute({
  method: 'delete',
  path: '/{webhook_id}',
  operationId: 'deleteWebhook',
  tags,
  summary: 'Delete a webhook (and its pending deliveries)',
  security: security.apiKey,
  request: { params: webhookParamsSchema },
  responses: { 204: { description: 'Deleted.' }, ...problemResponses([401, 403, 404]) },
});

const listDeliveries = createRoute({
  method: 'get',
  path: '/{webhook_id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: 'The latest delivery attempts of a webhook, newest first',
  security: security.apiKey,
  request: { params: webhookParamsSchema, query: webhookDeliveryQuerySchema },
  responses: {
    200: {
      description: 'The latest attempts.',
      content: { 'application/json': { schema: webhookDeliveryListSchema } },
    },
    ...problemResponses([400, 401, 404]),
  },
});

const notFound = (id: string) => new ProblemError(404, 'not_found', `Webhook ${id} was not found.`);

/** `/api/v2/orgs/:org_id/webhooks` (w2-history, issue 14). */
export function webhookRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ now: deps.now }), requireOrg());
  return app
    .openapi(createWebhookRoute, async (c) => {
      const { webhook, secret } = await createWebhook({
        store: c.get('store'),
        orgId: c.req.param('org_id')!,
        request: c.req.valid('json'),
        pepper: c.env.API_KEY_PEPPER,
        localMode: isLocalMode(c.env),
        resolve: deps.resolveHost,
        now: deps.now,
        newId: deps.newId,
      });
      c.header('Cache-Control', 'no-store');
      // The secret is in this response and nowhere else in clear, ever.
      return c.json(toWebhook(webhook, secret), 201);
    })
    .openapi(listWebhooks, async (c) => {
      const rows = await c.get('store').listWebhooks(c.req.param('org_id')!);
      return c.json({ webhooks: rows.map((row) => toWebhook(row)) }, 200);
    })
    .openapi(deleteWebhook, async (c) => {
      const deleted = await c.get('store').deleteWebhook(c.req.param('org_id')!, c.req.param('webhook_id'));
      if (!deleted) throw notFound(c.req.param('webhook_id'));
      return c.body(null, 204);
    })
    .openapi(listDeliveries, async (c) => {
      const attempts = await c
        .get('store')
        .listDeliveryAttempts(c.req.param('org_id')!, c.req.param('webhook_id'), c.req.valid('query').limit);
      if (!attempts) throw notFound(c.req.param('webhook_id'));
      return c.json(
        {
          deliveries: attempts.map((a) => ({
            delivery_id: a.deliveryId,
            scan_id: a.scanId,
            attempt: a.attempt,
            at: a.at,
            status: a.status,
            response_code: a.responseCode,
            error: a.error,
            delivery_state: a.deliveryState as 'pending' | 'delivered' | 'failed',
          })),
        },
        200,
      );
    });
}

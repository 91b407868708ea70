import { parseIgnoreRules, parsePersonTools } from '@driftwise/core';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { orgParamsSchema } from '../schemas/org-schemas.ts';
import type { AppDeps } from './app-deps.ts';

const tags = ['driftignore'];
const TEXT = 'text/plain; charset=utf-8';

/** Plain text, so the library adds no validator: `parseIgnoreRules` checks it and names the bad line. */
const rulesText = z.string().meta({
  description:
    'One rule per line: `<resource-id-glob>` or `<resource-id-glob>:<path-glob>`; `#` comments (also after a ' +
    'rule), `!` negation, `*` wildcards.',
  example: 'k8s/deployment/*/api:spec.replicas\nk8s/*/kube-system/*\n',
});

const getDriftignore = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getDriftignore',
  tags,
  summary: 'The ignore rules',
  security: security.apiKey,
  request: { params: orgParamsSchema },
  responses: {
    200: {
      description: 'The rules (empty when none were set).',
      content: { 'text/plain': { schema: rulesText } },
    },
    ...problemResponses([401, 404]),
  },
});

const putDriftignore = createRoute({
  method: 'put',
  path: '/',
  operationId: 'putDriftignore',
  tags,
  summary: 'Replace the ignore rules',
  description: 'Rules apply to scans reported after the change.',
  security: security.apiKey,
  middleware: [body('text')] as const,
  request: {
    params: orgParamsSchema,
    body: { required: true, content: { 'text/plain': { schema: rulesText } } },
  },
  responses: {
    200: { description: 'The stored rules.', content: { 'text/plain': { schema: rulesText } } },
    ...problemResponses([400, 401, 403, 404, 413, 415], {
      400: 'A bad rule (`invalid_ignore_rule`, with `line`).',
    }),
  },
});

/** `/api/v2/orgs/:org_id/driftignore`: the org's ignore rules as `text/plain`. */
export function driftignoreRoutes(deps: AppDeps) {
  const app = openApiApp();
  app.use(authenticate({ now: deps.now, fetch: deps.fetch }), requireOrg());
  return app
    .openapi(getDriftignore, async (c) => {
      const text = await c.get('store').getIgnoreRules(c.req.param('org_id')!);
      return c.text(text ?? '', 200, { 'Content-Type': TEXT });
    })
    .openapi(putDriftignore, async (c) => {
      const text = await c.req.text();
      // A bad line throws DriftwiseError (invalid_ignore_rule, with the line): a 400 naming it. The
      // org's person's-tool list is a directive in the same text, checked the same way.
      parseIgnoreRules(text);
      parsePersonTools(text);
      await c.get('store').putIgnoreRules(c.req.param('org_id')!, text, deps.now().toISOString());
      return c.text(text, 200, { 'Content-Type': TEXT });
    });
}

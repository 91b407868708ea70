import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { openApiApp } from '../openapi/openapi-app.ts';
import { problemResponses } from '../openapi/problem-responses.ts';
import { security } from '../openapi/security.ts';
import { createOrgRequestSchema, orgListSchema, orgSchema } from '../schemas/org-schemas.ts';
import type { AppDeps } from './app-deps.ts';

const createOrg = createRoute({
  method: 'post',
  path: '/orgs',
  operationId: 'createOrg',
  tags: ['admin'],
  summary: 'Create an org',
  description:
    'Admin token only. Without `ADMIN_TOKEN` configured, admin routes answer 403 `admin_disabled`.',
  security: security.admin,
  middleware: [body('json')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: createOrgRequestSchema } } } },
  responses: {
    201: { description: 'The org.', content: { 'application/json': { schema: orgSchema } } },
    ...problemResponses([400, 401, 403, 413, 415], {
      403: 'Not the admin token (`insufficient_scope`), or no `ADMIN_TOKEN` configured (`admin_disabled`).',
    }),
  },
});

const listOrgs = createRoute({
  method: 'get',
  path: '/orgs',
  operationId: 'listOrgs',
  tags: ['admin'],
  summary: 'List every org',
  description:
    'Admin token only, oldest first. Lets `npm run bootstrap -- --org-name acme` reuse an org instead of ' +
    'making one per run.',
  security: security.admin,
  responses: {
    200: { description: 'Every org.', content: { 'application/json': { schema: orgListSchema } } },
    ...problemResponses([401, 403], {
      403: 'Not the admin token (`insufficient_scope`), or no `ADMIN_TOKEN` configured (`admin_disabled`).',
    }),
  },
});

/** `/api/v2/admin`: bootstrap routes, callable only with `Authorization: Bearer <ADMIN_TOKEN>`. */
export function adminRoutes(deps: AppDeps) {
  const app = openApiApp();
  app
    .use(async (c, next) => {
      // CONTRACT: without ADMIN_TOKEN configured, admin routes answer 403.
      if (!c.env.ADMIN_TOKEN) throw new ProblemError(403, 'admin_disabled', 'ADMIN_TOKEN is not configured.');
      return next();
    })
    .use(authenticate({ admin: true, now: deps.now, fetch: deps.fetch }))
    .use(async (c, next) => {
      if (c.get('principal').kind !== 'admin') {
        throw new ProblemError(403, 'insufficient_scope', 'Admin routes need the admin token.');
      }
      return next();
    });
  return app
    .openapi(createOrg, async (c) => {
      const { name } = c.req.valid('json');
      const org = { id: deps.newId(), name, createdAt: deps.now().toISOString() };
      await c.get('store').createOrg(org);
      return c.json({ id: org.id, name: org.name, created_at: org.createdAt }, 201);
    })
    .openapi(listOrgs, async (c) => {
      const orgs = await c.get('store').listOrgs();
      return c.json(
        { orgs: orgs.map((org) => ({ id: org.id, name: org.name, created_at: org.createdAt })) },
        200,
      );
    });
}

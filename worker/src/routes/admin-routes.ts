import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import { ProblemError } from '../http/problem-error.ts';
import { validationHook } from '../http/validation-hook.ts';
import { createOrgRequestSchema } from '../schemas/org-schemas.ts';
import type { AppDeps } from './app-deps.ts';

/** `/api/v2/admin`: bootstrap routes, callable only with `Authorization: Bearer <ADMIN_TOKEN>`. */
export function adminRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      // CONTRACT: without ADMIN_TOKEN configured, admin routes answer 403.
      if (!c.env.ADMIN_TOKEN) throw new ProblemError(403, 'admin_disabled', 'ADMIN_TOKEN is not configured.');
      return next();
    })
    .use(authenticate({ admin: true, now: deps.now }))
    .use(async (c, next) => {
      if (c.get('principal').kind !== 'admin') {
        throw new ProblemError(403, 'insufficient_scope', 'Admin routes need the admin token.');
      }
      return next();
    })
    .post('/orgs', body('json'), zValidator('json', createOrgRequestSchema, validationHook), async (c) => {
      const { name } = c.req.valid('json');
      const org = { id: deps.newId(), name, createdAt: deps.now().toISOString() };
      await c.get('store').createOrg(org);
      return c.json({ id: org.id, name: org.name, created_at: org.createdAt }, 201);
    })
    .get('/orgs', async (c) => {
      // Lets `npm run bootstrap --org-name acme` reuse an org instead of making one per run.
      const orgs = await c.get('store').listOrgs();
      return c.json({ orgs: orgs.map((org) => ({ id: org.id, name: org.name, created_at: org.createdAt })) });
    });
}

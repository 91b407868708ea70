import { parseIgnoreRules, parsePersonTools } from '@driftwise/core';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate, requireOrg } from '../auth/authenticate.ts';
import { body } from '../http/body.ts';
import type { AppDeps } from './app-deps.ts';

/** `/api/v2/orgs/:org_id/driftignore`: the org's ignore rules as `text/plain`. */
export function driftignoreRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(authenticate({ now: deps.now }), requireOrg())
    .get('/', async (c) => {
      const text = await c.get('store').getIgnoreRules(c.req.param('org_id')!);
      return c.text(text ?? '', 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    })
    .put('/', body('text'), async (c) => {
      const text = await c.req.text();
      // A bad line throws DriftwiseError (invalid_ignore_rule, with the line): a 400 naming it. The
      // org's person's-tool list is a directive in the same text, checked the same way.
      parseIgnoreRules(text);
      parsePersonTools(text);
      await c.get('store').putIgnoreRules(c.req.param('org_id')!, text, deps.now().toISOString());
      return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    });
}

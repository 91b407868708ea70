import { OpenAPIHono } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/d1';
import type { AppEnv } from './app-env.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { onError } from './http/on-error.ts';
import { ProblemError } from './http/problem-error.ts';
import { securityHeaders } from './http/security-headers.ts';
import { type OpenApiDocument, openApiDocument } from './openapi/openapi-document.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { apiKeyRoutes } from './routes/api-key-routes.ts';
import type { AppDeps } from './routes/app-deps.ts';
import { cloudAccountRoutes } from './routes/cloud-account-routes.ts';
import { driftEventRoutes } from './routes/drift-event-routes.ts';
import { driftignoreRoutes } from './routes/driftignore-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { operatorRoutes } from './routes/operator-routes.ts';
import { scanRoutes } from './routes/scan-routes.ts';
import { stateSourceRoutes } from './routes/state-source-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import * as schema from './store/schema.ts';
import { SqlStore } from './store/sql-store.ts';
import { dohResolver } from './webhooks/doh-resolver.ts';

/**
 * Builds the API: one sub-app per resource mounted with `app.route()`, the store on the context, and one
 * `onError` that turns every failure into problem+json. The runtime entry points only call this. Each
 * sub-app declares its routes with `createRoute()`, so `GET /api/v2/openapi.json` is generated from them.
 *
 * @example
 * export default createApp(); // Workers: env.DB, env.RATE_LIMITER from wrangler.toml
 */
export function createApp(overrides: Partial<AppDeps> = {}): OpenAPIHono<AppEnv> {
  const deps: AppDeps = {
    store: (env) => {
      if (!env.DB) throw new Error('No DB binding: pass a store to createApp off Workers');
      return new SqlStore(drizzle(env.DB, { schema }));
    },
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    clientIp: (c) => c.req.header('CF-Connecting-IP'),
    // A wrapper, not `fetch` itself: Workers refuse a fetch called with another `this`.
    fetch: (input, init) => fetch(input, init),
    resolveHost: dohResolver(),
    ...overrides,
  };
  const app = new OpenAPIHono<AppEnv>();
  let document: OpenApiDocument | undefined;
  app.use(securityHeaders({ cacheable: ['/api/v2/openapi.json'] }));
  app.use(async (c, next) => {
    c.set('store', deps.store(c.env));
    c.set('clientIp', deps.clientIp(c) ?? 'unknown');
    await next();
  });
  app.route('/healthz', healthRoutes);
  app.route(
    '/api/v2/openapi.json',
    openApiRoutes(() => (document ??= openApiDocument(app))),
  );
  app.route('/api/v2/admin', adminRoutes(deps));
  app.route('/api/v2/operator', operatorRoutes(deps));
  app.route('/api/v2/orgs/:org_id/api-keys', apiKeyRoutes(deps));
  app.route('/api/v2/orgs/:org_id/state-sources', stateSourceRoutes(deps));
  app.route('/api/v2/orgs/:org_id/scans', scanRoutes(deps));
  app.route('/api/v2/orgs/:org_id/driftignore', driftignoreRoutes(deps));
  app.route('/api/v2/orgs/:org_id/cloud-accounts', cloudAccountRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/api/v2/orgs/:org_id/drift-events', driftEventRoutes(deps));
  app.route('/api/v2/orgs/:org_id/webhooks', webhookRoutes(deps));
  app.notFound(() => {
    throw new ProblemError(404, 'not_found', 'No such route.');
  });
  app.onError(onError);
  return app;
}

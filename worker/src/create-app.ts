import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { onError } from './http/on-error.ts';
import { ProblemError } from './http/problem-error.ts';
import { type OpenApiDocument, openApiDocument } from './openapi/openapi-document.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { apiKeyRoutes } from './routes/api-key-routes.ts';
import type { AppDeps } from './routes/app-deps.ts';
import { cloudAccountRoutes } from './routes/cloud-account-routes.ts';
import { driftignoreRoutes } from './routes/driftignore-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { operatorRoutes } from './routes/operator-routes.ts';
import { scanRoutes } from './routes/scan-routes.ts';
import { stateSourceRoutes } from './routes/state-source-routes.ts';
import { D1Store } from './store/d1-store.ts';

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
    store: (env) => new D1Store(env.DB),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    clientIp: (c) => c.req.header('CF-Connecting-IP'),
    fetch: (input, init) => fetch(input, init),
    ...overrides,
  };
  const app = new OpenAPIHono<AppEnv>();
  let document: OpenApiDocument | undefined;
  app.use(async (c, next) => {
    c.set('store', deps.store(c.env));
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
  app.notFound(() => {
    throw new ProblemError(404, 'not_found', 'No such route.');
  });
  app.onError(onError);
  return app;
}

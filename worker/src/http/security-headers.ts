import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /**
   * Paths whose responses may be cached: public documents that carry no org data. Every other `/api/`
   * response gets `Cache-Control: no-store`.
   */
  cacheable?: readonly string[];
}

/**
 * CONTRACT "Limits": every response carries `X-Content-Type-Options: nosniff` (errors and 404s too), and
 * responses with keys, drift or IaC carry `Cache-Control: no-store`. Every org route returns org data, so
 * rather than listing the ones that do, every `/api/` response is `no-store` except the public `cacheable`
 * paths. Set after `next()`, so the responses that `onError` built from a thrown error get them as well.
 *
 * @example
 * app.use(securityHeaders({ cacheable: ['/api/v2/openapi.json'] }));
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler<AppEnv> {
  const { cacheable = [] } = options;
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (c.req.path.startsWith('/api/') && !cacheable.includes(c.req.path))
      c.res.headers.set('Cache-Control', 'no-store');
  };
}

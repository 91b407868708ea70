import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions {
  port: number;
  host?: string;
  ready: () => boolean;
  registry: Registry;
  /** Refreshes gauges that are read on demand (objects watched) before a scrape. */
  beforeScrape?: () => void;
}

/**
 * `/healthz` (the process runs), `/readyz` (every informer has synced; 503 before), `/metrics`
 * (Prometheus text format). Resolves with the server once it listens.
 *
 * @example const server = await startOpsServer({ port: 8080, ready: cache.synced, registry });
 */
export function startOpsServer({
  port,
  host = '0.0.0.0',
  ready,
  registry,
  beforeScrape = () => {},
}: OpsServerOptions): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    else if (path === '/readyz') {
      const ok = ready();
      response
        .writeHead(ok ? 200 : 503, { 'Content-Type': 'text/plain' })
        .end(ok ? 'ready\n' : 'informers syncing\n');
    } else if (path === '/metrics') {
      beforeScrape();
      response.writeHead(200, { 'Content-Type': registry.contentType }).end(await registry.metrics());
    } else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

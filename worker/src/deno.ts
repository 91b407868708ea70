// Deno entry: wiring only. From worker/: `deno run --cached-only --no-remote --allow-net --allow-env
// --allow-read --allow-write --allow-ffi --allow-sys src/deno.ts` (npm run start:deno -w worker; `deno` is a
// root devDependency). Modules come from the project's node_modules (npm install first; `--cached-only
// --no-remote`: nothing is fetched), the libSQL driver is its native Node-API build (hence --allow-ffi).
import { fileURLToPath } from 'node:url';
import { startRetentionPurge } from './retention/start-retention-purge.ts';
import { createStandaloneApp } from './standalone.ts';
import { startDeliveryLoop } from './webhooks/delivery-loop.ts';
import { systemResolver } from './webhooks/system-resolver.ts';

const resolveHost = systemResolver;

// The few Deno APIs used here; the worker's TypeScript projects do not load Deno's own types.
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen?: (address: { port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

// The socket's peer of each request (a CF-Connecting-IP header would be whatever the client sent).
const peers = new WeakMap<Request, string>();
const { app, bindings, client, store, applied } = await createStandaloneApp({
  env: (name) => Deno.env.get(name),
  clientIp: (c) => peers.get(c.req.raw),
  migrationsDir: fileURLToPath(new URL('../../migrations', import.meta.url).href),
  resolveHost,
});
// The retention purge (the cron trigger on Workers) and the webhook outbox (the Durable Object's alarm), as
// on Node.
startRetentionPurge({ store, retentionDays: Deno.env.get('SCAN_RETENTION_DAYS') });
startDeliveryLoop({ store, env: (name) => Deno.env.get(name), resolve: resolveHost });
if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
if (!Deno.env.get('API_KEY_PEPPER'))
  console.warn('API_KEY_PEPPER is not set: key and report routes answer 500');

const hostname = Deno.env.get('HOST') || '127.0.0.1';
const server = Deno.serve(
  {
    hostname,
    port: Number(Deno.env.get('PORT') || 8788),
    onListen: ({ port }) => console.log(`driftwise listening on http://${hostname}:${port}`),
  },
  (request, info) => {
    peers.set(request, info.remoteAddr.hostname);
    return app.fetch(request, bindings);
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, async () => {
    await server.shutdown();
    client.close();
    Deno.exit(0);
  });
}

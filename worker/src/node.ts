// Node entry: wiring only. `node --experimental-strip-types worker/src/node.ts` (npm run start:node -w worker).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { startRetentionPurge } from './retention/start-retention-purge.ts';
import { createStandaloneApp } from './standalone.ts';
import { startDeliveryLoop } from './webhooks/delivery-loop.ts';
import { systemResolver } from './webhooks/system-resolver.ts';

const resolveHost = systemResolver;

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const { app, bindings, client, store, applied } = await createStandaloneApp({
  env: (name) => process.env[name],
  // The socket's peer: a CF-Connecting-IP header would be whatever the client chose to send here.
  clientIp: (c) => getConnInfo(c).remote.address,
  migrationsDir,
  resolveHost,
});
if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
if (!process.env.API_KEY_PEPPER) console.warn('API_KEY_PEPPER is not set: key and report routes answer 500');

const hostname = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8788);
const server = serve(
  {
    // node-server passes `{ incoming, outgoing }` as the env; getConnInfo reads the socket from `incoming`.
    fetch: (request, env) => app.fetch(request, { ...bindings, ...env }),
    hostname,
    port,
  },
  (info) => console.log(`driftwise listening on http://${hostname}:${info.port}`),
);

// The retention purge, as the cron trigger does on Workers: at start, then every 6 hours.
startRetentionPurge({ store, retentionDays: process.env.SCAN_RETENTION_DAYS });

// The webhook outbox (the Durable Object's alarm on Workers): an interval over the same table.
startDeliveryLoop({ store, env: (name) => process.env[name], resolve: resolveHost });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => {
      client.close();
      process.exit(0);
    });
  });
}

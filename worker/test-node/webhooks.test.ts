import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../scripts/local-worker.ts';
import { type NodeServer, startNodeServer } from './node-server.ts';
import { privateUrlsRefused, webhookRoundTrip } from './webhook-cases.ts';

describe('webhooks on the Node server', () => {
  let server: NodeServer;
  beforeAll(async () => {
    // Local mode (the receiver is on 127.0.0.1), a fast interval and short retries so the test takes seconds.
    server = await startNodeServer({
      LOCAL_MODE: '1',
      WEBHOOK_DISPATCH_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '100',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('delivers once after two failures, signed so the standardwebhooks verifier accepts it', async () => {
    const delivered = await webhookRoundTrip(server);
    expect(delivered.headers['webhook-signature']).toMatch(/^v1,/);
    if (process.env.DRIFTWISE_WRITE_WEBHOOK_SAMPLE)
      writeFileSync(process.env.DRIFTWISE_WRITE_WEBHOOK_SAMPLE, JSON.stringify(delivered, null, 2));
  }, 60_000);
});

describe('webhooks on the Deno server', () => {
  let server: NodeServer;
  beforeAll(async () => {
    // The Deno entry's own delivery loop (src/deno.ts), as on Node: local mode, fast interval, short retries.
    server = await startNodeServer(
      { LOCAL_MODE: '1', WEBHOOK_DISPATCH_INTERVAL_MS: '100', WEBHOOK_RETRY_BASE_MS: '100' },
      { runtime: 'deno' },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('delivers once after two failures, signed so the standardwebhooks verifier accepts it', async () => {
    const delivered = await webhookRoundTrip(server);
    expect(delivered.headers['webhook-signature']).toMatch(/^v1,/);
  }, 60_000);
});

describe('webhooks on wrangler dev', () => {
  let worker: LocalWorker;
  beforeAll(async () => {
    // `npm run dev` sets LOCAL_MODE; short retries so the Durable Object's alarms finish in seconds.
    worker = await startLocalWorker({ args: ['--var', 'WEBHOOK_RETRY_BASE_MS:100'] });
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('delivers once after two failures through the Durable Object alarm, verifiably signed', async () => {
    const delivered = await webhookRoundTrip(worker);
    expect(delivered.headers['webhook-signature']).toMatch(/^v1,/);
  }, 90_000);
});

describe.each(['node', 'deno'] as const)('webhook URLs on the %s server outside local mode', (runtime) => {
  let server: NodeServer;
  beforeAll(async () => {
    server = await startNodeServer({ LOCAL_MODE: '' }, { runtime });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses private, loopback and link-local addresses at creation and stores nothing', async () => {
    await privateUrlsRefused(server);
  });
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import { historyRoundTrip } from './history-cases.ts';
import { type NodeServer, startNodeServer } from './node-server.ts';

// Issue 14 on the standalone runtimes (the worker suite covers Workers inside workerd): drift events,
// the baseline and the dashboard's history line, over HTTP against the real Node and Deno entries.
describe.each(['node', 'deno'] as const)('drift history on the %s server', (runtime) => {
  let server: NodeServer;
  beforeAll(async () => {
    server = await startNodeServer({}, { runtime });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves events with their authors, pages them, keeps a baseline and shows the history line', async () => {
    await historyRoundTrip(server);
  }, 60_000);
});

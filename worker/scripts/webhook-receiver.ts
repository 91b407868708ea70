// A webhook receiver on loopback for the end-to-end tests (the Node, Deno and wrangler dev webhook case,
// the dashboard's browser test): the worker in local mode may POST to http://127.0.0.1….
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePort } from './local-worker.ts';

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A receiver on 127.0.0.1 that answers 500 to the first `failures` requests, then 204; `stop` closes it.
 *
 * @example const receiver = await startReceiver(0); … receiver.received[0].body; await receiver.stop();
 */
export async function startReceiver(failures: number) {
  const port = await freePort();
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = received.length <= failures ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

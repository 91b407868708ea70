import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The worker's Node-side tests: the smoke test starts `wrangler dev` itself (scripts/local-worker.ts) and
// talks to it over real HTTP on loopback; the libSQL tests run the app on Node (@libsql/client, the Node
// and Deno entries). Neither can run inside workerd with the rest of the worker suite.
export default defineProject({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    name: 'worker-node',
    include: ['test-node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});

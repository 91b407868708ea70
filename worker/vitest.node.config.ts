import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The worker's Node-side tests: they start `wrangler dev` themselves (scripts/local-worker.ts) and talk to
// it over real HTTP on loopback, so they cannot run inside workerd with the rest of the worker suite.
export default defineProject({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    name: 'worker-node',
    include: ['test-node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});

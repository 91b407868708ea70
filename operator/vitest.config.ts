import { defineProject } from 'vitest/config';

// The operator's suite on Node: unit tests of the pure parts, and the end-to-end test that serves a
// recorded Kubernetes API and a real local worker on loopback and runs the built operator against them.
export default defineProject({
  test: {
    name: 'operator',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});

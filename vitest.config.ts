import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package's suite, each in its own runtime:
// core and extension on Node, the worker inside workerd (@cloudflare/vitest-plugin).
export default defineConfig({
  test: {
    projects: ['core', 'worker', 'extension'],
  },
});

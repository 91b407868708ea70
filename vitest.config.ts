import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package's suite, each in its own runtime:
// core and extension on Node, the worker inside workerd (@cloudflare/vitest-plugin), and the worker smoke
// test on Node (it starts `wrangler dev` itself), the operator on Node (a recorded Kubernetes API and a
// local worker on loopback).
export default defineConfig({
  test: {
    projects: ['core', 'worker', 'worker/vitest.node.config.ts', 'extension', 'operator'],
  },
});

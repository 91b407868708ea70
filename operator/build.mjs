// Bundles the operator into one file, dist/main.mjs, that runs on Node without TypeScript support
// (core is TypeScript source; the image then needs no node_modules). Plain JS, so no type stripping is
// needed. Node ≥ 20.18.1: client-node 2 asks for undici 8 (Node ≥ 22.19), but uses only its `fetch`, `Agent`
// and `ProxyAgent`, which undici 7 has too; the root package.json's `overrides` gives it the operator's undici 7,
// whose floor is Node 20.18.1. The end-to-end test runs this bundle on Node 20 and on Node 24.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile: join(root, 'dist/main.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Some dependencies are CommonJS and call require() for Node built-ins: give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: false,
  logLevel: 'warning',
});

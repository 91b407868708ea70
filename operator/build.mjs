// Bundles the operator into one file, dist/main.mjs, that runs on Node without TypeScript support
// (core is TypeScript source; the image then needs no node_modules). Plain JS, so no type stripping is
// needed. Node ≥ 22.19: the undici 8 that @kubernetes/client-node 2 ships requires it (Node 20 fails at load).
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
  target: 'node22',
  // Some dependencies are CommonJS and call require() for Node built-ins: give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: false,
  logLevel: 'warning',
});

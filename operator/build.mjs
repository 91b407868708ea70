// Bundles the operator into one file, dist/main.mjs, that runs on Node without TypeScript support
// (core is TypeScript source; the image then needs no node_modules). Plain JS, so no type stripping is
// needed. Node ≥ 20.18.1: client-node 2 asks for undici 8 (Node ≥ 22.19), but uses only its `fetch`, `Agent`
// and `ProxyAgent`, which undici 7 has too; the root package.json's `overrides` gives it the operator's undici 7,
// whose floor is Node 20.18.1. The end-to-end test runs this bundle on Node 20 and on Node 24.
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));

// client-node's KubeConfig and ListWatch import its generated API (every API class and model, ~770 modules)
// for two things the operator never calls: `KubeConfig.makeApiClient` (`gen/index.js`) and the label/field
// selector serialization of `ListWatch` (`serializer.js`). Loaded, they cost ~50 MB of heap and RSS before
// the first object is watched, so the bundle gets a stub of those two imports that fails loudly if called.
// The tests run the real modules (vitest loads client-node unbundled); the end-to-end test runs the bundle.
const STUBBED = /[\\/]@kubernetes[\\/]client-node[\\/]dist$/;
const stubGeneratedApi = {
  name: 'stub-client-node-generated-api',
  setup(b) {
    b.onResolve({ filter: /^\.\/(gen\/index|serializer)\.js$/ }, (args) =>
      STUBBED.test(args.resolveDir) ? { path: args.path, namespace: 'client-node-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'client-node-stub' }, () => ({
      contents: `const unbundled = (what) => { throw new Error(\`\${what} is not in the operator's bundle (operator/build.mjs)\`); };
export function createConfiguration() { unbundled('createConfiguration'); }
export class ServerConfiguration { constructor() { unbundled('ServerConfiguration'); } }
export const ObjectSerializer = { serialize: () => unbundled('ObjectSerializer'), deserialize: () => unbundled('ObjectSerializer') };`,
      loader: 'js',
    }));
  },
};

// Core is pure (no module has effects when loaded), but the bundler cannot know that its index's zod
// schemas and IaC generator are unused here: marking core's modules side-effect free lets it drop what the
// operator does not import (zod and yaml among them), ~10 MB of idle heap.
const coreDir = join(root, '..', 'core', 'src');
const coreIsPure = {
  name: 'core-is-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.coreIsPure || args.kind === 'entry-point') return undefined;
      const result = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { coreIsPure: true },
      });
      if (result.errors.length > 0 || !result.path.startsWith(coreDir)) return undefined;
      return { ...result, sideEffects: false };
    });
  },
};

// Written beside the target, then renamed over it: test files build in parallel and start the bundle, and a
// rename is atomic where a write is not, so no one runs a half-written file.
const outfile = join(root, 'dist/main.mjs');
const temporary = `${outfile}.${process.pid}.tmp`;
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile: temporary,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Some dependencies are CommonJS and call require() for Node built-ins: give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [stubGeneratedApi, coreIsPure],
  sourcemap: false,
  logLevel: 'warning',
});
renameSync(temporary, outfile);

#!/usr/bin/env node
// `npm run build -w core`: the JavaScript of the package, in dist/.
// - dist/cli.js: the `driftwise` command, one ESM file for Node >= 20 with zod and @noble/hashes bundled,
//   so the packed tarball has no dependencies and installs offline;
// - dist/index.js + dist/**/*.d.ts: the library (`@driftwise/core`), bundled the same way, with the
//   declarations tsc emits from src/.
// Plain JavaScript so that it runs on any Node (`npm pack` may run it).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(core, 'dist');
rmSync(dist, { recursive: true, force: true });

const common = { bundle: true, format: 'esm', target: 'node20', logLevel: 'warning', legalComments: 'none' };
await build({
  ...common,
  entryPoints: [join(core, 'cli', 'driftwise.ts')],
  outfile: join(dist, 'cli.js'),
  platform: 'node',
  // Bundled CommonJS dependencies (yaml's Node build requires `process`) need a real `require` in ESM.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: [join(core, 'src', 'index.ts')],
  outfile: join(dist, 'index.js'),
  platform: 'neutral',
});

const tsc = join(core, '..', 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(
  process.execPath,
  [
    tsc,
    '-p',
    join(core, 'tsconfig.json'),
    '--noEmit',
    'false',
    '--declaration',
    '--emitDeclarationOnly',
    '--rootDir',
    join(core, 'src'),
    '--outDir',
    dist,
  ],
  { stdio: 'inherit' },
);
// The sources import siblings as `./x.ts` (Node runs them as they are); declarations must name `./x.js`,
// the files a consumer's TypeScript resolves next to the bundle.
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
for (const file of walk(dist).filter((path) => path.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/(from\s+['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1.js$2'));
}
console.log(`built ${dist}`);

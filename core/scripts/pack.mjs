#!/usr/bin/env node
// `npm run package -w core`: the tarball of the `driftwise` command and the library, dist/driftwise-core-<v>.tgz.
// The workspace manifest points at the TypeScript sources (the worker and the extension use them as they are,
// with no build step); the packed one points at the bundle. Rather than rewriting package.json in place around
// `npm pack` (a concurrent test or dev server would read the half-way file), it is written into a staging
// folder with bin/ and dist/, and that folder is packed. `node scripts/pack.mjs --refuse` is the `prepack`
// hook that stops a plain `npm pack` of the sources, which would ship .ts files Node refuses under node_modules.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--refuse')) {
  console.error(
    'driftwise: pack the built package with `npm run package -w core` (it writes dist/driftwise-core-*.tgz)',
  );
  process.exit(1);
}

execFileSync(process.execPath, [join(core, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const source = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8'));
const manifest = {
  name: source.name,
  version: source.version,
  description: source.description,
  type: 'module',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  types: './dist/index.d.ts',
  bin: { driftwise: './bin/driftwise.js' },
  files: ['bin', 'dist'],
  // The bundle runs on Node 20 (parseArgs, fetch, ESM); the sources need type stripping.
  engines: { node: '>=20' },
  // Bundled: nothing to install. Only the declarations name zod (the schemas' types), for TypeScript users.
  peerDependencies: { zod: source.dependencies.zod },
  peerDependenciesMeta: { zod: { optional: true } },
};

const stage = mkdtempSync(join(tmpdir(), 'driftwise-pack-'));
try {
  cpSync(join(core, 'bin'), join(stage, 'bin'), { recursive: true });
  cpSync(join(core, 'dist'), join(stage, 'dist'), { recursive: true });
  cpSync(join(core, 'README.md'), join(stage, 'README.md'));
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = process.env.npm_execpath; // set when run through `npm run`: the same npm, whatever is on PATH
  const args = ['pack', stage, '--pack-destination', join(core, 'dist'), '--json', '--silent'];
  const output = npm ? execFileSync(process.execPath, [npm, ...args]) : execFileSync('npm', args);
  const [{ filename }] = JSON.parse(output.toString());
  console.log(join(core, 'dist', filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}

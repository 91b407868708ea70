// Bundles the extension into dist/extension.cjs (VS Code loads extensions with require) and ships the
// two WebAssembly files web-tree-sitter needs next to it.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(join(root, 'package.json'));

await mkdir(dist, { recursive: true });
await build({
  entryPoints: [join(root, 'src/extension.ts')],
  outfile: join(dist, 'extension.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  // web-tree-sitter's ESM build reads `import.meta.url`, which a CommonJS bundle lacks: give it the bundle's URL.
  define: { 'import.meta.url': '__driftwiseImportMetaUrl' },
  banner: { js: "const __driftwiseImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: false,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
});
await copyFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
await copyFile(
  join(
    dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
    'tree-sitter-terraform.wasm',
  ),
  join(dist, 'tree-sitter-terraform.wasm'),
);
console.log('built dist/extension.cjs');

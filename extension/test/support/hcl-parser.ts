import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type HclParser, loadHclParser } from '../../src/hcl/hcl-parser.ts';

const require = createRequire(import.meta.url);

/** The real parser with the WebAssembly files from node_modules (the bundle ships copies in dist/). */
export function loadTestParser(): Promise<HclParser> {
  return loadHclParser({
    runtimeWasmPath: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    grammarWasmPath: join(
      dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
      'tree-sitter-terraform.wasm',
    ),
  });
}

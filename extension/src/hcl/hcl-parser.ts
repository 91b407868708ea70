import { Language, Parser, type Tree } from 'web-tree-sitter';

/** Where the two WebAssembly files live: shipped next to the bundle, or in node_modules for tests. */
export interface HclParserOptions {
  /** `web-tree-sitter.wasm`, the parser runtime. */
  runtimeWasmPath: string;
  /** `tree-sitter-terraform.wasm` from `@tree-sitter-grammars/tree-sitter-hcl`. */
  grammarWasmPath: string;
}

/** A Terraform (HCL) parser with exact positions. Trees own WebAssembly memory: `delete()` them. */
export interface HclParser {
  parse(text: string): Tree;
}

/**
 * Loads web-tree-sitter and the Terraform flavour of the HCL grammar (it knows `for` expressions and
 * template directives that plain HCL files in the wild use too).
 * @example const parser = await loadHclParser({ runtimeWasmPath, grammarWasmPath }); parser.parse(text);
 */
export async function loadHclParser({
  runtimeWasmPath,
  grammarWasmPath,
}: HclParserOptions): Promise<HclParser> {
  await Parser.init({ locateFile: () => runtimeWasmPath });
  const language = await Language.load(grammarWasmPath);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text) {
      const tree = parser.parse(text);
      // parse() returns null only without a language or when a progress callback cancels: neither here.
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
  };
}

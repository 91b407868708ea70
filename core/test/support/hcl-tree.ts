import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, type Node, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

/** A top-level block of a parsed file: its type and labels, and its attributes' source text. */
export interface ParsedBlock {
  type: string;
  labels: string[];
  attributes: Record<string, string>;
}

/** What the real HCL parser saw: syntax errors (ERROR / MISSING nodes) and the top-level blocks. */
export interface ParsedHcl {
  errors: string[];
  blocks: ParsedBlock[];
  /** How many `${…}` interpolations and `%{…}` directives the file holds. */
  templates: number;
}

let parser: Parser | undefined;

/** The extension's grammar (tree-sitter-hcl's Terraform flavour) on web-tree-sitter, loaded once. */
async function load(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
  const language = await Language.load(
    join(
      dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
      'tree-sitter-terraform.wasm',
    ),
  );
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function problems(node: Node, out: string[], templates: { count: number }): void {
  if (node.isError || node.isMissing) {
    out.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
  }
  if (node.type === 'template_interpolation' || node.type === 'template_directive') templates.count++;
  for (const child of node.children) if (child) problems(child, out, templates);
}

/** Parses HCL with tree-sitter and lists the errors and the top-level blocks. */
export async function parseHcl(text: string): Promise<ParsedHcl> {
  const tree = (await load()).parse(text);
  if (!tree) throw new Error('no tree');
  try {
    const errors: string[] = [];
    const templates = { count: 0 };
    problems(tree.rootNode, errors, templates);
    const body = tree.rootNode.namedChildren.find((child) => child?.type === 'body');
    const blocks: ParsedBlock[] = [];
    for (const node of body?.namedChildren ?? []) {
      if (node?.type !== 'block') continue;
      const named = node.namedChildren.filter((child) => child !== null);
      const type = named.find((child) => child.type === 'identifier')?.text ?? '';
      const labels = named
        .filter((child) => child.type === 'string_lit')
        .map((child) => JSON.parse(child.text) as string);
      const attributes: Record<string, string> = {};
      const inner = named.find((child) => child.type === 'body');
      for (const attribute of inner?.namedChildren ?? []) {
        if (attribute?.type !== 'attribute') continue;
        const [key, value] = attribute.namedChildren;
        if (key && value) attributes[key.text] = value.text;
      }
      blocks.push({ type, labels, attributes });
    }
    return { errors, blocks, templates: templates.count };
  } finally {
    tree.delete();
  }
}

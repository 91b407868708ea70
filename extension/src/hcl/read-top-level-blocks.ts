import type { Tree, TreeCursor } from 'web-tree-sitter';
import type { HclBlock } from './hcl-block.ts';
import { readHclBlock } from './read-hcl-block.ts';

/**
 * Every top-level block of a file (`resource`, `import`, `variable`, …) as plain data; the caller may
 * free the tree at once. {@link indexTerraformFile} keeps only what drift lands on; generated code needs
 * its `import` and `variable` blocks too.
 * @example readTopLevelBlocks(parser.parse('import {\n  to = a.b\n  id = "ns/x"\n}\n'))[0].type // 'import'
 */
export function readTopLevelBlocks(tree: Tree): HclBlock[] {
  const blocks: HclBlock[] = [];
  const cursor = tree.walk();
  try {
    // config_file → body → blocks and attributes. A leading comment is a sibling of the body.
    if (!cursor.gotoFirstChild()) return blocks;
    while (nodeType(cursor) !== 'body') if (!cursor.gotoNextSibling()) return blocks;
    if (!cursor.gotoFirstChild()) return blocks;
    do {
      if (nodeType(cursor) === 'block') blocks.push(readHclBlock(cursor));
    } while (cursor.gotoNextSibling());
    return blocks;
  } finally {
    cursor.delete();
  }
}

/** Read through a function: the compiler would otherwise take the getter for a stable value and narrow it. */
function nodeType(cursor: TreeCursor): string {
  return cursor.nodeType;
}

import type { Tree } from 'web-tree-sitter';
import type { HclBlock } from './hcl-block.ts';
import { readTopLevelBlocks } from './read-top-level-blocks.ts';
import type { Span } from './span.ts';

/** A `resource "<type>" "<name>" { … }` block, as plain data. */
export interface ResourceBlock {
  type: string;
  name: string;
  /** The block's first line up to `{`. */
  head: Span;
  block: HclBlock;
}

/** A `module "<name>" { source = "…" }` call. */
export interface ModuleCall {
  name: string;
  /** The literal `source`, or `null` when it is missing or computed. */
  source: string | null;
  head: Span;
}

/** The top-level blocks of one `.tf` file that drift can land on. */
export interface TerraformFileIndex {
  resources: ResourceBlock[];
  modules: ModuleCall[];
}

/**
 * Lists a file's resource blocks and module calls as plain data. Nothing refers back to the tree, so the
 * caller can free it at once and later refreshes map drift without touching WebAssembly memory.
 * @example indexTerraformFile(parser.parse(text)).resources[0] // { type: 'kubernetes_deployment_v1', name: 'api', … }
 */
export function indexTerraformFile(tree: Tree): TerraformFileIndex {
  const resources: ResourceBlock[] = [];
  const modules: ModuleCall[] = [];
  for (const block of readTopLevelBlocks(tree)) {
    const [first, second] = block.labels;
    if (block.type === 'resource' && first && second) {
      resources.push({ type: first, name: second, head: block.head, block });
    } else if (block.type === 'module' && first) {
      const source = block.body.find((item) => item.kind === 'attribute' && item.name === 'source');
      const value = source?.kind === 'attribute' && source.value.kind === 'string' ? source.value.text : null;
      modules.push({ name: first, source: value, head: block.head });
    }
  }
  return { resources, modules };
}

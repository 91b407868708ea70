import type { ApiDriftItem } from '../api/scan-types.ts';
import type { HclBlock } from '../hcl/hcl-block.ts';
import type { Span } from '../hcl/span.ts';

/** One object's code inside a scan's generated IaC. */
export interface GeneratedResource {
  /** The `resource` block in the generated file, to select when the whole file is shown. */
  span: Span;
  /** The `variable` blocks it uses (a Secret's keys), the resource and its `import {}` block, ready to paste. */
  code: string;
}

/**
 * Finds an `extra` item's code in generated Terraform (HCL). The CONTRACT fixes the `import {}` block's
 * provider import ID, not the resource name, so the import whose `id` names the object (`namespace/name`
 * for a typed resource, `apiVersion=…,kind=…,namespace=…,name=…` for a `kubernetes_manifest`) leads to
 * the block its `to` points at. `null` when the file has no such object.
 * @example locateGeneratedResource(readTopLevelBlocks(tree), content, item)?.code
 * // 'resource "kubernetes_deployment_v1" "docs_link_checker" {…}\n\nimport {\n  to = …\n  id = "docs/link-checker"\n}\n'
 */
export function locateGeneratedResource(
  blocks: readonly HclBlock[],
  content: string,
  item: Pick<ApiDriftItem, 'normalized_type' | 'namespace' | 'name'>,
): GeneratedResource | null {
  const lines = content.split('\n');
  const textOf = (span: Span) => spanText(lines, span);
  const kind = item.normalized_type.replace(/^k8s\//, '').toLowerCase();
  const imported = blocks.find((block) => {
    if (block.type !== 'import') return false;
    const id = stringAttribute(block, 'id');
    return id !== null && importIdNames(id, kind, item.namespace, item.name);
  });
  const to = imported ? attributeSource(imported, 'to', textOf) : null;
  const resource = blocks.find(
    (block) => block.type === 'resource' && to !== null && `${block.labels[0]}.${block.labels[1]}` === to,
  );
  if (!resource) return null;
  const resourceText = textOf(resource.span);
  const used = new Set(
    [...resourceText.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((match) => match[1]),
  );
  const variables = blocks.filter((block) => block.type === 'variable' && used.has(block.labels[0] ?? ''));
  const parts = [...variables, resource, ...(imported ? [imported] : [])].map((block) => textOf(block.span));
  return { span: resource.span, code: `${parts.join('\n\n')}\n` };
}

/** Whether a provider import ID names the object: `ns/name`, `name`, or the manifest's `key=value` list. */
function importIdNames(id: string, kind: string, namespace: string | null, name: string): boolean {
  if (id.includes('=')) {
    const fields = new Map(
      id.split(',').map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const;
      }),
    );
    return (
      fields.get('name') === name &&
      (fields.get('namespace') ?? null) === namespace &&
      fields.get('kind')?.toLowerCase() === kind
    );
  }
  return id === (namespace ? `${namespace}/${name}` : name);
}

function stringAttribute(block: HclBlock, name: string): string | null {
  const attribute = block.body.find((item) => item.kind === 'attribute' && item.name === name);
  return attribute?.kind === 'attribute' && attribute.value.kind === 'string' ? attribute.value.text : null;
}

/** The source text of an attribute's value (`to = kubernetes_deployment_v1.x` is a reference, not a string). */
function attributeSource(block: HclBlock, name: string, textOf: (span: Span) => string): string | null {
  const attribute = block.body.find((item) => item.kind === 'attribute' && item.name === name);
  return attribute?.kind === 'attribute' ? textOf(attribute.value.head).trim() : null;
}

function spanText(lines: readonly string[], span: Span): string {
  if (span.startLine === span.endLine) return (lines[span.startLine] ?? '').slice(span.startCol, span.endCol);
  return [
    (lines[span.startLine] ?? '').slice(span.startCol),
    ...lines.slice(span.startLine + 1, span.endLine),
    (lines[span.endLine] ?? '').slice(0, span.endCol),
  ].join('\n');
}

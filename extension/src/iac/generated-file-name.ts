import type { ApiDriftItem } from '../api/scan-types.ts';

/**
 * A new file name for one object's generated code: `<kind>-<namespace>-<name>.tf` (`.tf.json` for the
 * JSON format), characters outside `[a-z0-9_-]` replaced, and a `-2`, `-3`, … suffix while `taken`
 * says the name exists, so an existing file is never overwritten.
 * @example generatedFileName({ normalized_type: 'k8s/deployment', namespace: 'docs', name: 'link-checker' }, 'terraform', () => false)
 * // 'deployment-docs-link-checker.tf'
 */
export function generatedFileName(
  item: Pick<ApiDriftItem, 'normalized_type' | 'namespace' | 'name'>,
  format: string,
  taken: (name: string) => boolean,
): string {
  const stem = [item.normalized_type.replace(/^k8s\//, ''), item.namespace, item.name]
    .filter((part): part is string => Boolean(part))
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_');
  const extension = format === 'terraform-json' ? '.tf.json' : '.tf';
  for (let n = 1; ; n += 1) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}${extension}`;
    if (!taken(name)) return name;
  }
}

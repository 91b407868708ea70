/** One step into a Kubernetes object: an object key, a named-list item, or a list index. */
export type PathSegment = { key: string } | { name: string } | { index: number };

/**
 * The CONTRACT's change path: object keys joined by `.`, named-list items by name in brackets, other
 * list items by index (`spec.template.spec.containers[api].image`, `spec.ports[0].port`).
 *
 * @example
 * formatChangePath([{ key: 'spec' }, { key: 'ports' }, { index: 0 }]) // 'spec.ports[0]'
 */
export function formatChangePath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if ('key' in segment) out += out === '' ? segment.key : `.${segment.key}`;
    else if ('name' in segment) out += `[${segment.name}]`;
    else out += `[${segment.index}]`;
  }
  return out;
}

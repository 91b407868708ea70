import { alignedLines, hclKey, hclString } from './lib/hcl-syntax.ts';

/**
 * A JSON value written as an HCL literal, as `terraform fmt` lays it out: strings quoted and escaped
 * (including `${` and `%{`, which would otherwise start a template), objects one key per line with the
 * `=` aligned, lists of scalars on one line. `indent` is the indentation of the line the value starts on;
 * nested lines get two more spaces each.
 * @example hclLiteral({ app: 'api', 'app.kubernetes.io/name': 'x' }, { indent: '  ' })
 * // '{\n    app                      = "api"\n    "app.kubernetes.io/name" = "x"\n  }'
 */
export function hclLiteral(value: unknown, { indent = '' }: { indent?: string } = {}): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return `[${value.map((item) => hclLiteral(item)).join(', ')}]`;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${hclLiteral(item, { indent: inner })},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${alignedLines(
    entries.map(([key, item]) => [hclKey(key), hclLiteral(item, { indent: inner })]),
    inner,
  ).join('\n')}\n${indent}}`;
}

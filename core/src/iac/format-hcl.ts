import {
  type HclBlock,
  type HclBodyItem,
  type HclDocument,
  HclReference,
  type HclValue,
} from './hcl-document.ts';

const INDENT = '  ';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what needs escaping.
const PLAIN = /^[^"\\\u0000-\u001f\u007f$%]*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Bare object keys that HCL would read as something else: keywords and literals (`{ for = … }` would
// start a for expression).
const RESERVED_KEYS: ReadonlySet<string> = new Set(['for', 'in', 'if', 'null', 'true', 'false']);

/**
 * A quoted HCL string literal. Besides JSON's escapes, `${` and `%{` open templates in HCL strings, so
 * they are doubled (`$${`, `%%{`) to stay literal (HCL native syntax spec, "Template Literals").
 */
function hclString(text: string): string {
  // Most values need no escape at all: skip the per-character loop for them.
  if (PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out.replaceAll('${', () => '$${').replaceAll('%{', '%%{')}"`;
}

function objectKey(key: string): string {
  return IDENTIFIER.test(key) && !RESERVED_KEYS.has(key) ? key : hclString(key);
}

/** True for an `HclValue` that is an object expression (not a list, reference or scalar). */
function isHclObject(value: HclValue): value is { readonly [key: string]: HclValue } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof HclReference)
  );
}

/** The value on one line, or `undefined` when it needs several (non-empty objects, lists of objects). */
function inline(value: HclValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof HclReference) return value.traversal;
  if (Array.isArray(value)) {
    const items = value.map(inline);
    if (items.some((item) => item === undefined)) return undefined;
    if (value.some((item) => Array.isArray(item))) return undefined;
    return `[${items.join(', ')}]`;
  }
  return Object.keys(value as object).length === 0 ? '{}' : undefined;
}

/** `key = value` lines with their `=` aligned in runs of single-line entries, as `terraform fmt` does. */
function assignments(entries: ReadonlyArray<readonly [string, HclValue]>, depth: number): string[] {
  const lines: string[] = [];
  let run: Array<readonly [string, string]> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([key]) => key.length));
    for (const [key, text] of run) lines.push(`${INDENT.repeat(depth)}${key.padEnd(width)} = ${text}`);
    run = [];
  };
  for (const [key, value] of entries) {
    const text = inline(value);
    if (text !== undefined) {
      run.push([key, text]);
      continue;
    }
    // A multi-line value ends the alignment run (hclwrite aligns only consecutive one-line assignments).
    flush();
    const [first, ...rest] = multiline(value, depth);
    lines.push(`${INDENT.repeat(depth)}${key} = ${first}`, ...rest);
  }
  flush();
  return lines;
}

/** A value over several lines: the first line follows `key = `, the rest are indented at `depth`. */
function multiline(value: HclValue, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const lines = ['['];
    for (const item of value as HclValue[]) {
      const text = inline(item);
      if (text !== undefined) {
        lines.push(`${pad}${INDENT}${text},`);
        continue;
      }
      const [first, ...rest] = multiline(item, depth + 1);
      lines.push(`${pad}${INDENT}${first}`, ...rest.slice(0, -1), `${rest.at(-1)},`);
    }
    lines.push(`${pad}]`);
    return lines;
  }
  if (!isHclObject(value)) return [inline(value) as string];
  const entries = Object.entries(value).map(([key, item]) => [objectKey(key), item] as const);
  return ['{', ...assignments(entries, depth + 1), `${pad}}`];
}

function body(items: readonly HclBodyItem[], depth: number): string[] {
  const lines: string[] = [];
  let attributes: Array<readonly [string, HclValue]> = [];
  for (const item of items) {
    if ('attribute' in item) {
      attributes.push([item.attribute, item.value]);
      continue;
    }
    lines.push(...assignments(attributes, depth), ...block(item.block, depth));
    attributes = [];
  }
  lines.push(...assignments(attributes, depth));
  return lines;
}

function block(value: HclBlock, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const head = [value.type, ...value.labels.map(hclString)].join(' ');
  if (value.body.length === 0) return [`${pad}${head} {}`];
  return [`${pad}${head} {`, ...body(value.body, depth + 1), `${pad}}`];
}

/**
 * An HCL file as `terraform fmt` writes it: two-space indents, `=` aligned within runs of one-line
 * attributes, one blank line between top-level blocks, a final newline.
 *
 * @example
 * formatHcl({ comments: [], blocks: [{ type: 'import', labels: [], body: [
 *   { attribute: 'to', value: new HclReference('kubernetes_namespace_v1.shop') },
 *   { attribute: 'id', value: 'shop' }] }] })
 * // 'import {\n  to = kubernetes_namespace_v1.shop\n  id = "shop"\n}\n'
 */
export function formatHcl(document: HclDocument): string {
  const header = document.comments.map((line) => (line === '' ? '#' : `# ${line}`));
  const blocks = document.blocks.map((item) => block(item, 0).join('\n'));
  const parts = header.length > 0 ? [header.join('\n'), ...blocks] : blocks;
  return `${parts.join('\n\n')}\n`;
}

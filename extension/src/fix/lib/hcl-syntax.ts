// Pieces of HCL text shared by the quick-fix renderers (hclLiteral, typedBlockText).

/** A bare HCL identifier: usable as an attribute name or object key without quotes. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A string in double quotes with HCL's escapes; `${` and `%{` doubled so they stay literal text. */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** An object key: bare when it is an identifier, quoted otherwise (`"app.kubernetes.io/name"`). */
export function hclKey(key: string): string {
  return IDENTIFIER.test(key) ? key : hclString(key);
}

/**
 * `name = value` lines with the `=` aligned over each run of one-line values, as `terraform fmt` does
 * (a multi-line value ends the run).
 */
export function alignedLines(pairs: readonly (readonly [string, string])[], indent: string): string[] {
  const lines: string[] = [];
  let run: (readonly [string, string])[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([name]) => name.length));
    for (const [name, text] of run) lines.push(`${indent}${name.padEnd(width)} = ${text}`);
    run = [];
  };
  for (const pair of pairs) {
    run.push(pair);
    if (pair[1].includes('\n')) flush();
  }
  flush();
  return lines;
}

import type { TextEditData } from '../../src/fix/text-edit-data.ts';

/** Applies a plain-data edit to text, as VS Code would (lines split on `\n`, UTF-16 columns). */
export function applyTextEdit(text: string, { span, newText }: TextEditData): string {
  const lines = text.split('\n');
  const offset = (line: number, col: number) =>
    lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + col;
  const start = offset(span.startLine, span.startCol);
  const end = offset(span.endLine, span.endCol);
  return text.slice(0, start) + newText + text.slice(end);
}

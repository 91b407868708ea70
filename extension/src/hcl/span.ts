/**
 * A zero-based range in a text document, columns in UTF-16 code units (what web-tree-sitter reports for a
 * JavaScript string and what VS Code positions use). Plain data: the vscode layer builds `Range`s from it.
 */
export interface Span {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

import type { Span } from '../hcl/span.ts';

/**
 * A text replacement as plain data: replace `span` (empty for an insertion) with `newText`. The vscode
 * layer turns it into a `WorkspaceEdit`, so the fix is one undoable step.
 */
export interface TextEditData {
  span: Span;
  newText: string;
}

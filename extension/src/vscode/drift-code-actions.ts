import * as vscode from 'vscode';
import { planQuickFixes, type QuickFixData } from '../fix/plan-quick-fixes.ts';
import type { DriftSession } from './drift-session.ts';

/** The diagnostic codes DriftWise raises (build-file-view's `DriftKind`). */
const driftCodes = new Set(['changed', 'added', 'removed', 'missing']);

/**
 * Quick fixes on DriftWise diagnostics: each action maps one {@link QuickFixData} of `planQuickFixes`;
 * the adopt edit becomes a `WorkspaceEdit` (one undo step), the others run a command.
 */
export class DriftCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  private readonly session: DriftSession;

  constructor(session: DriftSession) {
    this.session = session;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    // Asked for another kind only (organize imports on save, refactorings): nothing of ours.
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter(
      (diagnostic) => diagnostic.source === 'DriftWise' && driftCodes.has(String(diagnostic.code)),
    );
    if (ours.length === 0 || !this.session.syncDocument(document)) return [];
    const text = document.getText();
    return ours.flatMap((diagnostic) => {
      const data = this.session.diagnosticData(document.uri, diagnostic);
      if (!data) return [];
      return planQuickFixes(data.target.drift, data.target.change, text).map((fix) =>
        toAction(fix, diagnostic, document.uri),
      );
    });
  }
}

function toAction(fix: QuickFixData, diagnostic: vscode.Diagnostic, uri: vscode.Uri): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.disabled) action.disabled = { reason: fix.disabled };
  switch (fix.kind) {
    case 'adopt':
      if (fix.edit) {
        const { span, newText } = fix.edit;
        const edit = new vscode.WorkspaceEdit();
        edit.replace(
          uri,
          new vscode.Range(span.startLine, span.startCol, span.endLine, span.endCol),
          newText,
        );
        action.edit = edit;
        action.isPreferred = true;
      }
      break;
    case 'ignore':
      action.command = { command: 'driftwise.ignoreDrift', title: fix.title, arguments: [uri, fix.rule] };
      break;
    case 'copy-revert':
      action.command = { command: 'driftwise.copyRevertCommand', title: fix.title, arguments: [fix.command] };
      break;
  }
  return action;
}

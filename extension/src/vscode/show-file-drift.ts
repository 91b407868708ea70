import * as vscode from 'vscode';
import type { DriftSession } from './drift-session.ts';

/** "DriftWise: Show Drift for This File": a quick pick of the file's drift; picking one selects its line. */
export async function showFileDrift(session: DriftSession): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const located = editor ? session.locatedIn(editor.document.uri) : [];
  if (!editor || located.length === 0) {
    vscode.window.setStatusBarMessage('DriftWise: no drift in this file', 3000);
    return;
  }
  const picks = located.flatMap((drift) =>
    drift.item.status === 'missing'
      ? [{ label: `$(circle-slash) ${drift.address}`, description: 'missing in cluster', span: drift.block }]
      : drift.changes.map((change) => ({
          label: `$(diff-modified) ${change.change.path}`,
          description: `${drift.address} · live ${JSON.stringify(change.change.live)}`,
          span: change.head,
        })),
  );
  const pick = await vscode.window.showQuickPick(picks, {
    title: 'DriftWise: drift in this file',
    matchOnDescription: true,
  });
  if (!pick) return;
  const range = new vscode.Range(
    pick.span.startLine,
    pick.span.startCol,
    pick.span.endLine,
    pick.span.endCol,
  );
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
}

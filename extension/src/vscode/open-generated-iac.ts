import * as vscode from 'vscode';
import type { DriftSession } from './drift-session.ts';

/**
 * Opens a scan's generated IaC (for an `extra` resource) in an untitled editor with the resource's block
 * selected; the whole file is shown, so the other objects and the import blocks stay in view.
 */
export async function openGeneratedIac(
  session: DriftSession,
  scanId: string,
  resourceId?: string,
): Promise<void> {
  const iac = session.generatedIac(scanId);
  if (iac === null) {
    vscode.window.setStatusBarMessage('DriftWise: this scan has no generated Terraform', 3000);
    return;
  }
  const language = iac.format === 'terraform-json' ? 'json' : 'terraform';
  const { content } = iac;
  // `terraform` is known only with a Terraform extension installed; plain text otherwise.
  const document = await vscode.workspace
    .openTextDocument({ language, content })
    .then(undefined, () => vscode.workspace.openTextDocument({ content }));
  const editor = await vscode.window.showTextDocument(document, { preview: true });
  const item = resourceId ? session.itemOf(scanId, resourceId) : undefined;
  const found = item ? await session.generatedResource(scanId, item) : null;
  if (!found) return;
  const { span } = found;
  const range = new vscode.Range(span.startLine, span.startCol, span.endLine, span.endCol);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
}

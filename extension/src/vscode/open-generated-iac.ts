import * as vscode from 'vscode';
import type { DriftSession } from './drift-session.ts';

/** Opens a scan's generated Terraform (for an `extra` resource) in an untitled editor, at the resource's name. */
export async function openGeneratedIac(session: DriftSession, scanId: string, name?: string): Promise<void> {
  const content = session.generatedIac(scanId);
  if (content === null) {
    vscode.window.setStatusBarMessage('DriftWise: this scan has no generated Terraform', 3000);
    return;
  }
  // `terraform` is known only with a Terraform extension installed; plain text otherwise.
  const document = await vscode.workspace
    .openTextDocument({ language: 'terraform', content })
    .then(undefined, () => vscode.workspace.openTextDocument({ content }));
  const editor = await vscode.window.showTextDocument(document, { preview: true });
  const line = name ? content.split('\n').findIndex((text) => text.includes(`"${name}"`)) : -1;
  if (line >= 0) editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

import * as vscode from 'vscode';
import { generatedFileName } from '../iac/generated-file-name.ts';
import type { DriftTreeNode } from '../view/build-drift-tree.ts';
import type { DriftSession } from './drift-session.ts';
import { pickGeneratedResource } from './pick-generated-resource.ts';

/**
 * Writes one extra object's generated code to a new `.tf` file at the root of the first workspace
 * folder (never over an existing file) and opens it. The file goes through a `WorkspaceEdit`, so
 * undo removes it again.
 */
export async function saveGeneratedIac(session: DriftSession, node?: DriftTreeNode): Promise<void> {
  const picked = await pickGeneratedResource(session, node);
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const iac = session.generatedIac(picked.scanId);
  if (!folder || !iac) {
    void vscode.window.showWarningMessage('DriftWise: open a folder to save generated Terraform into.');
    return;
  }
  const found = await session.generatedResource(picked.scanId, picked.item);
  const existing = new Set((await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name));
  const name = generatedFileName(picked.item, found ? 'terraform' : iac.format, (candidate) =>
    existing.has(candidate),
  );
  const uri = vscode.Uri.joinPath(folder.uri, name);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, {
    ignoreIfExists: false,
    contents: new TextEncoder().encode(found?.code ?? iac.content),
  });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`DriftWise: could not create ${name}.`);
    return;
  }
  await vscode.window.showTextDocument(uri);
}

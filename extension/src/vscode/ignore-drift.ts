import * as vscode from 'vscode';
import { DriftApiError } from '../api/drift-api-error.ts';
import { explainApiError } from '../api/explain-api-error.ts';
import { appendIgnoreRule } from '../fix/append-ignore-rule.ts';
import type { DriftSession } from './drift-session.ts';

/**
 * "Ignore this drift": appends the rule to the `.driftignore` at the root of the document's workspace
 * folder (created if absent) through a `WorkspaceEdit` and saves it, then offers to upload the file.
 * The upload replaces the org's rules with this file (the route is a whole-text PUT), which the offer says.
 */
export async function ignoreDrift(
  session: DriftSession,
  documentUri: vscode.Uri,
  rule: string,
): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(documentUri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('DriftWise: open a folder to keep a .driftignore in.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.driftignore');
  const existing = await readText(uri);
  const date = new Date(session.currentTime()).toISOString().slice(0, 10);
  const { text, added } = appendIgnoreRule(existing, rule, { comment: `from VS Code, ${date}` });
  if (added) {
    const edit = new vscode.WorkspaceEdit();
    if (existing === null) {
      edit.createFile(uri, { contents: new TextEncoder().encode(text) });
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      edit.insert(uri, document.positionAt(document.getText().length), text.slice(existing.length));
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('DriftWise: could not write the .driftignore.');
      return;
    }
    // An insert leaves an open document dirty: save it so the file and the upload agree.
    await vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString())?.save();
  }
  const upload = 'Upload';
  const answer = await vscode.window.showInformationMessage(
    `DriftWise: ${added ? 'added' : 'already has'} "${rule}" in .driftignore. Upload it? It replaces the org's ignore rules and applies to scans reported after the upload.`,
    upload,
  );
  if (answer !== upload) return;
  try {
    await session.uploadDriftignore((await readText(uri)) ?? text);
    void vscode.window.showInformationMessage('DriftWise: .driftignore uploaded; the next scan applies it.');
  } catch (err) {
    void vscode.window.showErrorMessage(`DriftWise: ${uploadFailure(err)}`);
  }
}

/** A sentence for an upload failure: a read key's 403 says what to do instead. */
function uploadFailure(err: unknown): string {
  if (err instanceof DriftApiError && err.code === 'forbidden') {
    return 'the API key can only read (403): upload the .driftignore with a write key, or edit the rules in the dashboard.';
  }
  if (err instanceof DriftApiError && err.code === 'invalid_request')
    return `the server refused the .driftignore: ${err.message}`;
  return `upload failed: ${explainApiError(err)}`;
}

async function readText(uri: vscode.Uri): Promise<string | null> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

import * as vscode from 'vscode';
import type { DriftTreeNode } from './view/build-drift-tree.ts';
import { copyGeneratedIac } from './vscode/copy-generated-iac.ts';
import { DriftCodeActions } from './vscode/drift-code-actions.ts';
import { DriftSession } from './vscode/drift-session.ts';
import { DriftTreeProvider } from './vscode/drift-tree-provider.ts';
import { ignoreDrift } from './vscode/ignore-drift.ts';
import { openGeneratedIac } from './vscode/open-generated-iac.ts';
import { saveGeneratedIac } from './vscode/save-generated-iac.ts';
import { showFileDrift } from './vscode/show-file-drift.ts';

const terraformFiles: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.tf' }];

/** Registers the DriftWise views, providers and commands; every disposable goes on `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('DriftWise', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('driftwise');
  const statusBar = vscode.window.createStatusBarItem('driftwise.status', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = 'DriftWise';
  const decoration = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
      fontStyle: 'italic',
      margin: '0 0 0 1em',
    },
  });
  const tree = new DriftTreeProvider();
  const session = new DriftSession({ context, output, diagnostics, statusBar, decoration, tree });

  context.subscriptions.push(
    output,
    diagnostics,
    statusBar,
    decoration,
    tree,
    session,
    vscode.window.createTreeView('driftwise.drift', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(terraformFiles, {
      onDidChangeCodeLenses: session.onDidChangeLenses,
      provideCodeLenses: (document) =>
        (session.viewOf(document.uri)?.lenses ?? []).map(
          (lens) =>
            new vscode.CodeLens(new vscode.Range(lens.span.startLine, 0, lens.span.startLine, 0), {
              title: lens.title,
              command: 'workbench.actions.view.problems',
            }),
        ),
    }),
    vscode.languages.registerHoverProvider(terraformFiles, {
      provideHover: async (document, position) => {
        const hovers = (session.viewOf(document.uri)?.hovers ?? []).filter(
          (hover) => hover.span.startLine === position.line,
        );
        if (hovers.length === 0) return undefined;
        const { span } = hovers[0]!;
        // The history comes from `GET …/drift-events`, asked once per item and cached; a slow server
        // must not hold the hover back, so it waits at most a moment (the next hover has the answer).
        const moment = new Promise<null>((resolve) => setTimeout(() => resolve(null), 1500));
        const histories = await Promise.all(
          hovers.map((hover) => Promise.race([session.itemHistory(hover.history), moment])),
        );
        return new vscode.Hover(
          hovers.map(
            (hover, i) =>
              new vscode.MarkdownString(
                histories[i] ? `${hover.markdown}\n\nHistory: ${histories[i]}` : hover.markdown,
              ),
          ),
          new vscode.Range(span.startLine, span.startCol, span.endLine, span.endCol),
        );
      },
    }),
    vscode.commands.registerCommand('driftwise.setApiKey', () => session.setApiKey()),
    vscode.commands.registerCommand('driftwise.refresh', () => session.refresh()),
    vscode.commands.registerCommand('driftwise.showFileDrift', () => showFileDrift(session)),
    vscode.commands.registerCommand('driftwise.copyDriftJson', async () => {
      await vscode.env.clipboard.writeText(JSON.stringify(session.currentDrift(), null, 2));
      vscode.window.setStatusBarMessage('DriftWise: drift copied as JSON', 3000);
    }),
    vscode.commands.registerCommand('driftwise.openGeneratedIac', (scanId: string, resourceId?: string) =>
      openGeneratedIac(session, scanId, resourceId),
    ),
    vscode.commands.registerCommand('driftwise.copyGeneratedIac', (node?: DriftTreeNode) =>
      copyGeneratedIac(session, node),
    ),
    vscode.commands.registerCommand('driftwise.saveGeneratedIac', (node?: DriftTreeNode) =>
      saveGeneratedIac(session, node),
    ),
    vscode.languages.registerCodeActionsProvider(
      terraformFiles,
      new DriftCodeActions(session),
      DriftCodeActions.metadata,
    ),
    vscode.commands.registerCommand('driftwise.ignoreDrift', (uri: vscode.Uri, rule: string) =>
      ignoreDrift(session, uri, rule),
    ),
    vscode.commands.registerCommand('driftwise.copyRevertCommand', async (command: string) => {
      await vscode.env.clipboard.writeText(command);
      vscode.window.setStatusBarMessage(`DriftWise: copied ${command}`, 3000);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('driftwise')) session.reconfigure();
    }),
    vscode.workspace.onDidChangeTextDocument((event) => session.documentChanged(event.document)),
    // Closing a dirty document drops its unsaved text: go back to the file on disk.
    vscode.workspace.onDidCloseTextDocument((document) => void session.fileChanged(document.uri)),
    vscode.window.onDidChangeVisibleTextEditors(() => session.decorateVisibleEditors()),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.tf');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void session.fileChanged(uri)),
    watcher.onDidChange((uri) => void session.fileChanged(uri)),
    watcher.onDidDelete((uri) => void session.fileDeleted(uri)),
  );
  void session.refresh();
}

/** Nothing to do: every disposable is on `context.subscriptions`. */
export function deactivate(): void {}

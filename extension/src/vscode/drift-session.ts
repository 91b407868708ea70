import * as vscode from 'vscode';
import { createDriftApi, type DriftApi } from '../api/drift-api.ts';
import { DriftApiError } from '../api/drift-api-error.ts';
import { explainApiError } from '../api/explain-api-error.ts';
import { refreshDrift } from '../api/refresh-drift.ts';
import type { ApiDriftItem, DriftEvent, GeneratedIac, ScanDrift } from '../api/scan-types.ts';
import { type DriftwiseSettings, readSettings } from '../config/read-settings.ts';
import { type HclParser, loadHclParser } from '../hcl/hcl-parser.ts';
import { readTopLevelBlocks } from '../hcl/read-top-level-blocks.ts';
import { type GeneratedResource, locateGeneratedResource } from '../iac/locate-generated-resource.ts';
import { type LocatedDrift, mapDrift } from '../locate/map-drift.ts';
import { createTerraformWorkspace, type TerraformWorkspace } from '../locate/terraform-workspace.ts';
import { buildDriftTree } from '../view/build-drift-tree.ts';
import {
  buildFileView,
  type DiagnosticData,
  type FileView,
  type HistoryRef,
} from '../view/build-file-view.ts';
import { findDiagnosticData } from '../view/find-diagnostic-data.ts';
import { formatItemHistory } from '../view/format-item-history.ts';
import { createMessageFilter } from '../view/message-filter.ts';
import { statusBarView } from '../view/status-bar-view.ts';
import type { DriftTreeProvider } from './drift-tree-provider.ts';

/** The secret's key in SecretStorage. */
export const apiKeySecret = 'driftwise.apiKey';

/** The parts of VS Code and the runtime a session uses; `extension.ts` builds them. */
export interface SessionDeps {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  diagnostics: vscode.DiagnosticCollection;
  statusBar: vscode.StatusBarItem;
  decoration: vscode.TextEditorDecorationType;
  tree: DriftTreeProvider;
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

const tfGlob = '**/*.tf';
const tfExclude = '**/{.terraform,node_modules,.git}/**';

/**
 * Owns the drift state of a window: fetches it, keeps the `.tf` index current (including unsaved edits),
 * and pushes the view models to diagnostics, decorations, lenses, hovers, the tree and the status bar.
 */
export class DriftSession implements vscode.Disposable {
  private readonly deps: SessionDeps;
  private readonly now: () => number;
  private drifts: ScanDrift[] = [];
  private located: LocatedDrift[] = [];
  private views = new Map<string, FileView>();
  private error: string | null = null;
  private readonly logged = createMessageFilter();
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ageTimer: ReturnType<typeof setInterval> | undefined;
  private workspace: Promise<TerraformWorkspace> | null = null;
  /** The same workspace once indexed: code actions need it synchronously. */
  private indexed: TerraformWorkspace | null = null;
  private parser: Promise<HclParser> | null = null;
  private readonly iacByScan = new Map<string, GeneratedIac | null>();
  private readonly eventsByItem = new Map<string, Promise<DriftEvent[]>>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private settings: DriftwiseSettings;
  private configured = false;

  /** Fires when the CodeLenses must be asked for again. */
  readonly onDidChangeLenses = this.lensesChanged.event;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.settings = readSettings((key) => vscode.workspace.getConfiguration('driftwise').get(key));
    this.deps.statusBar.command = 'driftwise.refresh';
    this.deps.statusBar.show();
    this.renderStatus();
    this.schedule();
    // Keep "5 min ago" honest between refreshes.
    this.ageTimer = setInterval(() => this.renderStatus(), 30_000);
  }

  /** Settings changed: re-read them, reschedule and refresh. */
  reconfigure(): void {
    this.settings = readSettings((key) => vscode.workspace.getConfiguration('driftwise').get(key));
    this.drifts = [];
    this.schedule();
    void this.refresh();
  }

  /** Fetches the latest drift and shows it. Concurrent calls share one run; failures go to the status bar and log. */
  refresh(): Promise<void> {
    this.refreshing ??= this.runRefresh()
      .catch((err: unknown) => {
        // Never a pop-up: an unexpected failure (a .tf file that cannot be read, the parser) goes to the
        // status bar and the log like an API error.
        this.error = err instanceof Error ? err.message : String(err);
        this.logOnce(`refresh failed: ${this.error}`, 'error');
      })
      .finally(() => {
        this.refreshing = null;
        this.renderStatus();
      });
    this.renderStatus();
    return this.refreshing;
  }

  /** Asks for the API key and keeps it in SecretStorage (never in settings.json). */
  async setApiKey(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: 'DriftWise API key',
      prompt: 'An org-scoped key with read scope (dw2_…). Stored in VS Code SecretStorage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().startsWith('dw2_') ? null : 'DriftWise keys start with dw2_'),
    });
    if (key === undefined) return;
    await this.deps.context.secrets.store(apiKeySecret, key.trim());
    this.deps.output.info('API key stored in SecretStorage');
    await this.refresh();
  }

  /** The view model of a file, for the lens and hover providers. */
  viewOf(uri: vscode.Uri): FileView | undefined {
    return this.views.get(uri.toString());
  }

  /** Located drift in a file, for "Show Drift for This File". */
  locatedIn(uri: vscode.Uri): LocatedDrift[] {
    const key = uri.toString();
    return this.located.filter((drift) => drift.uri === key);
  }

  /** All fetched drift, for "Copy Drift as JSON". */
  currentDrift(): ScanDrift[] {
    return this.drifts;
  }

  /** The generated IaC of a scan (fetched when the tree was built). */
  generatedIac(scanId: string): GeneratedIac | null {
    return this.iacByScan.get(scanId) ?? null;
  }

  /** The shown drift item of a scan by resource id. */
  itemOf(scanId: string, resourceId: string): ApiDriftItem | undefined {
    return this.drifts
      .find((drift) => drift.scan_id === scanId)
      ?.items.find((item) => item.resource_id === resourceId);
  }

  /** Every `extra` item whose scan has generated IaC, for the palette's pick list. */
  extraWithIac(): { scanId: string; item: ApiDriftItem }[] {
    return this.drifts.flatMap((drift) =>
      this.iacByScan.get(drift.scan_id)
        ? drift.items
            .filter((item) => item.status === 'extra' && !item.ignored)
            .map((item) => ({ scanId: drift.scan_id, item }))
        : [],
    );
  }

  /** One `extra` object's code in its scan's generated HCL, or `null` (no IaC, JSON format, not found). */
  async generatedResource(scanId: string, item: ApiDriftItem): Promise<GeneratedResource | null> {
    const iac = this.iacByScan.get(scanId);
    if (!iac || iac.format === 'terraform-json') return null;
    const tree = (await this.parserOnce()).parse(iac.content);
    try {
      return locateGeneratedResource(readTopLevelBlocks(tree), iac.content, item);
    } finally {
      tree.delete();
    }
  }

  /**
   * Brings the index up to the document's current text before code actions read positions from it: the
   * edit-debounce may not have run yet, and an edit computed on stale positions would corrupt the file.
   */
  syncDocument(document: vscode.TextDocument): boolean {
    if (!this.indexed || !isTerraform(document.uri)) return false;
    const key = document.uri.toString();
    if (this.indexed.setFile({ uri: key, path: document.uri.path }, document.getText())) {
      clearTimeout(this.pendingEdits.get(key));
      this.pendingEdits.delete(key);
      this.located = mapDrift(this.indexed, this.drifts);
      this.publish();
    }
    return true;
  }

  /** The view's data behind a diagnostic the editor hands back to a code-action provider. */
  diagnosticData(uri: vscode.Uri, diagnostic: vscode.Diagnostic): DiagnosticData | undefined {
    return findDiagnosticData(this.views.get(uri.toString())?.diagnostics ?? [], {
      code: diagnostic.code,
      message: diagnostic.message,
      line: diagnostic.range.start.line,
    });
  }

  /**
   * An item's history line for its hover ("first seen 3 d ago by kubectl-edit; changed again 2 h ago"),
   * asked once per scan and resource; `null` when the server has no events (or no route) or fails.
   */
  async itemHistory(ref: HistoryRef): Promise<string | null> {
    const key = `${ref.scanId} ${ref.resourceId}`;
    let events = this.eventsByItem.get(key);
    if (!events) {
      const api = await this.api();
      if (!api) return null;
      events = api
        .driftEvents({ clusterId: ref.clusterId, namespace: ref.namespace, resourceId: ref.resourceId })
        .catch((err: unknown) => {
          this.logOnce(`drift events of ${ref.resourceId}: ${explainApiError(err)}`, 'warn');
          return [];
        });
      this.eventsByItem.set(key, events);
    }
    // The events are cached, the ages are not: "2 h ago" is worked out at each hover.
    return formatItemHistory(await events, this.now());
  }

  /** Replaces the org's ignore rules with `text` (`PUT …/driftignore`); throws DriftApiError. */
  async uploadDriftignore(text: string): Promise<void> {
    const api = await this.api();
    if (!api) throw new DriftApiError('not_configured', 'set driftwise.orgId and the API key first');
    await api.putDriftignore(text);
    this.deps.output.info('uploaded the .driftignore');
  }

  /** A client with the stored key, or `null` before the org and key are set. */
  private async api(): Promise<DriftApi | null> {
    const apiKey = await this.deps.context.secrets.get(apiKeySecret);
    const { apiUrl, orgId } = this.settings;
    if (!apiKey || !orgId) return null;
    return createDriftApi({ apiUrl, orgId, apiKey, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  /** The injected clock, for dates the commands write. */
  currentTime(): number {
    return this.now();
  }

  /** A `.tf` document changed in the editor: re-parse its unsaved text shortly after typing stops. */
  documentChanged(document: vscode.TextDocument): void {
    if (!isTerraform(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingEdits.get(key));
    this.pendingEdits.set(
      key,
      setTimeout(() => {
        this.pendingEdits.delete(key);
        void this.reindex(document.uri, document.getText());
      }, 300),
    );
  }

  /** A `.tf` file changed, appeared or was closed: read what is on disk unless the editor holds newer text. */
  async fileChanged(uri: vscode.Uri): Promise<void> {
    if (!isTerraform(uri) || !this.workspace) return;
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      await this.reindex(uri, text);
    } catch {
      await this.fileDeleted(uri);
    }
  }

  async fileDeleted(uri: vscode.Uri): Promise<void> {
    if (!this.workspace) return;
    (await this.workspace).removeFile(uri.toString());
    this.relocate();
  }

  /** Visible editors changed: decorations are per editor. */
  decorateVisibleEditors(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const view = this.views.get(editor.document.uri.toString());
      const options: vscode.DecorationOptions[] = (view?.decorations ?? []).map((decoration) => {
        const end = editor.document.lineAt(Math.min(decoration.line, editor.document.lineCount - 1)).range
          .end;
        return {
          range: new vscode.Range(end, end),
          renderOptions: { after: { contentText: ` ${decoration.text}` } },
        };
      });
      editor.setDecorations(this.deps.decoration, options);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    clearInterval(this.ageTimer);
    for (const pending of this.pendingEdits.values()) clearTimeout(pending);
    this.lensesChanged.dispose();
    void this.workspace?.then((workspace) => workspace.dispose());
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.settings.refreshIntervalSeconds;
    if (seconds > 0) this.timer = setInterval(() => void this.refresh(), seconds * 1000);
  }

  private async runRefresh(): Promise<void> {
    const apiKey = await this.deps.context.secrets.get(apiKeySecret);
    const { apiUrl, orgId, clusterIds, namespaces } = this.settings;
    this.configured = Boolean(apiKey && orgId && clusterIds.length > 0);
    if (!apiKey || !this.configured) {
      const missing = [
        !orgId && 'driftwise.orgId',
        clusterIds.length === 0 && 'driftwise.clusterIds',
        !apiKey && 'API key',
      ]
        .filter(Boolean)
        .join(', ');
      this.logOnce(`not configured: set ${missing}`);
      return;
    }
    const api = createDriftApi({
      apiUrl,
      orgId,
      apiKey,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    const result = await refreshDrift(api, { clusterIds, namespaces }, this.drifts);
    if (result.failures.length > 0) {
      const first = result.failures[0]!;
      this.error = `${first.target}: ${explainApiError(first.error)}`;
      for (const failure of result.failures)
        this.logOnce(`${failure.target}: ${explainApiError(failure.error)}`, 'error');
    } else {
      this.error = null;
      this.logged.reset();
    }
    this.drifts = result.drifts;
    if (result.fetched > 0) this.deps.output.info(`fetched ${result.fetched} drift document(s)`);
    await this.fetchGeneratedIac(api);
    await this.ensureIndexed();
    this.relocate();
  }

  /** Asks once per scan with extra resources whether it has generated IaC (404 = no). */
  private async fetchGeneratedIac(api: DriftApi): Promise<void> {
    for (const drift of this.drifts) {
      if (
        this.iacByScan.has(drift.scan_id) ||
        !drift.items.some((item) => item.status === 'extra' && !item.ignored)
      ) {
        continue;
      }
      try {
        this.iacByScan.set(drift.scan_id, await api.iac(drift.scan_id));
      } catch (err) {
        this.logOnce(`generated IaC of scan ${drift.scan_id}: ${explainApiError(err)}`, 'warn');
      }
    }
  }

  private ensureIndexed(): Promise<TerraformWorkspace> {
    this.workspace ??= (async () => {
      const started = this.now();
      const parser = await this.parserOnce();
      const workspace = createTerraformWorkspace(parser);
      const uris = await vscode.workspace.findFiles(tfGlob, tfExclude);
      const open = new Map(vscode.workspace.textDocuments.map((doc) => [doc.uri.toString(), doc]));
      for (const uri of uris) {
        const doc = open.get(uri.toString());
        const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        workspace.setFile({ uri: uri.toString(), path: uri.path }, text);
        // Yield between files: other extensions' requests are served while a large workspace is indexed.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const { files, resources } = workspace.stats();
      this.deps.output.info(
        `indexed ${resources} resource blocks in ${files} .tf files (${this.now() - started} ms)`,
      );
      this.indexed = workspace;
      return workspace;
    })();
    return this.workspace;
  }

  private parserOnce(): Promise<HclParser> {
    const { context } = this.deps;
    this.parser ??= loadHclParser({
      runtimeWasmPath: context.asAbsolutePath('dist/web-tree-sitter.wasm'),
      grammarWasmPath: context.asAbsolutePath('dist/tree-sitter-terraform.wasm'),
    });
    return this.parser;
  }

  private async reindex(uri: vscode.Uri, text: string): Promise<void> {
    if (!this.workspace) return;
    const workspace = await this.workspace;
    if (workspace.setFile({ uri: uri.toString(), path: uri.path }, text)) this.relocate();
  }

  /** Maps drift to the current trees and publishes every view. */
  private relocate(): void {
    void this.workspace?.then((workspace) => {
      this.located = mapDrift(workspace, this.drifts);
      this.publish();
    });
  }

  private publish(): void {
    const byUri = new Map<string, LocatedDrift[]>();
    for (const drift of this.located) byUri.set(drift.uri, [...(byUri.get(drift.uri) ?? []), drift]);
    const now = this.now();
    this.views = new Map([...byUri].map(([uri, located]) => [uri, buildFileView(located, { now })]));
    this.deps.diagnostics.clear();
    for (const [uri, view] of this.views) {
      this.deps.diagnostics.set(
        vscode.Uri.parse(uri),
        view.diagnostics.map((data) => {
          const { span } = data;
          const diagnostic = new vscode.Diagnostic(
            new vscode.Range(span.startLine, span.startCol, span.endLine, span.endCol),
            data.message,
            levels[data.level],
          );
          diagnostic.source = 'DriftWise';
          diagnostic.code = data.code;
          return diagnostic;
        }),
      );
    }
    this.decorateVisibleEditors();
    this.lensesChanged.fire();
    this.deps.tree.update(
      buildDriftTree(this.drifts, {
        locate: (scanId, item) => {
          const found = this.located.find((drift) => drift.scan.scan_id === scanId && drift.item === item);
          return found ? { uri: found.uri, span: found.block } : undefined;
        },
        hasIac: (scanId) => Boolean(this.iacByScan.get(scanId)),
      }),
    );
    this.renderStatus();
  }

  private renderStatus(): void {
    const view = statusBarView({
      drifts: this.drifts,
      error: this.error,
      configured: this.configured || this.drifts.length > 0,
      refreshing: this.refreshing !== null,
      now: this.now(),
    });
    const { statusBar } = this.deps;
    statusBar.text = view.text;
    statusBar.tooltip = view.tooltip;
    statusBar.backgroundColor =
      view.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  /** Logs a message the first time it occurs since the last clean refresh: no storm per interval. */
  private logOnce(message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    if (this.logged.first(message)) this.deps.output[level](message);
  }
}

const levels = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

function isTerraform(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.tf') && !/\/(\.terraform|node_modules|\.git)\//.test(uri.path);
}

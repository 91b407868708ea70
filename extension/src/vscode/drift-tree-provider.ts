import * as vscode from 'vscode';
import type { DriftTreeNode } from '../view/build-drift-tree.ts';

const icons: Record<DriftTreeNode['kind'], string> = {
  cluster: 'server-environment',
  namespace: 'symbol-namespace',
  group: 'list-tree',
  resource: 'symbol-class',
};
const statusIcons = { missing: 'circle-slash', changed: 'diff-modified', extra: 'diff-added' } as const;

/** The "DriftWise" tree view: maps the plain tree model to `TreeItem`s. */
export class DriftTreeProvider implements vscode.TreeDataProvider<DriftTreeNode> {
  private readonly changed = new vscode.EventEmitter<DriftTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: DriftTreeNode[] = [];

  /** Replaces the whole tree. */
  update(roots: DriftTreeNode[]): void {
    this.roots = roots;
    this.changed.fire(undefined);
  }

  getChildren(node?: DriftTreeNode): DriftTreeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: DriftTreeNode): vscode.TreeItem {
    const collapsed =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.kind === 'group' && node.status === 'extra'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, collapsed);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(
      node.kind === 'resource' && node.status ? statusIcons[node.status] : icons[node.kind],
    );
    // `resource-iac` gates the Copy / Save Generated Terraform entries of the item's context menu.
    item.contextValue = node.iacScanId ? 'resource-iac' : node.kind;
    if (node.location) {
      const { span } = node.location;
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [
          vscode.Uri.parse(node.location.uri),
          { selection: new vscode.Range(span.startLine, span.startCol, span.endLine, span.endCol) },
        ],
      };
    } else if (node.iacScanId) {
      item.command = {
        command: 'driftwise.openGeneratedIac',
        title: 'Open generated Terraform',
        arguments: [node.iacScanId, node.resourceId],
      };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

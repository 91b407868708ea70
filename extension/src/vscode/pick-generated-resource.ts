import * as vscode from 'vscode';
import type { ApiDriftItem } from '../api/scan-types.ts';
import type { DriftTreeNode } from '../view/build-drift-tree.ts';
import type { DriftSession } from './drift-session.ts';

/** An `extra` object whose scan has generated IaC. */
export interface PickedGeneratedResource {
  scanId: string;
  item: ApiDriftItem;
}

/**
 * The object a generated-code command is about: the tree item it was invoked on, else one the user
 * picks from every `extra` object with generated code (the command palette passes no argument).
 */
export async function pickGeneratedResource(
  session: DriftSession,
  node?: DriftTreeNode,
): Promise<PickedGeneratedResource | undefined> {
  if (node?.iacScanId && node.resourceId) {
    const item = session.itemOf(node.iacScanId, node.resourceId);
    return item ? { scanId: node.iacScanId, item } : undefined;
  }
  const choices = session.extraWithIac();
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(
      'DriftWise: no scan with extra resources has generated Terraform.',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.item.resource_id, choice })),
    { title: 'DriftWise: generated Terraform of which extra resource?' },
  );
  return picked?.choice;
}

import * as vscode from 'vscode';
import type { DriftTreeNode } from '../view/build-drift-tree.ts';
import type { DriftSession } from './drift-session.ts';
import { pickGeneratedResource } from './pick-generated-resource.ts';

/**
 * Copies one extra object's generated code (its variables, resource and import block) to the clipboard;
 * the whole generated file when the object cannot be singled out (the JSON format).
 */
export async function copyGeneratedIac(session: DriftSession, node?: DriftTreeNode): Promise<void> {
  const picked = await pickGeneratedResource(session, node);
  if (!picked) return;
  const found = await session.generatedResource(picked.scanId, picked.item);
  const text = found?.code ?? session.generatedIac(picked.scanId)?.content;
  if (text === undefined) return;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(
    `DriftWise: generated Terraform of ${picked.item.resource_id} copied${found ? '' : ' (the whole file)'}`,
    3000,
  );
}

import type { LocatedChange, LocatedDrift } from '../locate/map-drift.ts';
import { formatValue } from '../view/format-value.ts';
import { adoptLiveEdit } from './adopt-live-edit.ts';
import { ignoreRuleFor } from './ignore-rule-for.ts';
import { revertCommand } from './revert-command.ts';
import type { TextEditData } from './text-edit-data.ts';

interface QuickFixBase {
  title: string;
  /** Why the fix cannot be applied here; the editor shows it greyed out with this reason. */
  disabled?: string;
}

/** One quick fix on a DriftWise diagnostic, as plain data the vscode layer maps to a `CodeAction`. */
export type QuickFixData =
  /** Rewrite the `.tf` file to the live value: `edit` is absent when `disabled` says why. */
  | (QuickFixBase & { kind: 'adopt'; edit?: TextEditData })
  /** Append `rule` to the workspace's `.driftignore`. */
  | (QuickFixBase & { kind: 'ignore'; rule: string })
  /** Put `command` on the clipboard. */
  | (QuickFixBase & { kind: 'copy-revert'; command: string });

/**
 * The three quick fixes of one diagnostic: Adopt the live value, Ignore this drift, Copy the revert
 * command. `change` is `null` for a `missing` resource. `text` is the file's text the drift was located
 * in, so the adopt edit's positions are right for it.
 * @example planQuickFixes(drift, drift.changes[0], text).map((fix) => fix.title)
 * // ['Adopt the live value: spec.replicas = 4', 'Ignore this drift (k8s/deployment/fleet/tracker:spec.replicas)', …]
 */
export function planQuickFixes(
  drift: LocatedDrift,
  change: LocatedChange | null,
  text: string,
): QuickFixData[] {
  const rule = ignoreRuleFor(drift.item, change?.change ?? null);
  const command = revertCommand(drift.address);
  const fixes: QuickFixData[] = [];
  if (change === null) {
    fixes.push({
      kind: 'adopt',
      title: 'Adopt the live value',
      disabled: 'the resource is missing in the cluster: there is no live value to adopt',
    });
  } else {
    const { path, live } = change.change;
    const title =
      live === null
        ? `Adopt the live value: remove ${path}`
        : `Adopt the live value: ${path} = ${formatValue(live, { maxLength: 40 })}`;
    const plan = adoptLiveEdit({
      resource: drift.resource,
      terraformType: drift.terraformType,
      change: change.change,
      text,
      instanceKey: drift.instanceKey,
    });
    fixes.push(
      'edit' in plan
        ? { kind: 'adopt', title, edit: plan.edit }
        : { kind: 'adopt', title, disabled: plan.refused },
    );
  }
  fixes.push({ kind: 'ignore', title: `Ignore this drift (${rule})`, rule });
  const revert: QuickFixData = {
    kind: 'copy-revert',
    title: `Copy the revert command (${command})`,
    command,
  };
  // Terraform only reverts what it declares: an undeclared field stays as the person left it.
  if (change?.change.undeclared)
    revert.disabled = 'Terraform does not declare this field: apply would not revert it';
  fixes.push(revert);
  return fixes;
}

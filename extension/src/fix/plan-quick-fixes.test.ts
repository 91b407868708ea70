import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTextEdit } from '../../test/support/apply-text-edit.ts';
import { exampleDrift } from '../../test/support/example-drift.ts';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import { readTfFiles } from '../../test/support/workspace-fixture.ts';
import { type LocatedDrift, mapDrift } from '../locate/map-drift.ts';
import { createTerraformWorkspace, type TerraformWorkspace } from '../locate/terraform-workspace.ts';
import { planQuickFixes, type QuickFixData } from './plan-quick-fixes.ts';

let workspace: TerraformWorkspace;
let located: LocatedDrift[];

beforeAll(async () => {
  workspace = createTerraformWorkspace(await loadTestParser());
  for (const { path, text } of readTfFiles()) workspace.setFile({ uri: `file://${path}`, path }, text);
  located = mapDrift(workspace, [exampleDrift('hand-edits'), exampleDrift('missing-extra-manifest')]);
});
afterAll(() => workspace.dispose());

/** The quick fixes of one change, with the text of the file the drift landed in. */
function fixesOf(address: string, path: string | null) {
  const drift = located.find((candidate) => candidate.address === address)!;
  const change = path === null ? null : drift.changes.find((candidate) => candidate.change.path === path)!;
  const text = readFileSync(new URL(drift.uri), 'utf8');
  return { text, fixes: planQuickFixes(drift, change, text) };
}

function adoptOf(fixes: QuickFixData[]) {
  return fixes.find((fix) => fix.kind === 'adopt')!;
}

describe('planQuickFixes', () => {
  it('adopts spec.replicas = 4 on the tracker block of the hand-edits example', () => {
    const { text, fixes } = fixesOf('kubernetes_deployment_v1.tracker', 'spec.replicas');
    const adopt = adoptOf(fixes);
    expect(adopt.title).toBe('Adopt the live value: spec.replicas = 4');
    expect(adopt.kind === 'adopt' && applyTextEdit(text, adopt.edit!)).toBe(
      text.replace('replicas = 2', 'replicas = 4'),
    );
  });

  it('adopts the hand-edited ConfigMap value in the module file', () => {
    const { text, fixes } = fixesOf(
      'module.dispatch.kubernetes_config_map_v1.rules',
      'data.MAX_STOPS_PER_ROUTE',
    );
    const adopt = adoptOf(fixes);
    expect(adopt.kind === 'adopt' && applyTextEdit(text, adopt.edit!)).toBe(
      text.replace('MAX_STOPS_PER_ROUTE = "24"', 'MAX_STOPS_PER_ROUTE = "40"'),
    );
  });

  it('adopts the added env var as a new env block in the dispatcher container', () => {
    const { text, fixes } = fixesOf(
      'module.dispatch.kubernetes_deployment_v1.dispatcher',
      'spec.template.spec.containers[dispatcher].env[TRACE_SAMPLING]',
    );
    const adopt = adoptOf(fixes);
    expect(adopt.kind === 'adopt' && applyTextEdit(text, adopt.edit!)).toContain(
      '          }\n\n          env {\n            name  = "TRACE_SAMPLING"\n            value = "0.25"\n          }\n        }\n',
    );
  });

  it('adopts the hand-patched schedule inside a kubernetes_manifest', () => {
    const { text, fixes } = fixesOf('kubernetes_manifest.sitemap_refresh', 'spec.schedule');
    const adopt = adoptOf(fixes);
    expect(adopt.kind === 'adopt' && applyTextEdit(text, adopt.edit!)).toBe(
      text.replace('schedule          = "15 3 * * *"', 'schedule          = "*/20 * * * *"'),
    );
  });

  it('disables adopt with a reason when the resource is missing in the cluster', () => {
    const { fixes } = fixesOf('kubernetes_deployment_v1.site["ja"]', null);
    expect(adoptOf(fixes)).toEqual({
      kind: 'adopt',
      title: 'Adopt the live value',
      disabled: 'the resource is missing in the cluster: there is no live value to adopt',
    });
  });

  it('offers the ignore rule and the revert command for the change', () => {
    const { fixes } = fixesOf('kubernetes_deployment_v1.tracker', 'spec.replicas');
    expect(fixes.slice(1)).toEqual([
      {
        kind: 'ignore',
        title: 'Ignore this drift (k8s/deployment/fleet/tracker:spec.replicas)',
        rule: 'k8s/deployment/fleet/tracker:spec.replicas',
      },
      {
        kind: 'copy-revert',
        title: "Copy the revert command (terraform apply -target='kubernetes_deployment_v1.tracker')",
        command: "terraform apply -target='kubernetes_deployment_v1.tracker'",
      },
    ]);
  });

  it('ignores the whole resource and targets the instance when the resource is missing', () => {
    const { fixes } = fixesOf('kubernetes_deployment_v1.site["ja"]', null);
    expect(
      fixes.slice(1).map((fix) => ('rule' in fix ? fix.rule : fix.kind === 'copy-revert' && fix.command)),
    ).toEqual([
      'k8s/deployment/docs/site-ja',
      `terraform apply -target='kubernetes_deployment_v1.site["ja"]'`,
    ]);
  });

  it('disables the revert command when Terraform does not declare the field', () => {
    const drift = located.find((candidate) => candidate.address === 'kubernetes_deployment_v1.tracker')!;
    const change = {
      ...drift.changes[0]!,
      change: { ...drift.changes[0]!.change, iac: null, undeclared: true as const },
    };
    const revert = planQuickFixes(drift, change, '').find((fix) => fix.kind === 'copy-revert')!;
    expect(revert.disabled).toBe('Terraform does not declare this field: apply would not revert it');
  });
});

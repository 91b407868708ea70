import { describe, expect, it } from 'vitest';
import { exampleDrift } from '../../test/support/example-drift.ts';
import { buildDriftTree } from './build-drift-tree.ts';

describe('buildDriftTree', () => {
  it('groups resources per cluster, namespace and status', () => {
    const [cluster] = buildDriftTree([exampleDrift('missing-extra-manifest'), exampleDrift('hand-edits')]);
    expect(cluster!.label).toBe('example-cluster');
    expect(cluster!.description).toBe('6 drifted');
    expect(cluster!.children.map((ns) => [ns.label, ns.children.map((group) => group.label)])).toEqual([
      ['docs', ['missing (1)', 'changed (1)', 'extra (1)']],
      ['fleet', ['changed (3)']],
    ]);
  });

  it('leaves out ignored items', () => {
    const drift = exampleDrift('hand-edits');
    drift.items[0]!.ignored = true;
    const [cluster] = buildDriftTree([drift]);
    expect(cluster!.children[0]!.children[0]!.label).toBe('changed (2)');
  });

  it('lets an extra resource open the generated Terraform when its scan has some', () => {
    const drift = exampleDrift('missing-extra-manifest', { scanId: 's9' });
    const [cluster] = buildDriftTree([drift], { hasIac: (scanId) => scanId === 's9' });
    const extra = cluster!.children[0]!.children.find((group) => group.status === 'extra')!.children[0]!;
    expect(extra).toMatchObject({ label: 'deployment/link-checker', iacScanId: 's9' });
  });

  it('does not offer generated Terraform when the scan has none', () => {
    const [cluster] = buildDriftTree([exampleDrift('missing-extra-manifest')]);
    const extra = cluster!.children[0]!.children.find((group) => group.status === 'extra')!.children[0]!;
    expect(extra.iacScanId).toBeUndefined();
  });

  it('links a located resource to its block', () => {
    const span = { startLine: 4, startCol: 0, endLine: 4, endCol: 9 };
    const [cluster] = buildDriftTree([exampleDrift('hand-edits')], {
      locate: () => ({ uri: 'file:///x.tf', span }),
    });
    expect(cluster!.children[0]!.children[0]!.children[0]!.location).toEqual({ uri: 'file:///x.tf', span });
  });

  it('shows the scan warnings on the namespace node', () => {
    const drift = exampleDrift('hand-edits');
    drift.warnings = [{ code: 'skipped_terraform_types', message: 'kubernetes_foo: 2' }];
    const [namespace] = buildDriftTree([drift])[0]!.children;
    expect(namespace!.description).toBe('3 drifted · ⚠ skipped_terraform_types');
    expect(namespace!.tooltip).toContain('⚠ skipped_terraform_types: kubernetes_foo: 2');
  });

  it('marks an accepted resource in its description', () => {
    const drift = exampleDrift('hand-edits');
    drift.items[0]!.accepted = true;
    const resource = buildDriftTree([drift])[0]!.children[0]!.children[0]!.children[0]!;
    expect(resource.description).toMatch(/^accepted · medium/);
  });
});

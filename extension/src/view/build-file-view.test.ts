import { describe, expect, it } from 'vitest';
import type { ApiDriftItem } from '../api/scan-types.ts';
import type { LocatedDrift } from '../locate/map-drift.ts';
import { buildFileView } from './build-file-view.ts';

const scan = {
  scan_id: 's1',
  cluster_id: 'prod',
  namespace: 'fleet',
  created_at: '2026-11-22T01:00:00.000Z',
};
const now = Date.parse('2026-11-22T01:05:00.000Z');
const blockHead = { startLine: 1, startCol: 0, endLine: 1, endCol: 44 };
const replicasHead = { startLine: 11, startCol: 4, endLine: 11, endCol: 16 };
const imageHead = { startLine: 20, startCol: 10, endLine: 20, endCol: 60 };

function changedItem(overrides: Partial<ApiDriftItem> = {}): ApiDriftItem {
  return {
    status: 'changed',
    resource_id: 'k8s/deployment/fleet/tracker',
    normalized_type: 'k8s/deployment',
    namespace: 'fleet',
    name: 'tracker',
    severity: 'high',
    iac: { state_source: 'main', address: 'kubernetes_deployment_v1.tracker' },
    changes: [
      { path: 'spec.replicas', iac: 3, live: 6, severity: 'low' },
      { path: 'spec.template.spec.containers[tracker].image', iac: 'a:1', live: 'a:2', severity: 'high' },
    ],
    ignored: false,
    first_seen_scan_id: 's0',
    first_seen_at: '2026-11-21T09:00:00.000Z',
    ...overrides,
  };
}

function located(item: ApiDriftItem, extra: Partial<LocatedDrift> = {}): LocatedDrift {
  return {
    uri: 'file:///ws/main.tf',
    scan,
    item,
    address: item.iac!.address,
    via: null,
    instanceKey: null,
    block: blockHead,
    resource: { kind: 'block', type: 'resource', labels: [], head: blockHead, span: blockHead, body: [] },
    terraformType: 'kubernetes_deployment_v1',
    changes: [
      { change: item.changes[0]!, head: replicasHead, exact: true },
      { change: item.changes[1]!, head: imageHead, exact: true },
    ].slice(0, item.changes.length),
    ...extra,
  };
}

describe('buildFileView', () => {
  it('titles the lens of a changed block with change count and severity', () => {
    const view = buildFileView([located(changedItem())], { now });
    expect(view.lenses).toEqual([
      { span: blockHead, title: 'DriftWise: drifted · 2 changes · high · prod/fleet' },
    ]);
  });

  it('titles the lens of a missing block "missing in cluster" with its instance key', () => {
    const item = changedItem({ status: 'missing', changes: [] });
    const view = buildFileView([located(item, { instanceKey: 'ja' })], { now });
    expect(view.lenses[0]!.title).toBe('DriftWise: missing in cluster · ["ja"] · prod/fleet');
  });

  it('decorates a changed attribute with its live value', () => {
    const view = buildFileView([located(changedItem())], { now });
    expect(view.decorations).toContainEqual({ line: 11, text: '← live: 6' });
  });

  it('names the path in the decoration when the change landed on an enclosing line', () => {
    const item = changedItem({
      changes: [{ path: 'spec.x[y].env[A]', iac: null, live: { name: 'A' }, severity: 'medium' }],
    });
    const drift = located(item);
    drift.changes = [{ change: item.changes[0]!, head: imageHead, exact: false }];
    expect(buildFileView([drift], { now }).decorations).toEqual([
      { line: 20, text: '← live spec.x[y].env[A]: {"name":"A"}' },
    ]);
  });

  it('raises one diagnostic per change with the change severity as level and the kind as code', () => {
    const view = buildFileView([located(changedItem())], { now });
    expect(view.diagnostics.map((d) => [d.span.startLine, d.level, d.code])).toEqual([
      [11, 'information', 'changed'],
      [20, 'error', 'changed'],
    ]);
    expect(view.diagnostics[0]!.message).toBe(
      'spec.replicas is 6 in the cluster, Terraform says 3 (prod/fleet)',
    );
  });

  it('codes a live-only list item as added and a missing resource as missing', () => {
    const added = changedItem({
      changes: [{ path: 'spec.env[A]', iac: null, live: { name: 'A' }, severity: 'medium' }],
    });
    const missing = changedItem({ status: 'missing', changes: [], severity: 'medium' });
    const view = buildFileView([located(added), located(missing)], { now });
    expect(view.diagnostics.map((d) => d.code)).toEqual(['added', 'missing']);
  });

  it('names the module caller in messages when the block is reached through a module', () => {
    const view = buildFileView([located(changedItem(), { via: 'module.a' })], { now });
    expect(view.diagnostics[0]!.message).toContain('(prod/fleet, via module.a)');
  });

  it('shows path, IaC, live, severity, first seen and the scan time in the block hover', () => {
    const [hover] = buildFileView([located(changedItem())], { now }).hovers;
    expect(hover!.span).toEqual(blockHead);
    expect(hover!.markdown).toContain('| path | Terraform | live | severity |\n');
    expect(hover!.markdown).toContain('| `spec.replicas` | `3` | `6` | low |\n');
    expect(hover!.markdown).toContain('First seen 16 h ago (2026-11-21T09:00:00.000Z).');
    expect(hover!.markdown).toContain('Scan `s1` at 2026-11-22T01:00:00.000Z (5 min ago)');
  });

  it('shows who changed a field and how long ago in the hover', () => {
    const changedBy = {
      manager: 'kubectl',
      operation: 'Update',
      subresource: 'scale',
      time: '2026-11-21T23:05:00.000Z',
    };
    const item = changedItem({
      changes: [{ path: 'spec.replicas', iac: 3, live: 6, severity: 'low', changed_by: changedBy }],
    });
    const [hover] = buildFileView([located(item)], { now }).hovers;
    expect(hover!.markdown).toContain('| path | Terraform | live | severity | changed by |');
    expect(hover!.markdown).toContain('| `spec.replicas` | `3` | `6` | low | kubectl scale 2 h ago |');
  });

  it('marks an undeclared field as not declared instead of null in the hover and the message', () => {
    const item = changedItem({
      changes: [{ path: 'spec.minReadySeconds', iac: null, live: 10, severity: 'low', undeclared: true }],
    });
    const view = buildFileView([located(item)], { now });
    expect(view.hovers[0]!.markdown).toContain('| `spec.minReadySeconds` | *not declared* | `10` | low |');
    expect(view.diagnostics[0]!.message).toBe(
      'spec.minReadySeconds was set by hand in the cluster and is not declared in Terraform: 10 (prod/fleet)',
    );
  });

  it('lowers every diagnostic of an accepted item to information and says so', () => {
    const view = buildFileView([located(changedItem({ accepted: true }))], { now });
    expect(view.diagnostics.map((d) => d.level)).toEqual(['information', 'information']);
    expect(view.diagnostics[0]!.message).toMatch(/ · accepted$/);
    expect(view.lenses[0]!.title).toBe('DriftWise: drifted · 2 changes · high · accepted · prod/fleet');
  });

  it('names the scan and resource whose history the hover asks for', () => {
    const [hover] = buildFileView([located(changedItem())], { now }).hovers;
    expect(hover!.history).toEqual({
      scanId: 's1',
      clusterId: 'prod',
      namespace: 'fleet',
      resourceId: 'k8s/deployment/fleet/tracker',
    });
  });

  it('points each diagnostic at its drift and change for the quick fixes', () => {
    const drift = located(changedItem());
    const view = buildFileView([drift], { now });
    expect(view.diagnostics[1]!.target).toEqual({ drift, change: drift.changes[1] });
  });

  it('gives each changed attribute line its own hover with only that change', () => {
    const hovers = buildFileView([located(changedItem())], { now }).hovers;
    const replicas = hovers.find((hover) => hover.span === replicasHead)!;
    expect(replicas.markdown).toContain('spec.replicas');
    expect(replicas.markdown).not.toContain('image');
  });
});

import { posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDrift } from '../../test/support/example-drift.ts';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import { fixtureWorkspace, readTfFiles } from '../../test/support/workspace-fixture.ts';
import type { ScanDrift } from '../api/scan-types.ts';
import type { HclParser } from '../hcl/hcl-parser.ts';
import { type LocatedDrift, mapDrift } from './map-drift.ts';
import { createTerraformWorkspace, type TerraformWorkspace } from './terraform-workspace.ts';

let parser: HclParser;
let workspace: TerraformWorkspace;

beforeAll(async () => {
  parser = await loadTestParser();
  workspace = createTerraformWorkspace(parser);
  for (const { path, text } of readTfFiles()) workspace.setFile({ uri: `file://${path}`, path }, text);
});
afterAll(() => workspace.dispose());

/** The 0-based line of the first line containing `needle` in a fixture file. */
function lineOf(file: string, needle: string): number {
  const text = readTfFiles().find((f) => f.path.endsWith(file))!.text;
  return text.split('\n').findIndex((line) => line.includes(needle));
}

function locatedByAddress(located: LocatedDrift[], address: string): LocatedDrift[] {
  return located.filter((drift) => drift.address === address);
}

describe('mapDrift', () => {
  const handEdits = () => mapDrift(workspace, [exampleDrift('hand-edits')]);

  it('puts spec.replicas on the replicas line of the resource block', () => {
    const [tracker] = locatedByAddress(handEdits(), 'kubernetes_deployment_v1.tracker');
    const replicas = tracker!.changes.find((c) => c.change.path === 'spec.replicas')!;
    expect(replicas.head.startLine).toBe(lineOf('fleet/main.tf', 'replicas = 2'));
    expect(replicas.exact).toBe(true);
  });

  it('puts a container image change on the image line of the container named in the path', () => {
    const [tracker] = locatedByAddress(handEdits(), 'kubernetes_deployment_v1.tracker');
    const image = tracker!.changes.find((c) => c.change.path.endsWith('.image'))!;
    expect(image.head.startLine).toBe(lineOf('fleet/main.tf', 'image = "images.example.org/fleet/tracker'));
  });

  it('puts a module resource in the module file its source points at', () => {
    const [rules] = locatedByAddress(handEdits(), 'module.dispatch.kubernetes_config_map_v1.rules');
    expect(rules!.uri).toBe(`file://${posix.join(fixtureWorkspace, 'fleet/modules/dispatch/config.tf')}`);
    expect(rules!.via).toBe('module.dispatch');
    expect(rules!.changes[0]!.head.startLine).toBe(
      lineOf('dispatch/config.tf', 'MAX_STOPS_PER_ROUTE = "24"'),
    );
  });

  it('stops at the container block when the env item exists only live', () => {
    const [dispatcher] = locatedByAddress(handEdits(), 'module.dispatch.kubernetes_deployment_v1.dispatcher');
    const added = dispatcher!.changes[0]!;
    expect(added.exact).toBe(false);
    expect(added.head.startLine).toBe(lineOf('dispatch/main.tf', 'container {'));
  });

  it('puts a missing for_each instance on its resource block with the instance key', () => {
    const located = mapDrift(workspace, [exampleDrift('missing-extra-manifest')]);
    const [site] = locatedByAddress(located, 'kubernetes_deployment_v1.site["ja"]');
    expect(site!.block.startLine).toBe(lineOf('docs/main.tf', 'resource "kubernetes_deployment_v1" "site"'));
    expect(site!.instanceKey).toBe('ja');
  });

  it('leaves extra resources out: they have no block', () => {
    const located = mapDrift(workspace, [exampleDrift('missing-extra-manifest')]);
    expect(located.map((drift) => drift.item.status).sort()).toEqual(['changed', 'missing']);
  });

  it('maps a kubernetes_manifest change through the manifest object', () => {
    const located = mapDrift(workspace, [exampleDrift('missing-extra-manifest')]);
    const [cron] = locatedByAddress(located, 'kubernetes_manifest.sitemap_refresh');
    expect(cron!.changes[0]).toMatchObject({ exact: true });
    expect(cron!.changes[0]!.head.startLine).toBe(lineOf('docs/main.tf', 'schedule          = "15 3 * * *"'));
  });

  it('maps a manifest container field through the list item with that name', () => {
    const drift = withChange(exampleDrift('missing-extra-manifest'), 'kubernetes_manifest.sitemap_refresh', {
      path: 'spec.jobTemplate.spec.template.spec.containers[sitemap].image',
      iac: 'a',
      live: 'b',
      severity: 'medium',
    });
    const [cron] = locatedByAddress(mapDrift(workspace, [drift]), 'kubernetes_manifest.sitemap_refresh');
    expect(cron!.changes[0]!.head.startLine).toBe(lineOf('docs/main.tf', 'sitemap-builder:2.0.5"'));
    expect(cron!.changes[0]!.exact).toBe(true);
  });

  it('leaves out ignored items', () => {
    const drift = exampleDrift('hand-edits');
    for (const item of drift.items) item.ignored = item.name === 'tracker';
    const located = mapDrift(workspace, [drift]);
    expect(located.map((d) => d.item.name).sort()).toEqual(['dispatcher', 'routing-rules']);
  });

  it('leaves out ignored changes and keeps the others of the item', () => {
    const drift = exampleDrift('hand-edits');
    const tracker = drift.items.find((item) => item.name === 'tracker')!;
    tracker.changes[0]!.ignored = true;
    const [located] = locatedByAddress(mapDrift(workspace, [drift]), 'kubernetes_deployment_v1.tracker');
    expect(located!.changes.map((c) => c.change.path)).toEqual([
      'spec.template.spec.containers[tracker].image',
    ]);
  });

  it('uses core path translation for the attribute steps', () => {
    const seen: string[] = [];
    mapDrift(workspace, [exampleDrift('hand-edits')], {
      toStatePath: (type, path) => {
        seen.push(`${type} ${path}`);
        return null;
      },
    });
    expect(seen).toContain('kubernetes_deployment_v1 spec.replicas');
  });

  it('falls back to the block head when the path has no translation', () => {
    const located = mapDrift(workspace, [exampleDrift('hand-edits')], { toStatePath: () => null });
    const [tracker] = locatedByAddress(located, 'kubernetes_deployment_v1.tracker');
    expect(tracker!.changes[0]).toMatchObject({ exact: false, head: tracker!.block });
  });
});

describe('mapDrift with modules', () => {
  let local: TerraformWorkspace;
  beforeAll(() => {
    local = createTerraformWorkspace(parser);
    local.setFile(
      { uri: 'mem:/env/main.tf', path: '/env/main.tf' },
      'module "a" {\n  source = "../mod"\n}\nmodule "b" {\n  source = "../mod"\n}\nmodule "remote" {\n  source = "hashicorp/x/y"\n}\n',
    );
    local.setFile(
      { uri: 'mem:/mod/main.tf', path: '/mod/main.tf' },
      'resource "kubernetes_deployment_v1" "api" {\n  spec {\n    replicas = 3\n  }\n}\n',
    );
  });
  afterAll(() => local.dispose());

  const drift = (address: string): ScanDrift => ({
    ...exampleDrift('hand-edits'),
    items: [
      {
        status: 'changed',
        resource_id: `k8s/deployment/x/${address}`,
        normalized_type: 'k8s/deployment',
        namespace: 'x',
        name: address,
        severity: 'low',
        iac: { state_source: 'main', address },
        changes: [{ path: 'spec.replicas', iac: 3, live: 6, severity: 'low' }],
        ignored: false,
      },
    ],
  });

  it('shows the drift of both callers of a module called twice', () => {
    const located = mapDrift(local, [
      drift('module.a.kubernetes_deployment_v1.api'),
      drift('module.b.kubernetes_deployment_v1.api'),
    ]);
    expect(located.map((d) => [d.uri, d.via, d.changes[0]!.head.startLine])).toEqual([
      ['mem:/mod/main.tf', 'module.a', 2],
      ['mem:/mod/main.tf', 'module.b', 2],
    ]);
  });

  it('does not put a root-module address on a block inside a called module', () => {
    expect(mapDrift(local, [drift('kubernetes_deployment_v1.api')])).toEqual([]);
  });
});

describe('mapDrift with patch-style resources', () => {
  let local: TerraformWorkspace;
  beforeAll(() => {
    local = createTerraformWorkspace(parser);
    local.setFile(
      { uri: 'mem:/app/main.tf', path: '/app/main.tf' },
      [
        'resource "kubernetes_deployment_v1" "api" {',
        '  spec {',
        '    replicas = 3',
        '  }',
        '}',
        'resource "kubernetes_labels" "team" {',
        '  api_version = "apps/v1"',
        '  kind        = "Deployment"',
        '  labels = {',
        '    team = "checkout"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => local.dispose());

  const drift = (changes: ScanDrift['items'][number]['changes']): ScanDrift => ({
    ...exampleDrift('hand-edits'),
    items: [
      {
        status: 'changed',
        resource_id: 'k8s/deployment/shop/api',
        normalized_type: 'k8s/deployment',
        namespace: 'shop',
        name: 'api',
        severity: 'low',
        iac: { state_source: 'main', address: 'kubernetes_deployment_v1.api' },
        changes,
        ignored: false,
      },
    ],
  });
  const labelChange = {
    path: 'metadata.labels.team',
    iac: 'checkout',
    live: 'search',
    severity: 'low' as const,
    declared_by: { state_source: 'main', address: 'kubernetes_labels.team' },
  };

  it('puts a change a patch declares on the patch’s block, at its attribute', () => {
    const located = mapDrift(local, [
      drift([{ path: 'spec.replicas', iac: 3, live: 6, severity: 'low' }, labelChange]),
    ]);
    expect(
      located.map((d) => [
        d.address,
        d.terraformType,
        d.changes.map((c) => [c.change.path, c.head.startLine, c.exact]),
      ]),
    ).toEqual([
      ['kubernetes_deployment_v1.api', 'kubernetes_deployment_v1', [['spec.replicas', 2, true]]],
      ['kubernetes_labels.team', 'kubernetes_labels', [['metadata.labels.team', 9, true]]],
    ]);
  });

  it('leaves the item’s own block out when every change belongs to a patch', () => {
    const located = mapDrift(local, [drift([labelChange])]);
    expect(located.map((d) => d.address)).toEqual(['kubernetes_labels.team']);
  });
});

function withChange(
  drift: ScanDrift,
  address: string,
  change: ScanDrift['items'][number]['changes'][number],
): ScanDrift {
  const item = drift.items.find((candidate) => candidate.iac?.address === address)!;
  item.changes = [change];
  return drift;
}

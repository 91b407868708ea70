import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, readExample } from '../test/support/examples.ts';
import { defaultIo } from './cli-io.ts';
import { type CliIo, EXIT, main } from './driftwise.ts';

function capture(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    ...defaultIo,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readText: (path) => (path in files ? Promise.resolve(files[path]!) : readFile(path, 'utf8')),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const example = (name: string, file: string) => `${EXAMPLES_DIR}${name}/${file}`;

function diffArgs(name: string, ...extra: string[]) {
  return [
    'diff',
    '--state',
    example(name, 'state.tfstate'),
    '--live',
    example(name, 'report.json'),
    ...extra,
  ];
}

describe('driftwise diff', () => {
  it('exits 0 and says so when the cluster is in sync', async () => {
    const run = capture();
    expect(await main(diffArgs('in-sync'), run.io)).toBe(EXIT.inSync);
    expect(run.out()).toMatch(/^in sync: example-cluster\/inventory/);
  });

  it('exits 1 and prints the drift items as JSON when there is drift', async () => {
    const run = capture();
    expect(await main(diffArgs('hand-edits', '--format', 'json'), run.io)).toBe(EXIT.drift);
    const printed = JSON.parse(run.out());
    const expected = readExample('hand-edits', 'drift.json') as {
      items: { resource_id: string; changes: unknown }[];
    };
    expect(printed.items.map((item: { resource_id: string }) => item.resource_id)).toEqual(
      expected.items.map((item) => item.resource_id),
    );
    expect(printed.items.map((item: { changes: unknown }) => item.changes)).toEqual(
      expected.items.map((item) => item.changes),
    );
  });

  it('prints one line per change in the text format', async () => {
    const run = capture();
    await main(diffArgs('hand-edits', '--now', '2025-04-22T11:14:03Z'), run.io);
    expect(run.out()).toContain('~ k8s/deployment/fleet/tracker  medium  kubernetes_deployment_v1.tracker');
    expect(run.out()).toContain('    spec.replicas: 2 → 4  (low, kubectl scale 2 h ago)');
  });

  it('says who changed a field as people say it, against the injected clock', async () => {
    const run = capture();
    run.io.now = () => new Date('2025-04-25T10:07:15Z');
    await main(diffArgs('hand-edits'), run.io);
    expect(run.out()).toContain('    data.MAX_STOPS_PER_ROUTE: "24" → "40"  (medium, kubectl edit 3 d ago)');
  });

  it('exits 2 when --now is not an RFC 3339 time', async () => {
    const run = capture();
    expect(await main(diffArgs('hand-edits', '--now', 'yesterday'), run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('--now');
  });

  it('exits 2 and prints the empty_scope warning when nothing is in scope', async () => {
    const report = readExample('in-sync', 'report.json') as { namespace: string };
    const run = capture({ 'typo.json': JSON.stringify({ ...report, namespace: 'inventroy' }) });
    const args = ['diff', '--state', example('in-sync', 'state.tfstate'), '--live', 'typo.json'];
    expect(await main(args, run.io)).toBe(EXIT.error);
    expect(run.out()).toContain('warning: empty_scope: Nothing to compare in namespace "inventroy"');
    expect(run.err()).toContain('--allow-empty');
  });

  it('exits 0 on an empty scope with --allow-empty', async () => {
    const report = readExample('in-sync', 'report.json') as { namespace: string };
    const run = capture({ 'typo.json': JSON.stringify({ ...report, namespace: 'inventroy' }) });
    const args = [
      'diff',
      '--state',
      example('in-sync', 'state.tfstate'),
      '--live',
      'typo.json',
      '--allow-empty',
    ];
    expect(await main(args, run.io)).toBe(EXIT.inSync);
  });

  it('warns about Kubernetes-related state resources it does not read', async () => {
    const state = JSON.parse(await readFile(example('in-sync', 'state.tfstate'), 'utf8')) as {
      resources: unknown[];
    };
    state.resources.push({
      mode: 'managed',
      type: 'k8s_manifest',
      name: 'extra',
      provider: 'provider["registry.terraform.io/banzaicloud/k8s"]',
      instances: [{ schema_version: 1, attributes: { content: 'kind: ConfigMap' } }],
    });
    const run = capture({ 'more.tfstate': JSON.stringify(state) });
    const args = [
      'diff',
      '--state',
      'more.tfstate',
      '--live',
      example('in-sync', 'report.json'),
      '--format',
      'json',
    ];
    await main(args, run.io);
    expect(JSON.parse(run.out()).warnings).toEqual([
      expect.objectContaining({
        code: 'skipped_terraform_types',
        types: [{ type: 'k8s_manifest', count: 1 }],
      }),
    ]);
  });

  it('compares a patch-style resource merged into the object and names it on the change', async () => {
    const state = JSON.parse(await readFile(example('in-sync', 'state.tfstate'), 'utf8')) as {
      resources: unknown[];
    };
    state.resources.push({
      mode: 'managed',
      type: 'kubernetes_labels',
      name: 'cost',
      provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            api_version: 'apps/v1',
            kind: 'Deployment',
            metadata: [{ name: 'stockkeeper', namespace: 'inventory' }],
            labels: { 'cost-center': 'cc-9999' },
            field_manager: 'Terraform',
            force: true,
          },
        },
      ],
    });
    const run = capture({ 'patched.tfstate': JSON.stringify(state) });
    const args = ['diff', '--state', 'patched.tfstate', '--live', example('in-sync', 'report.json')];
    expect(await main(args, run.io)).toBe(EXIT.drift);
    expect(run.out()).toContain(
      '~ k8s/deployment/inventory/stockkeeper  low  kubernetes_deployment_v1.stockkeeper',
    );
    expect(run.out()).toMatch(
      /metadata\.labels\.cost-center: "cc-9999" → "cc-4417" {2}\(low, .*declared by kubernetes_labels\.cost\)/,
    );
    expect(run.err()).toBe('');
  });

  it('prints the README example exactly', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```sh\n\$ (npx driftwise diff [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const [command, output] = [block?.[1] ?? '', block?.[2] ?? ''];
    const args = command
      .replace('npx driftwise ', '')
      .split(' ')
      .map((arg) => (arg.startsWith('examples/') ? new URL(`../../${arg}`, import.meta.url).pathname : arg));
    const run = capture();
    await main(args, run.io);
    expect(run.out()).toBe(output);
  });

  it('hides drift named by an ignore file and exits 0 when nothing else drifted', async () => {
    const run = capture({
      '.driftignore': 'k8s/deployment/fleet/*\nk8s/configmap/fleet/routing-rules # edited on purpose\n',
    });
    expect(await main(diffArgs('hand-edits', '--ignore', '.driftignore'), run.io)).toBe(EXIT.inSync);
  });

  it('exits 2 and names the line of a bad ignore rule', async () => {
    const run = capture({ bad: 'k8s/deployment/*/api:\n' });
    expect(await main(diffArgs('hand-edits', '--ignore', 'bad'), run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('invalid_ignore_rule');
    expect(run.err()).toContain('line 1');
  });

  it('exits 2 when the state file is not version 4', async () => {
    const run = capture({
      'old.tfstate': JSON.stringify({ version: 3, serial: 1, lineage: 'x', modules: [] }),
    });
    const args = ['diff', '--state', 'old.tfstate', '--live', example('in-sync', 'report.json')];
    expect(await main(args, run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('unsupported_state_version');
  });

  it('exits 2 and names the field path when the report is invalid', async () => {
    const run = capture({ 'r.json': JSON.stringify({ cluster_id: 'c', namespace: 'n', resources: [{}] }) });
    const args = ['diff', '--state', example('in-sync', 'state.tfstate'), '--live', 'r.json'];
    expect(await main(args, run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('resources.0.normalized_type');
  });

  it('exits 2 when a file is missing', async () => {
    const run = capture();
    expect(await main(['diff', '--state', '/nonexistent.tfstate', '--live', 'x'], run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('cannot read /nonexistent.tfstate');
  });

  it('exits 2 with the usage when arguments are missing', async () => {
    const run = capture();
    expect(await main(['diff', '--live', 'x'], run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('Usage: driftwise diff');
  });

  it('runs as a command with the documented exit status', async () => {
    const bin = new URL('../bin/driftwise.js', import.meta.url).pathname;
    const result = await promisify(execFile)(process.execPath, [
      bin,
      ...diffArgs('missing-extra-manifest'),
    ]).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result ? result.code : 0).toBe(EXIT.drift);
    expect(result.stdout).toContain('- k8s/deployment/docs/site-ja');
  });
});

describe('driftwise', () => {
  it('prints the package version when asked with --version', async () => {
    const run = capture();
    expect(await main(['--version'], run.io)).toBe(EXIT.inSync);
    expect(run.out()).toBe('driftwise 0.1.0\n');
  });

  it.each([
    [['diff'], 'Usage: driftwise diff'],
    [['state', 'push'], 'Usage: driftwise state push'],
    [['report'], 'Usage: driftwise report'],
    [['drift'], 'Usage: driftwise drift'],
  ])('prints the usage of %j and exits 0 when asked with --help', async (words, usage) => {
    const run = capture();
    expect(await main([...words, '--help'], run.io)).toBe(EXIT.inSync);
    expect(run.out()).toContain(usage);
  });

  it('lists every command in the general help', async () => {
    const run = capture();
    await main(['--help'], run.io);
    expect(run.out()).toMatch(/diff[\s\S]*state push[\s\S]*report[\s\S]*drift/);
  });

  it('exits 2 and suggests the command when a group word is followed by an unknown one', async () => {
    const run = capture();
    expect(await main(['state', 'pull'], run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('unknown command "state pull" (try: state push)');
  });
});

describe('driftwise diff --state', () => {
  it('names the state source by the name before = when given', async () => {
    const run = capture();
    const state = `prod=${example('hand-edits', 'state.tfstate')}`;
    const args = [
      'diff',
      '--state',
      state,
      '--live',
      example('hand-edits', 'report.json'),
      '--format',
      'json',
    ];
    await main(args, run.io);
    expect(JSON.parse(run.out()).items[0].iac.state_source).toBe('prod');
  });

  it('names the state source by its whole path when no name is given', async () => {
    const run = capture();
    await main(diffArgs('hand-edits', '--format', 'json'), run.io);
    expect(JSON.parse(run.out()).items[0].iac.state_source).toBe(example('hand-edits', 'state.tfstate'));
  });

  it('tells two state files of the same file name apart by their paths', async () => {
    const state = await readFile(example('hand-edits', 'state.tfstate'), 'utf8');
    const empty = JSON.stringify({
      version: 4,
      terraform_version: '1.9.0',
      serial: 1,
      lineage: 'l',
      resources: [],
    });
    const run = capture({ 'a/terraform.tfstate': state, 'b/terraform.tfstate': empty });
    const args = [
      'diff',
      '--state',
      'a/terraform.tfstate',
      '--state',
      'b/terraform.tfstate',
      '--format',
      'json',
    ];
    await main([...args, '--live', example('hand-edits', 'report.json')], run.io);
    const sources = JSON.parse(run.out()).items.map(
      (item: { iac: { state_source: string } }) => item.iac.state_source,
    );
    expect(new Set(sources)).toEqual(new Set(['a/terraform.tfstate']));
  });

  it('exits 2 when two --state arguments give the same name', async () => {
    const run = capture();
    const state = example('in-sync', 'state.tfstate');
    const args = [
      'diff',
      '--state',
      `x=${state}`,
      '--state',
      `x=${state}`,
      '--live',
      example('in-sync', 'report.json'),
    ];
    expect(await main(args, run.io)).toBe(EXIT.error);
    expect(run.err()).toContain('--state x is given twice');
  });
});

describe('driftwise iac', () => {
  it('prints Terraform with an import block for the objects no state declares', async () => {
    const run = capture();
    const args = [
      'iac',
      '--live',
      example('missing-extra-manifest', 'report.json'),
      '--state',
      example('missing-extra-manifest', 'state.tfstate'),
    ];

    expect(await main(args, run.io)).toBe(EXIT.inSync);
    expect(run.out()).toContain('resource "kubernetes_deployment_v1" "docs_link_checker" {\n');
    expect(run.out()).toContain(
      'import {\n  to = kubernetes_deployment_v1.docs_link_checker\n  id = "docs/link-checker"\n}\n',
    );
    expect(run.out().match(/^resource /gm)).toHaveLength(1);
    expect(run.err()).toBe('');
  });

  it('writes the warnings to stderr when Secret values become variables', async () => {
    const run = capture();
    const args = [
      'iac',
      '--live',
      example('in-sync', 'report.json'),
      '--scope',
      'all',
      '--format',
      'terraform-json',
    ];

    expect(await main(args, run.io)).toBe(EXIT.inSync);
    expect(Object.keys(JSON.parse(run.out()).variable)).toHaveLength(2);
    expect(run.err()).toMatch(/^driftwise: warning secret_values_omitted: /);
  });

  it('exits 2 naming the formats when --format is unknown', async () => {
    const run = capture();

    expect(
      await main(['iac', '--live', example('in-sync', 'report.json'), '--format', 'pulumi'], run.io),
    ).toBe(EXIT.error);
    expect(run.err()).toMatch(/^driftwise: --format is one of terraform, terraform-json, opentofu\n/);
  });
});

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, readExample } from '../test/support/examples.ts';
import { type CliIo, EXIT, main } from './driftwise.ts';

function capture(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
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
    await main(diffArgs('hand-edits'), run.io);
    expect(run.out()).toContain('~ k8s/deployment/fleet/tracker  medium  kubernetes_deployment_v1.tracker');
    expect(run.out()).toContain('    spec.replicas: 2 → 4  (low)');
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

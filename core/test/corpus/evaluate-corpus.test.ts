import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countKubernetesInstances } from '../../corpus/count-kubernetes-instances.ts';
import { evaluateCorpus } from '../../corpus/evaluate-corpus.ts';
import { evaluatePair, parseObject } from '../../corpus/evaluate-pair.ts';
import { evaluateStateFile } from '../../corpus/evaluate-state-file.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/corpus', import.meta.url));
const CORPUS_CLI = fileURLToPath(new URL('../../corpus/corpus.ts', import.meta.url));

describe('countKubernetesInstances', () => {
  it('lists managed instances of kubernetes_, kubectl_ and helm_ types by address, apart from data and deposed', () => {
    const count = countKubernetesInstances({
      version: 4,
      resources: [
        { mode: 'managed', type: 'helm_release', name: 'db', module: 'module.x', instances: [{}] },
        {
          mode: 'managed',
          type: 'kubernetes_secret',
          name: 's',
          instances: [{ index_key: 'a' }, { index_key: 2 }],
        },
        { mode: 'managed', type: 'kubernetes_secret', name: 'old', instances: [{ deposed: 'd1' }] },
        { mode: 'data', type: 'kubernetes_secret', name: 'd', instances: [{}] },
        { mode: 'managed', type: 'aws_s3_bucket', name: 'b', instances: [{}] },
      ],
    });
    expect(count.managed).toEqual([
      { address: 'module.x.helm_release.db', type: 'helm_release' },
      { address: 'kubernetes_secret.s["a"]', type: 'kubernetes_secret' },
      { address: 'kubernetes_secret.s[2]', type: 'kubernetes_secret' },
    ]);
    expect([count.data, count.deposed, count.format]).toEqual([1, 1, 4]);
  });

  it('walks the child modules of terraform show -json', () => {
    const count = countKubernetesInstances({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [{ address: 'kubectl_manifest.a', mode: 'managed', type: 'kubectl_manifest' }],
          child_modules: [
            {
              child_modules: [
                { resources: [{ address: 'module.m.module.n.helm_release.b', type: 'helm_release' }] },
              ],
            },
          ],
        },
      },
    });
    expect(count.managed.map((instance) => instance.address)).toEqual([
      'kubectl_manifest.a',
      'module.m.module.n.helm_release.b',
    ]);
  });
});

describe('evaluateStateFile', () => {
  it('counts every instance of a refused file as lost, with the reader error', () => {
    const text = JSON.stringify({
      version: 4,
      serial: 1,
      lineage: 'l',
      resources: [
        {
          mode: 'managed',
          type: 'kubernetes_namespace',
          name: 'n',
          provider: 'p',
          instances: [{ attributes: 3 }],
        },
      ],
    });
    const result = evaluateStateFile('bad.tfstate', text);
    expect(result.lost).toEqual(['kubernetes_namespace.n']);
    expect(result.error).toMatch(/^invalid_state: /);
  });
  it('reports an instance read under another name than its raw attributes give', () => {
    const text = JSON.stringify({
      version: 4,
      serial: 1,
      lineage: 'l',
      resources: [
        {
          mode: 'managed',
          type: 'kubectl_manifest',
          name: 'm',
          provider: 'provider["registry.terraform.io/gavinbunney/kubectl"]',
          instances: [
            {
              attributes: {
                name: 'recorded-name',
                kind: 'ConfigMap',
                yaml_body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: body-name\n',
              },
            },
          ],
        },
      ],
    });
    expect(evaluateStateFile('m.tfstate', text).misread).toEqual([
      'kubectl_manifest.m: recorded-name → body-name',
    ]);
  });
});

describe('evaluatePair', () => {
  it('takes the namespace of the live object when the desired one leaves it to the tool', () => {
    const desired = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const live = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n' },
      data: { a: '2' },
    };
    const result = evaluatePair('p', desired, live, { true_drift: ['data'] });
    expect(result).toMatchObject({ status: 'changed', true_drift: 1, false_drift: 0, missed: [] });
  });

  it('reports an expected change the matcher did not find as missed', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n' },
      data: { a: '1' },
    };
    expect(evaluatePair('p', object, object, { true_drift: ['data.a'] }).missed).toEqual(['data.a']);
  });

  it('declares the config text as a kubectl_manifest too, and says where that reads it otherwise', () => {
    // YAML 1.1, as kubectl reads it: `yes` is a boolean; YAML 1.2 (the manifest's text here) keeps a string.
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: shop\nspec:\n  paused: yes\n';
    const live = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'shop' },
      spec: { paused: true },
    };
    const result = evaluatePair('p', parseObject(text, 'p'), live, { true_drift: [] }, text);
    expect(result.changes.map((change) => change.path)).toEqual(['spec.paused']);
    expect(result.kubectl_manifest_paths).toEqual([]);
    expect(evaluatePair('p', parseObject(text, 'p'), live, null).kubectl_manifest_paths).toBeNull();
  });
});

describe('evaluateCorpus', () => {
  it('accounts for every instance and classifies every change of the fixture corpus', async () => {
    const result = await evaluateCorpus(FIXTURES);
    expect(result.totals).toEqual({
      state_files: 3,
      instances: 6,
      read: 4,
      warned: 1,
      lost: 1,
      misread: 0,
      errors: 1,
      pairs: 3,
      true_drift: 1,
      false_drift: 1,
      missed: 0,
      kubectl_differs: 0,
    });
    const typed = result.states.find((state) => state.file === 'typed.tfstate')!;
    expect(typed).toMatchObject({
      read: 3,
      warned: 1,
      data: 1,
      deposed: 1,
      skipped: { kubectl_server_version: 1 },
    });
    expect(result.pairs.map((pair) => [pair.pair, pair.status])).toEqual([
      ['replicas-changed', 'changed'],
      ['server-defaults', 'in_sync'],
      ['unclassified', 'changed'],
    ]);
  });

  it('finds nothing in a directory without state/ or pairs/', async () => {
    const result = await evaluateCorpus(fileURLToPath(new URL('../fixtures/corpus/pairs', import.meta.url)));
    expect(result.totals.state_files + result.totals.pairs).toBe(0);
  });
});

// Each case starts Node: slow when the whole suite shares two cores.
describe('npm run corpus', { timeout: 60_000 }, () => {
  it('prints one line per case and the totals, and exits 1 when something is lost or false', () => {
    const run = spawnSync(process.execPath, ['--experimental-strip-types', CORPUS_CLI, FIXTURES], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  LOST kubectl_manifest.broken\n');
    expect(run.stdout).toContain('  FALSE data.beta: "on" → "off"\n');
    expect(run.stdout).toMatch(
      /TOTAL state files 3, instances 6: read 4, warned 1, lost 1, misread 0, files refused 1; /,
    );
  });

  it('prints the JSON result with --json, and exits 2 without a directory', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--experimental-strip-types', CORPUS_CLI, ...args], { encoding: 'utf8' });
    expect(JSON.parse(run(FIXTURES, '--json').stdout).totals.read).toBe(4);
    const usage = run();
    expect([usage.status, usage.stderr]).toEqual([2, 'Usage: npm run corpus -w core -- <dir> [--json]\n']);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ApiResourceList, selectKinds } from '../src/select-kinds.ts';

// The recorded v1.15 discovery documents (fixtures/discovery/README.md).
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'discovery');
const lists: ApiResourceList[] = readdirSync(dir)
  .filter((file) => file === 'api-v1.json' || file.startsWith('apis-'))
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));

describe('selectKinds', () => {
  it('keeps what Terraform manages and leaves controller output out by default', () => {
    const kinds = selectKinds(lists).map((kind) => kind.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['ConfigMap', 'Deployment', 'Secret', 'Service', 'ClusterRole', 'Namespace']),
    );
    for (const excluded of [
      'Event',
      'Lease',
      'Endpoints',
      'Pod',
      'ReplicaSet',
      'ControllerRevision',
      'Binding',
    ])
      expect(kinds).not.toContain(excluded);
  });

  it('watches Deployment from apps, not from the deprecated extensions group', () => {
    const deployment = selectKinds(lists).find((kind) => kind.kind === 'Deployment');
    expect(deployment).toEqual({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      kind: 'Deployment',
      namespaced: true,
    });
  });

  it('adds an excluded kind that includeKinds names and drops one excludeKinds names', () => {
    const kinds = selectKinds(lists, { includeKinds: ['pod'], excludeKinds: ['Secret'] }).map(
      (kind) => kind.kind,
    );
    expect(kinds).toContain('Pod');
    expect(kinds).not.toContain('Secret');
  });

  it('keeps only namespaced kinds in namespace mode', () => {
    expect(selectKinds(lists, { namespacedOnly: true }).every((kind) => kind.namespaced)).toBe(true);
  });
});

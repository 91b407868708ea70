import { secretHasher } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.ts';
import { compactObject } from '../src/compact-object.ts';
import { scopeResources } from '../src/scope-resources.ts';
import { toReportResource } from '../src/to-report-resource.ts';
import type { WatchedKind } from '../src/watched-kind.ts';

const configMap: WatchedKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
};
const secretKind: WatchedKind = { ...configMap, resource: 'secrets', kind: 'Secret' };
const object = (name: string, rv: string, value: string) => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: rv },
  data: { v: value },
});
const secret = {
  metadata: { name: 'db', namespace: 'default', uid: 'uid-db', resourceVersion: '7' },
  type: 'Opaque',
  data: { password: btoa('hunter2') },
};
const hasher = (keyId: string) => secretHasher(new Uint8Array(32).fill(keyId.length), keyId);

describe('scopeResources', () => {
  it('orders resources by resource ID whatever order the informers gave', () => {
    const ids = scopeResources([
      compactObject(object('b', '1', 'x'), configMap),
      compactObject(object('a', '1', 'x'), configMap),
    ]).map((r) => r.id);
    expect(ids).toEqual(['uid-a', 'uid-b']);
  });

  it('gives exactly the JSON of toReportResource, for a ConfigMap and a hashed Secret', () => {
    const [cm, sec] = scopeResources(
      [compactObject(object('a', '1', 'x'), configMap, { region: 'r1' }), compactObject(secret, secretKind)],
      { hasher: hasher('k1a'), region: 'r1' },
    );
    expect(cm!.json).toBe(
      canonicalJson(
        toReportResource(object('a', '1', 'x'), { kind: 'ConfigMap', apiVersion: 'v1', region: 'r1' }),
      ),
    );
    expect(sec!.json).toBe(
      canonicalJson(
        toReportResource(secret, { kind: 'Secret', apiVersion: 'v1', region: 'r1', hasher: hasher('k1a') }),
      ),
    );
    expect(sec!.json).not.toContain(btoa('hunter2'));
  });

  it('hashes a Secret again when the key id changes, and refuses one without a hasher', () => {
    const cached = compactObject(secret, secretKind);
    expect(scopeResources([cached], { hasher: hasher('k1a') })[0]!.json).toContain('hmac-sha256:k1a:');
    expect(scopeResources([cached], { hasher: hasher('k1bb') })[0]!.json).toContain('hmac-sha256:k1bb:');
    expect(() => scopeResources([cached])).toThrow(/raw values never leave the cluster/);
  });
});

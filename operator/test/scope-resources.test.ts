import { describe, expect, it } from 'vitest';
import { type SerializedCache, scopeResources } from '../src/scope-resources.ts';
import type { WatchedKind } from '../src/watched-kind.ts';

const configMap: WatchedKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
};
const object = (name: string, rv: string, value: string) => ({
  kind: configMap,
  object: {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: rv },
    data: { v: value },
  },
});

describe('scopeResources', () => {
  it('orders resources by resource ID whatever order the informers gave', () => {
    const ids = scopeResources([object('b', '1', 'x'), object('a', '1', 'x')]).map((r) => r.id);
    expect(ids).toEqual(['uid-a', 'uid-b']);
  });

  it('reuses the serialized form while the resourceVersion is unchanged and rebuilds it when it moves', () => {
    const cache: SerializedCache = new Map();
    scopeResources([object('a', '1', 'old')], { cache });
    // Same resourceVersion: the cached JSON is used (a stale value proves it came from the cache).
    expect(scopeResources([object('a', '1', 'new')], { cache })[0]!.json).toContain('"old"');
    expect(scopeResources([object('a', '2', 'new')], { cache })[0]!.json).toContain('"new"');
  });

  it('forgets objects that are gone', () => {
    const cache: SerializedCache = new Map();
    scopeResources([object('a', '1', 'x'), object('b', '1', 'x')], { cache });
    scopeResources([object('b', '1', 'x')], { cache });
    expect([...cache.keys()]).toEqual(['uid-b']);
  });
});

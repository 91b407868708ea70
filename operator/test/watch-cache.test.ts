import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createWatchCache, type WatchCache } from '../src/watch-cache.ts';
import type { WatchedKind } from '../src/watched-kind.ts';
import { type FakeKubeApi, kubeconfigFor, startFakeKubeApi } from './fake-kube-api.ts';

const configMaps: WatchedKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
};
const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...extra },
  data: { v: name },
});

async function eventually(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out: ${what}`);
}

describe('createWatchCache', () => {
  let api: FakeKubeApi;
  let cache: WatchCache;
  afterEach(async () => {
    cache?.stop();
    await api?.close();
  });

  async function start(changes: string[] = [], errors: number[] = []) {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigFor(api));
    cache = createWatchCache({
      kc,
      kinds: [configMaps],
      namespaces: ['*'],
      pageSize: 2,
      onChange: (ns) => changes.push(ns),
      onError: (_kind, _error, retryInMs) => errors.push(retryInMs),
      random: () => 0.1,
    });
    cache.start();
    await cache.whenSynced();
    // The initial list delivers every object as an add; only what follows is a change.
    changes.length = 0;
    return changes;
  }

  it('lists every page and starts the list over when a continue token expires', async () => {
    api = await startFakeKubeApi();
    api.seed(['a', 'b', 'c', 'd', 'e'].map((name) => cm(name)));
    api.expireNextContinue(1);
    await start();
    expect(
      cache
        .objects('*')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    const lists = api.requests.filter(
      (r) => r.url.startsWith('/api/v1/configmaps?') && !r.url.includes('watch=true'),
    );
    expect(lists.filter((r) => !r.url.includes('continue=')).length).toBe(2);
  });

  it('follows ADDED, MODIFIED and DELETED and moves its resourceVersion on a BOOKMARK', async () => {
    api = await startFakeKubeApi();
    api.seed([cm('a')]);
    const changes = await start();
    api.apply(cm('b'));
    api.apply({ ...cm('a'), data: { v: 'edited' } });
    api.remove('v1', 'ConfigMap', 'default', 'b');
    await eventually(() => changes.length === 3, 'three changes');
    expect(cache.objects('default').map((o) => JSON.parse(o.json!).properties.data)).toEqual([
      { v: 'edited' },
    ]);
    api.bookmark();
    api.compact();
    // Resumed after the bookmark's resourceVersion, which the compaction made too old: 410, then a relist.
    api.apply(cm('c'));
    await eventually(() => cache.objects('*').length === 2, 'the relist');
    expect(
      cache
        .objects('*')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['a', 'c']);
  });

  it('drops controller-owned objects at the source: not cached, not a change', async () => {
    api = await startFakeKubeApi();
    api.seed([
      cm('mine'),
      cm('owned', {
        ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: true }],
      }),
    ]);
    const changes = await start();
    expect(cache.objects('*').map((o) => o.metadata.name)).toEqual(['mine']);
    api.apply(
      cm('owned2', {
        ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: true }],
      }),
    );
    api.apply(cm('plain'));
    await eventually(() => changes.length >= 1, 'a change');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes).toEqual(['default']);
  });

  it('holds each object serialized, not parsed, and reports one that stops being controller-owned', async () => {
    api = await startFakeKubeApi();
    const owner = [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: true }];
    api.seed([cm('a'), cm('owned', { ownerReferences: owner })]);
    const changes = await start();
    const [entry] = cache.objects('*');
    expect(Object.keys(entry!).sort()).toEqual(['json', 'metadata', 'reportable', 'sortKey']);
    expect(Object.keys(entry!.metadata).sort()).toEqual(['name', 'namespace', 'resourceVersion', 'uid']);
    expect(JSON.parse(entry!.json!).properties.data).toEqual({ v: 'a' });
    api.apply(cm('owned'));
    await eventually(() => changes.length === 1, 'the change');
    expect(
      cache
        .objects('*')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['a', 'owned']);
  });

  it('retries a failing list with a growing, jittered delay until it syncs', async () => {
    api = await startFakeKubeApi();
    api.seed([cm('a')]);
    api.failNext(2);
    const errors: number[] = [];
    await start([], errors);
    // backoffDelay with random 0.1: 0.1 × 1000, then 0.1 × 2000.
    expect(errors).toEqual([100, 200]);
    expect(cache.objects('*').map((o) => o.metadata.name)).toEqual(['a']);
  });
});

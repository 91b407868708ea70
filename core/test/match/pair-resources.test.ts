import { describe, expect, it } from 'vitest';
import { pairResources } from '../../src/match/pair-resources.ts';
import { iacOf, liveOf } from './builders.ts';

const object = {};

describe('pairResources', () => {
  it('pairs by canonical ID', () => {
    const live = liveOf({ kind: 'configmap', name: 'a', object });
    const iac = iacOf({ kind: 'configmap', name: 'a', declared: {} });
    expect(pairResources([live], [iac]).pairs).toEqual([{ iac, live }]);
  });

  it('lets the UID decide when the IDs differ', () => {
    const live = liveOf({ kind: 'deployment', name: 'api-v2', uid: 'u-1', object });
    const byName = liveOf({ kind: 'deployment', name: 'api', uid: 'u-9', object });
    const iac = iacOf({ kind: 'deployment', name: 'api', uid: 'u-1', declared: {} });
    const result = pairResources([byName, live], [iac]);
    expect(result.pairs).toEqual([{ iac, live }]);
    expect(result.unpairedLive).toEqual([byName]);
  });

  it('pairs by ID when the UIDs differ but nothing else carries the IaC UID', () => {
    const live = liveOf({ kind: 'deployment', name: 'api', uid: 'recreated', object });
    const iac = iacOf({ kind: 'deployment', name: 'api', uid: 'original', declared: {} });
    expect(pairResources([live], [iac]).pairs).toEqual([{ iac, live }]);
  });

  it('does not pair by ID a live object that its UID gave to another IaC resource', () => {
    const live = liveOf({ kind: 'deployment', name: 'api', uid: 'u-1', object });
    const renamed = iacOf({ kind: 'deployment', name: 'api-old', uid: 'u-1', declared: {} });
    const sameId = iacOf({ kind: 'deployment', name: 'api', uid: 'u-2', declared: {} });
    const result = pairResources([live], [sameId, renamed]);
    expect(result.pairs).toEqual([{ iac: renamed, live }]);
    expect(result.unpairedIac).toEqual([sameId]);
  });

  it('gives the same answer whatever the input order', () => {
    const live = ['c', 'a', 'b'].map((name) => liveOf({ kind: 'configmap', name, object }));
    const iac = ['b', 'd', 'a'].map((name) => iacOf({ kind: 'configmap', name, declared: {} }));
    expect(pairResources([...live].reverse(), [...iac].reverse())).toEqual(pairResources(live, iac));
  });
});

import { describe, expect, it } from 'vitest';
import { hpaTargets } from '../../src/match/hpa-targets.ts';
import { liveOf } from './builders.ts';

describe('hpaTargets', () => {
  it('names the workload an HPA scales, in the HPA namespace', () => {
    const hpa = liveOf({
      kind: 'horizontalpodautoscaler',
      namespace: 'shop',
      name: 'api',
      object: { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' } } },
    });
    expect([...hpaTargets([hpa])]).toEqual(['k8s/statefulset/shop/db']);
  });

  it('ignores objects that are not HPAs', () => {
    const other = liveOf({
      kind: 'deployment',
      name: 'api',
      object: { spec: { scaleTargetRef: { kind: 'Deployment', name: 'api' } } },
    });
    expect([...hpaTargets([other])]).toEqual([]);
  });
});

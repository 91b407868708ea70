import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/json.ts';
import type { PathSegment } from '../../src/match/change-path.ts';
import { isServerDefault } from '../../src/match/server-default.ts';

const keys = (...path: string[]): PathSegment[] => path.map((key) => ({ key }));
const container = (image: string): JsonObject => ({ spec: { containers: [{ name: 'api', image }] } });
const inContainer = (key: string): PathSegment[] => [
  { key: 'spec' },
  { key: 'containers' },
  { name: 'api' },
  { key },
];

describe('isServerDefault', () => {
  it.each<[string, PathSegment[], JsonValue, boolean]>([
    ['service', keys('spec', 'externalTrafficPolicy'), 'Cluster', true],
    ['service', keys('spec', 'externalTrafficPolicy'), 'Local', false],
    ['service', keys('spec', 'clusterIP'), '10.0.0.1', true],
    ['service', keys('spec', 'type'), 'ClusterIP', true],
    ['service', keys('spec', 'type'), 'NodePort', false],
    ['deployment', keys('spec', 'strategy', 'type'), 'RollingUpdate', true],
    ['deployment', keys('spec', 'strategy', 'type'), 'Recreate', false],
    ['secret', keys('type'), 'Opaque', true],
    ['deployment', keys('spec', 'revisionHistoryLimit'), 10, true],
    ['deployment', keys('spec', 'revisionHistoryLimit'), 3, false],
    ['cronjob', keys('spec', 'concurrencyPolicy'), 'Allow', true],
    ['cronjob', keys('spec', 'concurrencyPolicy'), 'Forbid', false],
  ])('%s %j = %j: %s', (kind, segments, value, expected) => {
    expect(isServerDefault(kind, segments, value, {})).toBe(expected);
  });

  it('takes a targetPort equal to its port for the default', () => {
    const root = { spec: { ports: [{ port: 80, targetPort: 80 }] } };
    const at: PathSegment[] = [{ key: 'spec' }, { key: 'ports' }, { index: 0 }, { key: 'targetPort' }];
    expect([isServerDefault('service', at, 80, root), isServerDefault('service', at, 8080, root)]).toEqual([
      true,
      false,
    ]);
  });

  it('takes the imagePullPolicy the image tag implies for the default', () => {
    expect(isServerDefault('pod', inContainer('imagePullPolicy'), 'IfNotPresent', container('api:2.1'))).toBe(
      true,
    );
    expect(isServerDefault('pod', inContainer('imagePullPolicy'), 'Always', container('api:latest'))).toBe(
      true,
    );
    expect(isServerDefault('pod', inContainer('imagePullPolicy'), 'Always', container('api:2.1'))).toBe(
      false,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/json.ts';
import type { PathSegment } from '../../src/match/change-path.ts';
import { changeSeverity, highestSeverity, resourceSeverity } from '../../src/match/severity.ts';
import type { Severity } from '../../src/model.ts';

/** Path segments from a change path (`a.b[name].c`, `x[0]`), for readable tables. */
function segments(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    const [key = '', ...items] = part.split('[');
    out.push({ key });
    for (const item of items) {
      const inner = item.slice(0, -1);
      out.push(/^\d+$/.test(inner) ? { index: Number(inner) } : { name: inner });
    }
  }
  return out;
}

const POD = 'spec.template.spec';

describe('changeSeverity', () => {
  it.each<[string, string, JsonValue, JsonValue, Severity]>([
    ['deployment', 'spec.replicas', 2, 4, 'low'],
    ['deployment', 'metadata.labels.team', null, 'core', 'low'],
    ['deployment', 'spec.template.metadata.annotations.owner', 'a', 'b', 'low'],
    ['deployment', `${POD}.containers[api].image`, 'api:1', 'api:2', 'medium'],
    ['deployment', `${POD}.containers[api].env[TRACE]`, null, { name: 'TRACE', value: '1' }, 'medium'],
    ['configmap', 'data.MAX', '24', '40', 'medium'],
    ['cronjob', 'spec.schedule', '15 3 * * *', '*/20 * * * *', 'medium'],
    ['deployment', `${POD}.containers[api].securityContext.privileged`, false, true, 'critical'],
    ['deployment', `${POD}.containers[api].securityContext.privileged`, true, false, 'high'],
    ['deployment', `${POD}.containers[api].securityContext.allowPrivilegeEscalation`, false, true, 'high'],
    ['deployment', `${POD}.containers[api].securityContext.readOnlyRootFilesystem`, true, false, 'high'],
    ['deployment', `${POD}.containers[api].securityContext.runAsNonRoot`, true, false, 'high'],
    ['deployment', `${POD}.securityContext.runAsUser`, 10001, 0, 'high'],
    ['deployment', `${POD}.hostNetwork`, false, true, 'high'],
    ['deployment', `${POD}.hostIPC`, false, true, 'high'],
    ['deployment', `${POD}.hostPID`, false, true, 'critical'],
    ['deployment', `${POD}.containers[api].securityContext.capabilities.add[0]`, null, 'NET_ADMIN', 'high'],
    [
      'deployment',
      `${POD}.containers[api].securityContext.capabilities.add[0]`,
      null,
      'SYS_ADMIN',
      'critical',
    ],
    ['deployment', `${POD}.volumes[logs].hostPath.path`, '/var/log/app', '/', 'high'],
    ['deployment', `${POD}.volumes[root]`, null, { name: 'root', hostPath: { path: '/' } }, 'high'],
    ['deployment', `${POD}.containers[miner]`, null, { name: 'miner', image: 'x' }, 'high'],
    [
      'deployment',
      `${POD}.containers[miner]`,
      null,
      { name: 'miner', securityContext: { privileged: true } },
      'critical',
    ],
    ['role', 'rules[0].verbs[1]', null, 'delete', 'high'],
    ['clusterrole', 'rules[0].resources[0]', 'pods', '*', 'critical'],
    ['rolebinding', 'subjects[0].name', 'ci', 'everyone', 'high'],
    ['clusterrolebinding', 'roleRef.name', 'view', 'cluster-admin', 'critical'],
    ['networkpolicy', 'spec.ingress[0].from[0].podSelector.matchLabels.app', 'web', 'any', 'high'],
    ['service', 'spec.type', 'ClusterIP', 'LoadBalancer', 'high'],
    ['service', 'spec.type', 'ClusterIP', 'NodePort', 'high'],
    ['service', 'spec.externalIPs[0]', null, '203.0.113.7', 'high'],
    ['service', 'spec.ports[http].port', 80, 8080, 'medium'],
    ['ingress', 'spec.rules[0].host', 'shop.example.org', 'admin.example.org', 'high'],
    ['ingress', 'spec.tls[0].secretName', 'shop-tls', 'other-tls', 'high'],
  ])('rates a %s change at %s (%j → %j) %s', (kind, path, iac, live, expected) => {
    expect(changeSeverity({ kind, segments: segments(path), iac, live })).toBe(expected);
  });

  it('ranks a relaxed Pod Security label of a Namespace high, and another label low', () => {
    const label = (key: string): PathSegment[] => [{ key: 'metadata' }, { key: 'labels' }, { key }];
    const rate = (key: string) =>
      changeSeverity({ kind: 'namespace', segments: label(key), iac: 'restricted', live: 'privileged' });
    expect(rate('pod-security.kubernetes.io/enforce')).toBe('high');
    expect(rate('team')).toBe('low');
  });
});

describe('resourceSeverity', () => {
  const pod = (spec: JsonValue) => ({ spec: { template: { spec } } });

  it.each<[string, 'missing' | 'extra', JsonValue, Severity]>([
    ['deployment', 'missing', {}, 'medium'],
    ['deployment', 'extra', pod({ containers: [{ name: 'a', image: 'a' }] }), 'medium'],
    ['configmap', 'extra', {}, 'medium'],
    ['service', 'missing', {}, 'medium'],
    ['role', 'missing', {}, 'high'],
    ['clusterrolebinding', 'extra', { roleRef: { name: 'view' } }, 'high'],
    ['networkpolicy', 'missing', {}, 'high'],
    ['deployment', 'extra', pod({ hostNetwork: true, containers: [] }), 'high'],
    [
      'daemonset',
      'extra',
      pod({ containers: [{ name: 'a', securityContext: { privileged: true } }] }),
      'critical',
    ],
    ['pod', 'extra', { spec: { hostPID: true } }, 'critical'],
    ['deployment', 'extra', pod({ volumes: [{ name: 'root', hostPath: { path: '/' } }] }), 'high'],
    ['clusterrole', 'extra', { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }, 'critical'],
    ['clusterrolebinding', 'extra', { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }, 'critical'],
    ['service', 'extra', { spec: { type: 'LoadBalancer' } }, 'high'],
    ['ingress', 'extra', { spec: {} }, 'high'],
    [
      'daemonset',
      'missing',
      pod({ containers: [{ name: 'a', securityContext: { privileged: true } }] }),
      'medium',
    ],
  ])('rates a %s that is %s as %j → %s', (kind, status, object, expected) => {
    expect(resourceSeverity({ kind, status, object })).toBe(expected);
  });
});

describe('highestSeverity', () => {
  it('returns the highest severity', () => {
    expect(highestSeverity(['low', 'critical', 'medium'])).toBe('critical');
  });

  it('returns the fallback when there is none', () => {
    expect(highestSeverity([], 'medium')).toBe('medium');
  });
});

import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/ignore/compile-glob.ts';

describe('compileGlob', () => {
  it.each([
    ['k8s/*/kube-system/*', 'k8s/deployment/kube-system/coredns', true],
    ['k8s/*/kube-system/*', 'k8s/clusterrole/kube-system', false],
    ['k8s/deployment/*', 'k8s/deployment/shop/api', false],
    ['k8s/deployment/**', 'k8s/deployment/shop/api', true],
    ['k8s/*/shop/api-*', 'k8s/service/shop/api-v2', true],
    ['k8s/configmap/shop/a.b', 'k8s/configmap/shop/aXb', false],
  ])('resource glob %s against %s is %s', (glob, id, expected) => {
    expect(compileGlob(glob, 'resource')(id)).toBe(expected);
  });

  it.each([
    ['spec.replicas', 'spec.replicas', true],
    ['spec.replicas', 'spec.replicasX', false],
    ['metadata.labels', 'metadata.labels.team', true],
    ['spec.*', 'spec.replicas', true],
    ['spec.*', 'spec.template.spec.hostNetwork', true],
    ['*.replicas', 'spec.template.replicas', false],
    ['**.image', 'spec.template.spec.containers[api].image', true],
    ['spec.template.spec.containers[api].image', 'spec.template.spec.containers[api].image', true],
    ['spec.template.spec.containers[*].image', 'spec.template.spec.containers[api].image', true],
    ['spec.template.spec.containers[*].env[*]', 'spec.template.spec.containers[api].env[my.var]', true],
    ['spec.template.spec.containers[api]', 'spec.template.spec.containers[api].image', true],
    ['spec.template.spec.containers[a]', 'spec.template.spec.containers[api]', false],
    ['spec.ports[0]', 'spec.ports[0].port', true],
    ['data.*', 'data.app.toml', true],
    ['data.app', 'data.app.toml', true],
    ['data.[ab]', 'data.a', false],
    ['data.[ab]', 'data.[ab]', true],
  ])('path glob %s against %s is %s', (glob, path, expected) => {
    expect(compileGlob(glob, 'path')(path)).toBe(expected);
  });

  it('matches a glob with many wildcards against a long non-matching ID in linear time', () => {
    const glob = `k8s/${'*a'.repeat(12)}*b`;
    const id = `k8s/${'a'.repeat(5000)}`;
    expect(compileGlob(glob, 'resource')(id)).toBe(false);
  });
});

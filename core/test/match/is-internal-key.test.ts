import { describe, expect, it } from 'vitest';
import { isInternalKey } from '../../src/match/is-internal-key.ts';

describe('isInternalKey', () => {
  it.each([
    'deployment.kubernetes.io/revision',
    'kubectl.kubernetes.io/last-applied-configuration',
    'kubernetes.io/change-cause',
    'node.kubernetes.io/exclude-from-external-load-balancers',
    'deprecated.daemonset.template.generation',
  ])('is true for the controller-written key %s', (key) => {
    expect(isInternalKey(key)).toBe(true);
  });

  it.each([
    'app.kubernetes.io/name',
    'service.beta.kubernetes.io/aws-load-balancer-type',
    'app',
    'example.org/owner',
    'kubernetes.io.example.org/owner',
  ])('is false for the user key %s', (key) => {
    expect(isInternalKey(key)).toBe(false);
  });
});

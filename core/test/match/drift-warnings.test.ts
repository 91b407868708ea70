import { describe, expect, it } from 'vitest';
import { driftWarnings, isKubernetesRelatedType } from '../../src/match/drift-warnings.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import { iacOf, liveOf } from './builders.ts';

const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code);

describe('driftWarnings', () => {
  it('warns empty_scope when the scope has no live and no IaC object', () => {
    const warnings = driftWarnings({ namespace: 'paymnets', liveInScope: 0, iacInScope: 0 });
    expect(codes(warnings)).toEqual(['empty_scope']);
    expect(warnings[0]?.message).toContain('namespace "paymnets"');
  });

  it('does not warn empty_scope when either side has an object', () => {
    expect(driftWarnings({ namespace: 'shop', liveInScope: 1, iacInScope: 0 })).toEqual([]);
    expect(driftWarnings({ namespace: 'shop', liveInScope: 0, iacInScope: 1 })).toEqual([]);
  });

  it('warns no_state_source when no state source applies', () => {
    expect(
      codes(driftWarnings({ namespace: 'shop', liveInScope: 1, iacInScope: 0, stateSources: [] })),
    ).toEqual(['no_state_source']);
  });

  it('says nothing about state sources when the caller does not know them', () => {
    expect(driftWarnings({ namespace: 'shop', liveInScope: 1, iacInScope: 0 })).toEqual([]);
  });

  it('lists the Kubernetes-related types the reader skipped, summed over the sources, with counts', () => {
    const warnings = driftWarnings({
      namespace: 'shop',
      liveInScope: 1,
      iacInScope: 1,
      stateSources: [
        { name: 'a', skipped: { kubectl_manifest: 2, aws_s3_bucket: 4, kubernetes_persistent_volume_v1: 1 } },
        { name: 'b', skipped: { kubectl_manifest: 1 } },
      ],
    });
    expect(warnings).toEqual([
      {
        code: 'skipped_terraform_types',
        message:
          '4 Terraform resource instances of Kubernetes-related types are not read, so their objects are not compared: kubectl_manifest (3), kubernetes_persistent_volume_v1 (1).',
        types: [
          { type: 'kubectl_manifest', count: 3 },
          { type: 'kubernetes_persistent_volume_v1', count: 1 },
        ],
      },
    ]);
  });

  it('does not warn about other providers’ types', () => {
    const stateSources = [{ name: 'a', skipped: { aws_s3_bucket: 4, random_id: 1 } }];
    expect(driftWarnings({ namespace: 'shop', liveInScope: 1, iacInScope: 1, stateSources })).toEqual([]);
  });
});

describe('isKubernetesRelatedType', () => {
  it.each([
    'kubernetes_persistent_volume',
    'kubectl_manifest',
    'helm_release',
    'k8s_manifest',
    'kustomization_resource',
  ])('takes %s for Kubernetes-related', (type) => {
    expect(isKubernetesRelatedType(type)).toBe(true);
  });

  it.each(['aws_eks_cluster', 'google_container_cluster', 'null_resource'])(
    'takes %s for another provider',
    (type) => {
      expect(isKubernetesRelatedType(type)).toBe(false);
    },
  );
});

describe('matchDrift: warnings', () => {
  it('warns empty_scope for a mistyped namespace though objects exist elsewhere', () => {
    const result = matchDrift({
      live: [liveOf({ kind: 'configmap', name: 'a', object: {} })],
      iac: [iacOf({ kind: 'configmap', name: 'a', declared: {} })],
      namespace: 'shpo',
    });
    expect(codes(result.warnings)).toEqual(['empty_scope']);
  });

  it('passes the state sources on for no_state_source', () => {
    const result = matchDrift({
      live: [liveOf({ kind: 'configmap', name: 'a', object: {} })],
      iac: [],
      namespace: 'shop',
      stateSources: [],
    });
    expect(codes(result.warnings)).toEqual(['no_state_source']);
  });
});

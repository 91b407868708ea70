import { secretHasher, textBytes } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import { toReportResource } from '../src/to-report-resource.ts';

const hasher = secretHasher(new Uint8Array(32).fill(7), 'k1test');

describe('toReportResource', () => {
  it('sends every Secret value as its keyed hash of the decoded bytes', () => {
    const secret = {
      metadata: { name: 'db', namespace: 'payments', uid: 'u1' },
      type: 'Opaque',
      data: { password: btoa('hunter2') },
    };
    const resource = toReportResource(secret, { kind: 'Secret', apiVersion: 'v1', hasher });
    expect(resource.properties.data).toEqual({ password: hasher(textBytes('hunter2')) });
    expect(JSON.stringify(resource)).not.toContain(btoa('hunter2'));
  });

  it('refuses a Secret without a hasher rather than send raw values', () => {
    expect(() =>
      toReportResource(
        { metadata: { name: 's' }, data: { a: 'YQ==' } },
        { kind: 'Secret', apiVersion: 'v1' },
      ),
    ).toThrow(/raw values never leave the cluster/);
  });

  it('drops status, resourceVersion and status managedFields, and keeps the rest of the object', () => {
    const resource = toReportResource(
      {
        metadata: {
          name: 'api',
          namespace: 'payments',
          uid: 'u2',
          resourceVersion: '42',
          labels: { app: 'api' },
          managedFields: [
            { manager: 'kubectl', operation: 'Update' },
            { manager: 'kube-controller-manager', subresource: 'status' },
          ],
        },
        spec: { replicas: 3 },
        status: { readyReplicas: 3 },
      },
      { kind: 'Deployment', apiVersion: 'apps/v1', region: 'eu-west-1' },
    );
    expect(resource).toEqual({
      id: 'u2',
      normalized_type: 'k8s/deployment',
      provider_type: 'deployment',
      provider: 'kubernetes',
      name: 'api',
      region: 'eu-west-1',
      tags: { app: 'api' },
      properties: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'api',
          namespace: 'payments',
          uid: 'u2',
          labels: { app: 'api' },
          managedFields: [{ manager: 'kubectl', operation: 'Update' }],
        },
        spec: { replicas: 3 },
      },
    });
  });
});

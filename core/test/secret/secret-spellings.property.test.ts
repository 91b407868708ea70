// Defect 1 (issue 7): a Secret whose kind is spelt `secret` or `SECRET` kept its values in clear. Every
// path that stores or returns an object is checked here with generated Secrets of every spelling and
// shape; the worker's tests (worker/test/secret-at-rest.test.ts, worker/test-node/) dump the stores too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSecretKind } from '../../src/k8s/is-secret-kind.ts';
import { toLiveResources } from '../../src/live/to-live-resources.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import { operatorReportRequestSchema } from '../../src/schema/operator-report.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { metadataBlock, stateFile, stateResource, typedInstance } from '../state/state-builder.ts';

const hasher = secretHasher('spellings', 'k1test');
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A kind spelling: every case of `secret`. */
const kindSpelling = fc
  .array(fc.boolean(), { minLength: 6, maxLength: 6 })
  .map((upper) => [...'secret'].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

/** A value long and marked enough that finding it (or its base64) anywhere means it leaked. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `SV${s}`);

const secretCase = fc.record({
  kind: kindSpelling,
  data: secretValue,
  stringData: secretValue,
  lastApplied: fc.boolean(),
});

type SecretCase = { kind: string; data: string; stringData: string; lastApplied: boolean };

function leaks(text: string, c: SecretCase): string[] {
  return [c.data, c.stringData, btoa(c.data), btoa(c.stringData)].filter((needle) => text.includes(needle));
}

function annotations(c: SecretCase): Record<string, string> {
  if (!c.lastApplied) return {};
  const plain = { kind: c.kind, data: { password: btoa(c.data) }, stringData: { token: c.stringData } };
  return { [LAST_APPLIED]: JSON.stringify(plain) };
}

function reportOf(c: SecretCase) {
  return operatorReportRequestSchema.parse({
    cluster_id: 'c',
    namespace: 'apps',
    resources: [
      {
        id: 'uid-db',
        normalized_type: 'k8s/secret',
        provider_type: 'secret',
        provider: 'kubernetes',
        name: 'db',
        properties: {
          kind: c.kind,
          metadata: { name: 'db', namespace: 'apps', annotations: annotations(c) },
          data: { password: btoa(c.data) },
          stringData: { token: c.stringData },
        },
      },
    ],
  });
}

function manifestState(c: SecretCase) {
  const manifest = {
    apiVersion: 'v1',
    kind: c.kind,
    metadata: { name: 'db', namespace: 'apps', annotations: annotations(c) },
    data: { password: btoa(c.data) },
    stringData: { token: c.stringData },
  };
  const object = { ...manifest, metadata: { ...manifest.metadata, uid: 'uid-db' } };
  return stateFile([
    stateResource('kubernetes_manifest', [
      typedInstance({ manifest: { value: manifest, type: ['object'] }, object }),
    ]),
  ]);
}

function typedState(c: SecretCase) {
  return stateFile([
    stateResource('kubernetes_secret_v1', [
      typedInstance({
        metadata: metadataBlock('db', 'apps', { annotations: annotations(c) }),
        data: { password: c.data, token: c.stringData },
        binary_data: { blob: btoa(c.data) },
        type: 'Opaque',
      }),
    ]),
  ]);
}

describe('isSecretKind', () => {
  it.each(['Secret', 'secret', 'SECRET', 'sEcReT', 'k8s/secret', 'K8S/Secret'])(
    'is true when the kind is %j',
    (kind) => {
      expect(isSecretKind(kind)).toBe(true);
    },
  );

  it.each(['SecretList', 'secrets', 'k8s/configmap', '', 'k8s/', 'sealedsecret'])(
    'is false when the kind is %j',
    (kind) => {
      expect(isSecretKind(kind)).toBe(false);
    },
  );

  it('is false when the kind is not a string', () => {
    expect([undefined, null, 1, {}].map(isSecretKind)).toEqual([false, false, false, false]);
  });
});

describe('Secret values of every spelling and shape', () => {
  it('never leave the report reader in clear when the kind has any case', () => {
    fc.assert(
      fc.property(secretCase, (c) => {
        const live = toLiveResources(reportOf(c), { secretHasher: hasher });
        expect(leaks(JSON.stringify(live), c)).toEqual([]);
      }),
    );
  });

  it('never leave the state reader in clear when a kubernetes_manifest spells the kind in any case', () => {
    fc.assert(
      fc.property(secretCase, (c) => {
        const read = readTerraformState(manifestState(c), { secretHasher: hasher });
        expect(read.resources).toHaveLength(1);
        expect(leaks(JSON.stringify(read), c)).toEqual([]);
      }),
    );
  });

  it('never leave the state reader in clear when a typed Secret carries them', () => {
    fc.assert(
      fc.property(secretCase, (c) => {
        const read = readTerraformState(typedState(c), { secretHasher: hasher });
        expect(leaks(JSON.stringify(read), c)).toEqual([]);
      }),
    );
  });

  it('never reach the drift in clear when both sides differ', () => {
    fc.assert(
      fc.property(secretCase, secretCase, (liveCase, iacCase) => {
        const live = toLiveResources(reportOf(liveCase), { secretHasher: hasher });
        const iac = readTerraformState(manifestState(iacCase), { secretHasher: hasher }).resources;
        const text = JSON.stringify(matchDrift({ live, iac, namespace: 'apps' }));
        expect([...leaks(text, liveCase), ...leaks(text, iacCase)]).toEqual([]);
        expect(text).not.toContain('hmac-sha256:');
      }),
    );
  });

  it('refuses a kubernetes_manifest whose object is a Secret when the manifest declares another kind', () => {
    const state = manifestState({
      kind: 'Secret',
      data: 'SVabcdefabcdef',
      stringData: 'SVx',
      lastApplied: false,
    });
    const instance = (
      state.resources as { instances: { attributes: { manifest: { value: { kind: string } } } }[] }[]
    )[0]!.instances[0]!;
    instance.attributes.manifest.value.kind = 'ConfigMap';
    expect(() => readTerraformState(state, { secretHasher: hasher })).toThrow(/unexpected shapes/);
  });
});

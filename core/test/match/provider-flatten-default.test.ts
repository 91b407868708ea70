import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import { PROVIDER_FLATTEN_DEFAULTS } from '../../src/match/provider-flatten-default.ts';
import { redactSecret } from '../../src/secret/redact-secret.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { clone, declaredDeployment, declaredService, iacOf, liveOf } from './builders.ts';

/** A declared object carrying one flatten default, and a setter for the same field of a copy. */
const FIXTURES: Record<
  string,
  { kind: string; declared: () => JsonObject; set: (o: JsonObject, v?: JsonValue) => void }
> = {
  mountPropagation: {
    kind: 'deployment',
    declared: () => {
      const object = declaredDeployment();
      const pod = (object.spec as JsonObject).template as JsonObject;
      const container = ((pod.spec as JsonObject).containers as JsonObject[])[0]!;
      container.volumeMounts = [
        { name: 'cfg', mountPath: '/etc/api', readOnly: true, subPath: '', mountPropagation: 'None' },
      ];
      return object;
    },
    set: (object, value) => {
      const pod = (object.spec as JsonObject).template as JsonObject;
      const mount = (
        ((pod.spec as JsonObject).containers as JsonObject[])[0]!.volumeMounts as JsonObject[]
      )[0]!;
      if (value === undefined) delete mount.mountPropagation;
      else mount.mountPropagation = value;
    },
  },
  allocateLoadBalancerNodePorts: {
    kind: 'service',
    declared: () => {
      const object = declaredService();
      (object.spec as JsonObject).type = 'LoadBalancer';
      (object.spec as JsonObject).allocateLoadBalancerNodePorts = true;
      return object;
    },
    set: (object, value) => {
      if (value === undefined) delete (object.spec as JsonObject).allocateLoadBalancerNodePorts;
      else (object.spec as JsonObject).allocateLoadBalancerNodePorts = value;
    },
  },
};

function changes(kind: string, declared: JsonObject, live: JsonObject) {
  const name = (declared.metadata as JsonObject).name as string;
  const result = matchDrift({
    live: [liveOf({ kind, name, object: live })],
    iac: [iacOf({ kind, name, declared })],
    namespace: 'shop',
  });
  return result.items.flatMap((item) => item.changes.map((change) => change.path));
}

describe('provider flatten defaults', () => {
  it('has a test fixture for every entry', () => {
    expect(PROVIDER_FLATTEN_DEFAULTS.map((entry) => entry.key).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(PROVIDER_FLATTEN_DEFAULTS)(
    '$key = $value declared equals an absent live field ($source)',
    (entry) => {
      const fixture = FIXTURES[entry.key]!;
      const declared = fixture.declared();
      const live = clone(declared);
      fixture.set(live, undefined);
      expect(changes(fixture.kind, declared, live)).toEqual([]);
    },
  );

  it.each(PROVIDER_FLATTEN_DEFAULTS)(
    '$key = $value declared against another live value is drift',
    (entry) => {
      const fixture = FIXTURES[entry.key]!;
      const declared = fixture.declared();
      const live = clone(declared);
      fixture.set(live, typeof entry.value === 'boolean' ? !entry.value : 'HostToContainer');
      expect(changes(fixture.kind, declared, live)).toHaveLength(1);
    },
  );

  it('keeps another declared value that the live object lacks as a removal', () => {
    const fixture = FIXTURES.mountPropagation!;
    const declared = fixture.declared();
    fixture.set(declared, 'Bidirectional');
    const live = clone(declared);
    fixture.set(live, undefined);
    expect(changes('deployment', declared, live)).toEqual([
      'spec.template.spec.containers[api].volumeMounts[cfg].mountPropagation',
    ]);
  });
});

describe('empty Secret and ConfigMap values', () => {
  const hash = secretHasher('empty-values', 'k1test');
  const meta = { name: 'creds', namespace: 'shop' };

  it.each([
    ['""', { A: '', B: 'eA==' }],
    ['null', { A: null, B: 'eA==' }],
    ['absent', { B: 'eA==' }],
  ])('an empty Secret value declared is in sync with %s live', (_, data) => {
    const declared = redactSecret({ kind: 'Secret', metadata: meta, data: { A: '', B: 'x' } }, hash, {
      data: 'plain',
    });
    const live = redactSecret({ kind: 'Secret', metadata: meta, data: data as JsonObject }, hash, {
      data: 'base64',
    });
    expect(changes('secret', declared, live)).toEqual([]);
  });

  it('an empty Secret value declared against a real live value is drift', () => {
    const declared = redactSecret({ kind: 'Secret', metadata: meta, data: { A: '' } }, hash, {
      data: 'plain',
    });
    const live = redactSecret({ kind: 'Secret', metadata: meta, data: { A: 'eA==' } }, hash, {
      data: 'base64',
    });
    expect(changes('secret', declared, live)).toEqual(['data.A']);
  });

  it.each([
    ['""', { A: '' }],
    ['null', { A: null }],
    ['absent', {}],
  ])('an empty ConfigMap value declared is in sync with %s live', (_, data) => {
    const declared = { kind: 'ConfigMap', metadata: meta, data: { A: '' } };
    expect(
      changes('configmap', declared, { kind: 'ConfigMap', metadata: meta, data: data as JsonObject }),
    ).toEqual([]);
  });
});

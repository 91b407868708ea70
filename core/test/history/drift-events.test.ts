import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical-json.ts';
import {
  applyDriftEvents,
  driftEvents,
  driftSnapshots,
  type EventItem,
} from '../../src/history/drift-events.ts';
import { driftFingerprint } from '../../src/history/drift-fingerprint.ts';

const item = (resource_id: string, changes: EventItem['changes'] = [], extra: Partial<EventItem> = {}) =>
  ({ status: 'changed', resource_id, severity: 'low', changes, ...extra }) as EventItem;

const replicas = (iac: number, live: number) => ({ path: 'spec.replicas', iac, live });

describe('driftEvents', () => {
  it('gives appeared for drift on a resource that had none', () => {
    const events = driftEvents([], [item('k8s/deployment/a/x', [replicas(2, 4)])]);
    expect(events).toEqual([
      {
        type: 'appeared',
        resource_id: 'k8s/deployment/a/x',
        status: 'changed',
        severity: 'low',
        changes: [replicas(2, 4)],
      },
    ]);
  });

  it('gives resolved with the last changes seen when the drift goes away', () => {
    const events = driftEvents([item('k8s/deployment/a/x', [replicas(2, 4)])], []);
    expect(events.map((event) => [event.type, event.changes])).toEqual([['resolved', [replicas(2, 4)]]]);
  });

  it('gives changed when a value moves on', () => {
    const events = driftEvents([item('r', [replicas(2, 4)])], [item('r', [replicas(2, 5)])]);
    expect(events.map((event) => event.type)).toEqual(['changed']);
  });

  it('gives changed when the status changes', () => {
    const events = driftEvents([item('r', [], { status: 'missing' })], [item('r', [replicas(2, 4)])]);
    expect(events.map((event) => [event.type, event.status])).toEqual([['changed', 'changed']]);
  });

  it('gives nothing when only who changed it or the order of changes differs', () => {
    const a = { path: 'a', iac: 1, live: 2, changed_by: { manager: 'kubectl' } };
    const b = { path: 'b', iac: { x: 1, y: 2 }, live: null };
    // A variable, not an inline literal: changes carry more than EventChange names (changed_by, severity).
    const byAnother = { ...a, changed_by: { manager: 'k9s' } };
    const events = driftEvents(
      [item('r', [a, b])],
      [item('r', [{ path: 'b', iac: { y: 2, x: 1 }, live: null }, byAnother])],
    );
    expect(events).toEqual([]);
  });

  it('treats ignored items as absent', () => {
    const events = driftEvents(
      [item('r', [replicas(2, 4)])],
      [item('r', [replicas(2, 4)], { ignored: true })],
    );
    expect(events.map((event) => event.type)).toEqual(['resolved']);
  });

  it('orders events by resource id', () => {
    const events = driftEvents([item('c')], [item('b'), item('a')]);
    expect(events.map((event) => event.resource_id)).toEqual(['a', 'b', 'c']);
  });
});

const changeArb = fc.record({
  path: fc.constantFrom('spec.replicas', 'data.A', 'spec.template.spec.containers[api].image'),
  iac: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null)),
  live: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('x')),
});
const itemArb = fc.record({
  status: fc.constantFrom('missing', 'extra', 'changed'),
  resource_id: fc.constantFrom('k8s/a', 'k8s/b', 'k8s/c', 'k8s/d'),
  severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
  changes: fc.uniqueArray(changeArb, { selector: (change) => change.path, maxLength: 3 }),
  ignored: fc.boolean(),
}) as fc.Arbitrary<EventItem>;
const scanArb = fc.uniqueArray(itemArb, { selector: (i) => i.resource_id, maxLength: 4 });

describe('driftEvents and applyDriftEvents', () => {
  it('replaying the events of two scans over the first gives the second', () => {
    fc.assert(
      fc.property(scanArb, scanArb, (a, b) => {
        expect(applyDriftEvents(a, driftEvents(a, b))).toEqual(driftSnapshots(b));
      }),
    );
  });

  it('compose over a sequence of scans: replaying every step over the first gives the last', () => {
    fc.assert(
      fc.property(fc.array(scanArb, { minLength: 1, maxLength: 6 }), (scans) => {
        let state = driftSnapshots(scans[0]!);
        for (let index = 1; index < scans.length; index += 1) {
          state = applyDriftEvents(state, driftEvents(scans[index - 1]!, scans[index]!));
        }
        expect(state).toEqual(driftSnapshots(scans.at(-1)!));
      }),
    );
  });

  it('give no events between a scan and itself', () => {
    fc.assert(
      fc.property(scanArb, (a) => {
        expect(driftEvents(a, a)).toEqual([]);
      }),
    );
  });
});

describe('driftFingerprint', () => {
  it('is equal for the same status, resource and changes in any order and key order', () => {
    const a = item('r', [replicas(2, 4), { path: 'data', iac: { a: 1, b: 2 }, live: null }]);
    const b = item('r', [{ path: 'data', iac: { b: 2, a: 1 }, live: null }, replicas(2, 4)], {
      severity: 'high',
    });
    expect(driftFingerprint(a)).toBe(driftFingerprint(b));
  });

  it.each([
    ['a value', item('r', [replicas(2, 5)])],
    ['the status', item('r', [replicas(2, 4)], { status: 'extra' })],
    ['the resource', item('s', [replicas(2, 4)])],
    ['an added change', item('r', [replicas(2, 4), { path: 'x', iac: null, live: 1 }])],
  ])('differs when %s differs', (_, other) => {
    expect(driftFingerprint(other)).not.toBe(driftFingerprint(item('r', [replicas(2, 4)])));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('equals a recursive writer with sorted keys, and parses back to the value', () => {
    const reference = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(reference).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as never);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes a value nested 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(canonicalJson(deep as never)).toHaveLength(200_001);
  });
});

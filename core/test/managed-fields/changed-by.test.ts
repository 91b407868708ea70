import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { changedBy } from '../../src/managed-fields/changed-by.ts';
import { managedFieldsEntries } from '../../src/managed-fields/managed-fields-entries.ts';
import type { PathSegment } from '../../src/match/change-path.ts';

function entry(
  manager: string,
  time: string | undefined,
  fieldsV1: JsonObject,
  extra: JsonObject = {},
): JsonObject {
  return {
    manager,
    operation: 'Update',
    apiVersion: 'apps/v1',
    ...(time ? { time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...extra,
  };
}

function object(managedFields: JsonObject[], rest: JsonObject = {}): JsonObject {
  return { metadata: { name: 'api', managedFields }, ...rest };
}

const spec = (key: string): PathSegment[] => [{ key: 'spec' }, { key }];
const by = (o: JsonObject, segments: PathSegment[]) => changedBy(managedFieldsEntries(o), o, segments);

const deployment = (managedFields: JsonObject[]) =>
  object(managedFields, {
    spec: {
      replicas: 4,
      template: {
        spec: {
          containers: [
            {
              name: 'api',
              image: 'api:2',
              env: [{ name: 'TRACE', value: '1' }],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
              args: ['--a', '--b'],
            },
          ],
        },
      },
    },
  });

const containerPath = (...rest: PathSegment[]): PathSegment[] => [
  { key: 'spec' },
  { key: 'template' },
  { key: 'spec' },
  { key: 'containers' },
  { name: 'api' },
  ...rest,
];

const containerFields = (inner: JsonObject): JsonObject => ({
  'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"api"}': inner } } } },
});

describe('changedBy', () => {
  it('names the entry that owns a leaf field, with its subresource', () => {
    const o = deployment([
      entry('HashiCorp', '2025-01-01T00:00:00Z', { 'f:spec': { 'f:template': {} } }),
      entry('kubectl', '2025-04-22T09:14:03Z', { 'f:spec': { 'f:replicas': {} } }, { subresource: 'scale' }),
    ]);
    expect(by(o, spec('replicas'))).toEqual({
      manager: 'kubectl',
      operation: 'Update',
      subresource: 'scale',
      time: '2025-04-22T09:14:03Z',
    });
  });

  it('gives subresource null when the entry has none', () => {
    const o = deployment([entry('kubectl-edit', '2025-04-22T09:14:03Z', { 'f:spec': { 'f:replicas': {} } })]);
    expect(by(o, spec('replicas'))?.subresource).toBeNull();
  });

  it('picks the newest of several owning entries', () => {
    const o = deployment([
      entry('b-newer', '2025-05-01T00:00:00Z', { 'f:spec': { 'f:replicas': {} } }),
      entry('a-older', '2025-04-01T00:00:00Z', { 'f:spec': { 'f:replicas': {} } }),
    ]);
    expect(by(o, spec('replicas'))?.manager).toBe('b-newer');
  });

  it('compares times as instants, not as text', () => {
    const o = deployment([
      entry('utc', '2025-05-01T10:00:00Z', { 'f:spec': { 'f:replicas': {} } }),
      entry('offset', '2025-05-01T11:30:00+02:00', { 'f:spec': { 'f:replicas': {} } }),
    ]);
    expect(by(o, spec('replicas'))?.manager).toBe('utc');
  });

  it('picks the later entry in the list when times are equal', () => {
    const o = deployment([
      entry('first', '2025-05-01T00:00:00Z', { 'f:spec': { 'f:replicas': {} } }),
      entry('second', '2025-05-01T00:00:00Z', { 'f:spec': { 'f:replicas': {} } }),
    ]);
    expect(by(o, spec('replicas'))?.manager).toBe('second');
  });

  it('is null when no entry covers the path', () => {
    const o = deployment([entry('HashiCorp', '2025-01-01T00:00:00Z', { 'f:metadata': { 'f:labels': {} } })]);
    expect(by(o, spec('replicas'))).toBeNull();
  });

  it('is null when the object has no managedFields', () => {
    const o: JsonObject = { metadata: { name: 'api' }, spec: { replicas: 2 } };
    expect(by(o, spec('replicas'))).toBeNull();
  });

  it('finds a named container and env var through their k:{"name"} keys', () => {
    const o = deployment([
      entry(
        'kubectl-set',
        '2025-04-22T10:02:37Z',
        containerFields({ 'f:env': { 'k:{"name":"TRACE"}': { '.': {}, 'f:name': {}, 'f:value': {} } } }),
      ),
    ]);
    expect(by(o, containerPath({ key: 'env' }, { name: 'TRACE' }))?.manager).toBe('kubectl-set');
  });

  it('finds a container port by its containerPort and protocol key though the path names it', () => {
    const o = deployment([
      entry(
        'kubectl-edit',
        '2025-04-22T10:02:37Z',
        containerFields({ 'f:ports': { 'k:{"containerPort":8080,"protocol":"TCP"}': { 'f:name': {} } } }),
      ),
    ]);
    expect(by(o, containerPath({ key: 'ports' }, { name: 'http' }, { key: 'name' }))?.manager).toBe(
      'kubectl-edit',
    );
  });

  it('finds a volume mount by its mountPath key', () => {
    const o = deployment([
      entry(
        'kubectl-edit',
        '2025-04-22T10:02:37Z',
        containerFields({
          'f:volumeMounts': { 'k:{"mountPath":"/data"}': { '.': {}, 'f:name': {}, 'f:mountPath': {} } },
        }),
      ),
    ]);
    expect(by(o, containerPath({ key: 'volumeMounts' }, { name: 'data' }))?.manager).toBe('kubectl-edit');
  });

  it('credits an atomic list owner with an item below it', () => {
    const o = deployment([entry('kubectl-edit', '2025-04-22T10:02:37Z', containerFields({ 'f:args': {} }))]);
    expect(by(o, containerPath({ key: 'args' }, { index: 1 }))?.manager).toBe('kubectl-edit');
  });

  it('finds an item of a set by its v: value', () => {
    const o = object([
      entry('kubectl-patch', '2025-04-22T10:02:37Z', {
        'f:metadata': { 'f:finalizers': { 'v:"example.com/keep"': {} } },
      }),
    ]);
    (o.metadata as JsonObject).finalizers = ['example.com/keep'];
    expect(by(o, [{ key: 'metadata' }, { key: 'finalizers' }, { index: 0 }])?.manager).toBe('kubectl-patch');
  });

  it('finds an item by its i: index when the list has no keys', () => {
    const o = object(
      [entry('kubectl-edit', '2025-04-22T10:02:37Z', { 'f:spec': { 'f:items': { 'i:1': { 'f:x': {} } } } })],
      {
        spec: { items: [{ x: 1 }, { x: 2 }] },
      },
    );
    expect(by(o, [{ key: 'spec' }, { key: 'items' }, { index: 1 }, { key: 'x' }])?.manager).toBe(
      'kubectl-edit',
    );
  });

  it('does not credit an entry that owns only a sibling field', () => {
    const o = deployment([entry('kubectl-set', '2025-04-22T10:02:37Z', containerFields({ 'f:image': {} }))]);
    expect(by(o, containerPath({ key: 'args' }))).toBeNull();
  });

  it('gives time null for an entry without one', () => {
    const o = deployment([entry('kubectl', undefined, { 'f:spec': { 'f:replicas': {} } })]);
    expect(by(o, spec('replicas'))).toEqual({
      manager: 'kubectl',
      operation: 'Update',
      subresource: null,
      time: null,
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { toLiveResources } from '../../src/live/to-live-resources.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { DriftResult } from '../../src/model.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { terraformKind, terraformTypes } from '../../src/state/terraform-kinds.ts';
import { applyServerDefaults } from '../support/api-server-defaults.ts';
import { blockArb, expand, flatten, leaves } from '../support/provider-apply.ts';
import { KIND_SCHEMAS, type KindSchema } from '../support/typed-schemas.ts';
import { stateFile, stateResource, typedInstance } from './state-builder.ts';

// Issue 11, section 5: for every typed kind the reader knows, a random valid configuration applied the way
// the provider applies it (expand → the API server's defaults → flatten on refresh) is in sync, and one
// hand edit of any declared field of the live object is exactly one change at that field's path.

// PROPERTY_RUNS raises the runs per type for a deeper search (1,000 pass); the timeout grows with it.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) };
const TIMEOUT = Math.max(5_000, RUNS.numRuns * 40);
const hash = secretHasher('typed-kinds-property', 'k1prop');
const UID = '0b7c9f4e-0000-4000-8000-000000000001';

/**
 * Typed resource types of the name table that these properties do not generate, each with the reason
 * (none today). A type missing from both this list and KIND_SCHEMAS fails the coverage test below.
 */
const NOT_MODELLED: Readonly<Record<string, string>> = {};

const INTERNAL = new Set(['deployment.kubernetes.io/revision', 'kubernetes.io/metadata.name']);
const JOB_LABELS = new Set([
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'job-name',
]);
const ADMISSION_TOLERATIONS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

const clone = <T>(value: T): T => structuredClone(value);
const first = (value: unknown) => (value as JsonObject[])[0]!;

function withoutKeys(map: unknown, keys: ReadonlySet<string>): JsonObject {
  return Object.fromEntries(Object.entries(map as JsonObject).filter(([key]) => !keys.has(key)));
}

/** What the provider's Read does beyond flatten: the keys it strips from the refreshed state. */
function afterRefresh(type: string, schema: KindSchema, state: JsonObject): JsonObject {
  const metadata = first(state.metadata);
  // flattenMetadata → removeInternalKeys: keys with a kubernetes.io host that the configuration lacks.
  metadata.labels = withoutKeys(metadata.labels, INTERNAL);
  metadata.annotations = withoutKeys(metadata.annotations, INTERNAL);
  if (schema.kind === 'job') {
    // flattenJobV1Spec → removeGeneratedLabels on the template.
    const templateMetadata = first(first(first(state.spec).template).metadata);
    templateMetadata.labels = withoutKeys(templateMetadata.labels, JOB_LABELS);
  }
  if (schema.kind === 'pod') {
    // flattenTolerations leaves out the tolerations the DefaultTolerationSeconds plugin adds.
    const spec = first(state.spec);
    spec.toleration = (spec.toleration as JsonObject[]).filter(
      (t) => !ADMISSION_TOLERATIONS.has(t.key as string),
    );
  }
  return { id: `${type}-id`, ...state };
}

interface Applied {
  type: string;
  /** The object as the API server stores it, in the provider's API version. */
  stored: JsonObject;
  /** The object as the operator reports it (the stored one, or its served version). */
  live: JsonObject;
  /** The typed state after the provider's refresh. */
  attributes: JsonObject;
}

function apply(type: string, schema: KindSchema, configuration: JsonObject): Applied {
  const kind = terraformKind(type)!;
  // autoscaling/v1 objects are read at v1 (the operator reports what it lists); every other kind as core reads it.
  const apiVersion = kind.kind === 'CronJob' ? 'batch/v1' : kind.apiVersion;
  const sent = { apiVersion, kind: kind.kind, ...expand(schema.fields, configuration) };
  schema.expanded?.(sent);
  const stored = applyServerDefaults(schema.kind, clone(sent), UID);
  const state = flatten(schema.fields, stored);
  schema.refreshed?.(state, stored, configuration);
  const attributes = afterRefresh(type, schema, state);
  return { type, stored, live: served(schema, stored), attributes };
}

function served(schema: KindSchema, stored: JsonObject): JsonObject {
  return schema.served ? schema.served.object(clone(stored)) : stored;
}

function appliedArb(type: string, schema: KindSchema): fc.Arbitrary<Applied> {
  return blockArb(schema.fields).map((configuration) => {
    schema.fixup?.(configuration);
    return apply(type, schema, configuration);
  });
}

function drift({ type, live, attributes }: Applied, liveObject: JsonObject = live): DriftResult {
  const read = readTerraformState(stateFile([stateResource(type, [typedInstance(attributes)])]), {
    secretHasher: hash,
    stateSource: 'main',
  });
  const metadata = liveObject.metadata as JsonObject;
  const lowerKind = (liveObject.kind as string).toLowerCase();
  const liveResources = toLiveResources(
    {
      cluster_id: 'c1',
      namespace: '*',
      resources: [
        {
          id: UID,
          normalized_type: `k8s/${lowerKind}`,
          provider_type: lowerKind,
          provider: 'kubernetes',
          name: metadata.name as string,
          properties: liveObject,
        },
      ],
    } as Parameters<typeof toLiveResources>[0],
    { secretHasher: hash },
  );
  return matchDrift({ live: liveResources, iac: read.resources, namespace: '*' });
}

/**
 * The path a change at `path` carries. HorizontalPodAutoscalers compare in autoscaling/v2 shape on both
 * sides (docs/core.md "Versions"): a v1 object's CPU target is the one CPU Utilization metric.
 */
function expectedPath(applied: Applied, path: string): string {
  if (applied.live.apiVersion === 'autoscaling/v1' && path === 'spec.targetCPUUtilizationPercentage') {
    return 'spec.metrics[0].resource.target.averageUtilization';
  }
  return path;
}

/**
 * Whether the refreshed state declares the live field at `path`: not the labels, annotations and
 * tolerations the server adds and the provider's flatten leaves out (afterRefresh).
 */
function isDeclared(applied: Applied, path: string): boolean {
  const lastKey = /\.labels\.(.+)$|\.annotations\.(.+)$/.exec(path);
  const key = lastKey?.[1] ?? lastKey?.[2];
  if (key !== undefined && (INTERNAL.has(key) || JOB_LABELS.has(key))) return false;
  const toleration = /^spec\.tolerations\[(\d+)\]/.exec(path);
  if (toleration && applied.live.kind === 'Pod') {
    const item = ((applied.live.spec as JsonObject).tolerations as JsonObject[])[Number(toleration[1])]!;
    return !ADMISSION_TOLERATIONS.has(item.key as string);
  }
  return true;
}

const MODELLED = terraformTypes().filter((type) => !(type in NOT_MODELLED));

describe('typed kinds applied by the provider', () => {
  it('has a schema for every typed resource type the reader knows, or a reason why not', () => {
    expect(terraformTypes().filter((type) => !(type in KIND_SCHEMAS) && !(type in NOT_MODELLED))).toEqual([]);
  });

  it.each(MODELLED)(
    '%s: an applied, refreshed object is in sync',
    (type) => {
      const schema = KIND_SCHEMAS[type]!;
      fc.assert(
        fc.property(appliedArb(type, schema), (applied) => {
          const result = drift(applied);
          expect(result.items).toEqual([]);
          expect(result.summary).toMatchObject({ live: 1, iac: 1, in_sync: 1 });
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it.each(MODELLED)(
    '%s: one hand edit of a declared field is exactly one change there',
    (type) => {
      const schema = KIND_SCHEMAS[type]!;
      const arb = appliedArb(type, schema).chain((applied) => {
        const found = leaves(schema.fields, applied.stored).filter((leaf) => isDeclared(applied, leaf.path));
        // Every configuration declares at least its name's labels or a spec field; one that declares
        // nothing editable (a bare Namespace) has nothing to edit.
        return fc.tuple(
          fc.constant(applied),
          found.length > 0 ? fc.constantFrom(...found) : fc.constant(null),
        );
      });
      fc.assert(
        fc.property(arb, ([applied, leaf]) => {
          if (leaf === null) return;
          // The edit is made in the provider's version and read back in the served one, as the API server
          // converts one stored object.
          const edited = clone(applied.stored);
          leaf.edit(edited);
          const result = drift(applied, served(schema, edited));
          const changes = result.items.flatMap((item) => item.changes.map((change) => change.path));
          expect({ edited: leaf.path, items: result.items.map((item) => item.status), changes }).toEqual({
            edited: leaf.path,
            items: ['changed'],
            changes: [expectedPath(applied, schema.served?.path(leaf.path, applied.stored) ?? leaf.path)],
          });
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

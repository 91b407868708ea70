// Issue 9, incremental ingest: random sequences of reports and batches, hand edits, status syncs,
// deletions, state uploads, ignore-rule changes, HPAs and baselines go to two apps on libSQL; one reuses unchanged objects'
// drift, the other (its scans read back without `matchContext`) matches every object every time. Their
// drift responses and drift events must be identical after every report.
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import type { WorkerEnv } from '../src/env.ts';
import { inProcessRateLimiters } from '../src/limiter/in-process-rate-limiter.ts';
import { applyMigrations } from '../src/store/apply-migrations.ts';
import { readMigrations } from '../src/store/read-migrations.ts';
import * as schema from '../src/store/schema.ts';
import { SqlStore } from '../src/store/sql-store.ts';
import type { Store } from '../src/store/store.ts';
import { example, json, migrationsDir, withKey } from './libsql-app.ts';

type Json = Record<string, unknown>;
type Resource = Json & { name: string; normalized_type: string; properties: Json & { metadata: Json } };

const handEdits = example('hand-edits');
const baseReport = JSON.parse(handEdits.report) as Json & { resources: Resource[] };
const baseState = JSON.parse(handEdits.state) as Json & { resources: Json[]; serial: number };
const ADMIN = 'test-admin-token';

/** `store` with some of its methods replaced. */
function overriding(store: SqlStore, methods: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      return (methods as Record<string | symbol, unknown>)[property] ?? value.bind(target);
    },
  }) as Store;
}

/** The full-match reference: its scans never say under which rules they were matched, so nothing is reused. */
const fullMatch = (store: SqlStore) =>
  overriding(store, {
    listScans: async (...args) =>
      (await store.listScans(...args)).map((scan) => ({ ...scan, matchContext: null })),
  });

async function twinApp(clock: { now: number }, wrap: ((store: SqlStore) => Store) | undefined) {
  const client = createClient({ url: ':memory:' });
  await applyMigrations(client, await readMigrations(migrationsDir));
  const sqlStore = new SqlStore(drizzle(client, { schema }));
  const store = wrap ? wrap(sqlStore) : sqlStore;
  let ids = 0;
  let peers = 0;
  const app = createApp({
    store: () => store,
    now: () => new Date(clock.now),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    clientIp: () => `198.51.100.${++peers % 250}`,
  });
  const bindings = {
    ADMIN_TOKEN: ADMIN,
    API_KEY_PEPPER: 'test-pepper',
    RATE_LIMITER: inProcessRateLimiters() as unknown as WorkerEnv['RATE_LIMITER'],
  } as unknown as WorkerEnv;
  const call = (path: string, init: RequestInit = {}) =>
    app.request(`http://driftwise.test${path}`, init, bindings);
  const org = (await (
    await call('/api/v2/admin/orgs', json('POST', { name: 'acme' }, { Authorization: `Bearer ${ADMIN}` }))
  ).json()) as { id: string };
  const created = (await (
    await call(
      `/api/v2/orgs/${org.id}/api-keys`,
      json('POST', { name: 'k', scopes: ['read', 'write'] }, { Authorization: `Bearer ${ADMIN}` }),
    )
  ).json()) as { raw_key: string };
  return { call, store: sqlStore, orgId: org.id, key: created.raw_key, close: () => client.close() };
}

/** One step of a sequence. */
type Step =
  | { op: 'report' }
  | { op: 'batch' }
  | { op: 'edit'; target: number; value: number; manager: 'kubectl-edit' | 'HashiCorp' | 'rancher' }
  | { op: 'status'; target: number }
  | { op: 'toggle'; target: number }
  | { op: 'state'; variant: number }
  | { op: 'ignore'; variant: number }
  | { op: 'hpa'; on: boolean }
  | { op: 'accept' }
  | { op: 'withdraw' };

const IGNORE_VARIANTS = [
  '',
  'k8s/deployment/fleet/tracker:spec.replicas',
  '# driftwise:person-tools rancher',
  'k8s/configmap/*',
  '# driftwise:person-tools -kubectl-edit\nk8s/service/fleet/tracker',
];

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ op: 'report' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'batch' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      target: fc.nat(9),
      value: fc.integer({ min: 1, max: 4 }),
      manager: fc.constantFrom('kubectl-edit' as const, 'HashiCorp' as const, 'rancher' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('status' as const), target: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('toggle' as const), target: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('state' as const), variant: fc.nat(6) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('ignore' as const), variant: fc.nat(IGNORE_VARIANTS.length - 1) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hpa' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'accept' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'withdraw' as const }) },
);

/** The hand-edits objects, with two more copies of each Deployment and ConfigMap (ten objects). */
function initialObjects(): Resource[] {
  const objects: Resource[] = structuredClone(baseReport.resources);
  for (const copy of [2, 3]) {
    for (const resource of baseReport.resources) {
      if (resource.normalized_type === 'k8s/service') continue;
      const clone = structuredClone(resource);
      clone.name = `${resource.name}-${copy}`;
      clone.properties.metadata.name = clone.name;
      clone.properties.metadata.uid = `${String(clone.properties.metadata.uid).slice(0, -1)}${copy}`;
      clone.id = clone.properties.metadata.uid;
      // The third ConfigMap was installed by a Helm release (managed only while state holds the release).
      if (copy === 3 && resource.normalized_type === 'k8s/configmap') {
        clone.properties.metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm' };
        clone.properties.metadata.annotations = {
          'meta.helm.sh/release-name': 'rules-chart',
          'meta.helm.sh/release-namespace': 'fleet',
        };
      }
      objects.push(clone);
    }
  }
  return objects;
}

const KUBERNETES = 'provider["registry.terraform.io/hashicorp/kubernetes"]';
const HELM = 'provider["registry.terraform.io/hashicorp/helm"]';

/**
 * A state variant: 0 the example's, 1 a changed replica count, 2 without the ConfigMap, 3 copies declared,
 * 4 none, 5 a `kubernetes_labels` patch on the tracker, 6 the `helm_release` of the third ConfigMap.
 */
function stateVariant(variant: number, serial: number): Json | undefined {
  if (variant === 4) return undefined;
  const state = structuredClone(baseState);
  state.serial = serial;
  const instance = (attributes: Json) => ({ schema_version: 0, attributes, sensitive_attributes: [] });
  if (variant === 5)
    state.resources.push({
      mode: 'managed',
      type: 'kubernetes_labels',
      name: 'tracker_team',
      provider: KUBERNETES,
      instances: [
        instance({
          id: 'apiVersion=apps/v1,kind=Deployment,namespace=fleet,name=tracker',
          api_version: 'apps/v1',
          kind: 'Deployment',
          metadata: [{ name: 'tracker', namespace: 'fleet' }],
          labels: { team: 'fleet-ops' },
          field_manager: 'Terraform',
          force: false,
        }),
      ],
    });
  if (variant === 6)
    state.resources.push({
      mode: 'managed',
      type: 'helm_release',
      name: 'rules_chart',
      provider: HELM,
      instances: [instance({ id: 'rules-chart', name: 'rules-chart', namespace: 'fleet', chart: 'rules' })],
    });
  if (variant === 1) {
    const tracker = state.resources.find(
      (r) => r.name === 'tracker' && r.type === 'kubernetes_deployment_v1',
    );
    const attributes = (tracker!.instances as { attributes: { spec: { replicas: string }[] } }[])[0]!
      .attributes;
    attributes.spec[0]!.replicas = '3';
  }
  if (variant === 2) state.resources = state.resources.filter((r) => r.type !== 'kubernetes_config_map_v1');
  if (variant === 3) {
    for (const resource of baseState.resources) {
      if (resource.type === 'kubernetes_service_v1') continue;
      const copy = structuredClone(resource);
      copy.name = `${String(resource.name)}_2`;
      const instance = (copy.instances as { attributes: Json & { metadata: Json[] } }[])[0]!;
      const metadata = instance.attributes.metadata[0]!;
      metadata.name = `${String(metadata.name)}-2`;
      metadata.uid = '';
      instance.attributes.id = `fleet/${String(metadata.name)}`;
      state.resources.push(copy);
    }
  }
  return state;
}

function hpa(): Resource {
  return {
    id: 'hpa-uid',
    normalized_type: 'k8s/horizontalpodautoscaler',
    provider_type: 'horizontalpodautoscaler',
    provider: 'kubernetes',
    name: 'tracker',
    properties: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'tracker', namespace: 'fleet', uid: 'hpa-uid' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'tracker' },
        minReplicas: 1,
        maxReplicas: 5,
      },
    },
  };
}

/** Applies a hand edit: a new value and a managedFields entry of `manager` for it, at `time`. */
function edit(resource: Resource, value: number, manager: string, time: string): void {
  const { properties } = resource;
  const entries = (properties.metadata.managedFields ?? []) as Json[];
  if (resource.normalized_type === 'k8s/configmap') {
    (properties.data as Json)[`key-${value}`] = `value-${value}`;
    entries.push({
      manager,
      operation: 'Update',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { [`f:key-${value}`]: {} } },
    });
  } else if (resource.normalized_type === 'k8s/service') {
    (properties.metadata as Json).labels = { app: 'tracker', tier: `t${value}` };
    entries.push({
      manager,
      operation: 'Update',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } },
    });
  } else {
    (properties.spec as Json).replicas = value;
    entries.push({
      manager,
      operation: 'Update',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
  }
  properties.metadata.managedFields = entries;
}

/** A controller's status sync: new status, resourceVersion and the time of its status entry. */
function statusSync(resource: Resource, time: string): void {
  const { properties } = resource;
  properties.status = { observedGeneration: Date.parse(time) };
  properties.metadata.resourceVersion = String(Date.parse(time));
  const entries = (properties.metadata.managedFields ?? []) as Json[];
  const status = entries.find((entry) => entry.subresource === 'status');
  if (status) status.time = time;
  else
    entries.push({
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:observedGeneration': {} } },
    });
  properties.metadata.managedFields = entries;
}

async function runSequence(steps: Step[]): Promise<void> {
  const clock = { now: Date.parse('2026-06-01T00:00:00.000Z') };
  const apps = [await twinApp(clock, undefined), await twinApp(clock, fullMatch)] as const;
  try {
    const objects = initialObjects();
    const absent = new Set<number>();
    let withHpa = false;
    let serial = 1;
    let latest: string | undefined;
    const both = async (make: (app: (typeof apps)[number]) => [string, RequestInit]) => {
      const responses = [];
      for (const app of apps) {
        const [path, init] = make(app);
        const response = await app.call(path, init);
        responses.push({ status: response.status, text: await response.text() });
      }
      expect(responses[0]).toEqual(responses[1]);
      return responses[0]!;
    };
    // A state to start with: most sequences then have pairs, changed items and missing ones.
    const put = (state: Json) =>
      both((app) => [
        `/api/v2/orgs/${app.orgId}/state-sources/main/state`,
        json('PUT', state, withKey(app.key)),
      ]);
    await put(stateVariant(0, serial)!);
    for (const [index, current] of [...steps, { op: 'report' } as Step].entries()) {
      clock.now += 1_000;
      const time = new Date(clock.now).toISOString().replace('.000', '');
      if (current.op === 'edit' && !absent.has(current.target))
        edit(objects[current.target]!, current.value, current.manager, time);
      else if (current.op === 'status') statusSync(objects[current.target]!, time);
      else if (current.op === 'toggle') {
        if (absent.has(current.target)) absent.delete(current.target);
        else absent.add(current.target);
      } else if (current.op === 'hpa') withHpa = current.on;
      else if (current.op === 'state') {
        serial += 1;
        const state = stateVariant(current.variant, serial);
        if (state) expect((await put(state)).status).toBe(200);
        else
          await both((app) => [
            `/api/v2/orgs/${app.orgId}/state-sources/main`,
            { method: 'DELETE', headers: withKey(app.key) },
          ]);
      } else if (current.op === 'ignore') {
        await both((app) => [
          `/api/v2/orgs/${app.orgId}/driftignore`,
          {
            method: 'PUT',
            headers: { ...withKey(app.key), 'Content-Type': 'text/plain' },
            body: IGNORE_VARIANTS[current.variant]!,
          },
        ]);
      } else if ((current.op === 'accept' || current.op === 'withdraw') && latest) {
        await both((app) => [
          `/api/v2/orgs/${app.orgId}/scans/${latest}/accept`,
          { method: current.op === 'accept' ? 'POST' : 'DELETE', headers: withKey(app.key) },
        ]);
      } else if (current.op === 'report' || current.op === 'batch') {
        const resources = objects.filter((_, i) => !absent.has(i));
        if (withHpa) resources.push(hpa());
        const body = { ...baseReport, resources };
        // A batch (matched in full, namespace by namespace): the same scan in two parts.
        const id = `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
        const half = Math.ceil(resources.length / 2);
        const bodies =
          current.op === 'report'
            ? [body]
            : [0, 1].map((part) => ({
                ...body,
                resources: resources.slice(part * half, (part + 1) * half),
                batch: { id, index: part, total: 2 },
              }));
        let posted = { status: 0, text: '' };
        for (const sent of bodies)
          posted = await both((app) => ['/api/v2/operator/report', json('POST', sent, withKey(app.key))]);
        expect(posted.status, `step ${index}: ${posted.text}`).toBe(201);
        latest = (JSON.parse(posted.text) as { report_id: string }).report_id;
        await both((app) => [
          `/api/v2/orgs/${app.orgId}/scans/${latest}/drift`,
          { headers: withKey(app.key) },
        ]);
        const events = await Promise.all(
          apps.map((app) => app.store.listDriftEvents(app.orgId, { scanId: latest }, 1000)),
        );
        expect(events[0]).toEqual(events[1]);
      }
    }
  } finally {
    for (const app of apps) app.close();
  }
}

// Each input that must make an unchanged object be matched again, for sure (a random run may miss one).
const SEQUENCES: [string, Step[]][] = [
  ['a new state version', [{ op: 'report' }, { op: 'state', variant: 1 }]],
  [
    'another declaration, then none',
    [{ op: 'report' }, { op: 'state', variant: 3 }, { op: 'report' }, { op: 'state', variant: 4 }],
  ],
  [
    'ignore rules',
    [{ op: 'report' }, { op: 'ignore', variant: 1 }, { op: 'report' }, { op: 'ignore', variant: 3 }],
  ],
  [
    'person tools',
    [{ op: 'report' }, { op: 'ignore', variant: 2 }, { op: 'report' }, { op: 'ignore', variant: 4 }],
  ],
  [
    'an HPA added and removed',
    [{ op: 'report' }, { op: 'hpa', on: true }, { op: 'report' }, { op: 'hpa', on: false }],
  ],
  [
    'a status sync and a baseline',
    [{ op: 'report' }, { op: 'status', target: 0 }, { op: 'report' }, { op: 'accept' }, { op: 'report' }],
  ],
  [
    'a hand edit and a deletion',
    [
      { op: 'report' },
      { op: 'edit', target: 0, value: 2, manager: 'kubectl-edit' },
      { op: 'toggle', target: 3 },
    ],
  ],
  [
    'a patch-style resource, then a helm release, then neither',
    [
      { op: 'report' },
      { op: 'state', variant: 5 },
      { op: 'report' },
      { op: 'state', variant: 6 },
      { op: 'report' },
      { op: 'state', variant: 0 },
    ],
  ],
  [
    'a batch between two states',
    [{ op: 'report' }, { op: 'state', variant: 1 }, { op: 'batch' }, { op: 'state', variant: 0 }],
  ],
];

describe('incremental ingest', () => {
  it('keeps the previous items of unchanged objects and matches only the changed one', async () => {
    // The ingest's read of the previous scan's items marks them: a kept item carries the mark, a matched one
    // does not (the drift route reads pages, unmarked).
    const clock = { now: Date.parse('2026-06-01T00:00:00.000Z') };
    const app = await twinApp(clock, (store) =>
      overriding(store, {
        driftItems: async (scan) =>
          (await store.driftItems(scan)).map((item) => ({ ...item, name: `${item.name} (kept)` })),
      }),
    );
    try {
      const put = await app.call(
        `/api/v2/orgs/${app.orgId}/state-sources/main/state`,
        json('PUT', handEdits.state, withKey(app.key)),
      );
      expect(put.status).toBe(200);
      const objects = initialObjects();
      const post = async () => {
        clock.now += 1_000;
        const posted = await app.call(
          '/api/v2/operator/report',
          json('POST', { ...baseReport, resources: objects }, withKey(app.key)),
        );
        expect(posted.status).toBe(201);
        const { report_id } = (await posted.json()) as { report_id: string };
        const drift = await app.call(`/api/v2/orgs/${app.orgId}/scans/${report_id}/drift`, {
          headers: withKey(app.key),
        });
        return ((await drift.json()) as { items: { resource_id: string; name: string }[] }).items;
      };
      const first = await post();
      expect(first.some((item) => item.name.endsWith('(kept)'))).toBe(false);
      edit(objects[0]!, 2, 'kubectl-edit', '2026-06-01T01:00:00Z');
      const second = await post();
      const names = Object.fromEntries(second.map((item) => [`${item.resource_id}`, item.name]));
      expect(names['k8s/deployment/fleet/tracker']).toBe('tracker');
      expect(names['k8s/deployment/fleet/dispatcher']).toBe('dispatcher (kept)');
      expect(names['k8s/configmap/fleet/routing-rules']).toBe('routing-rules (kept)');
      expect(names['k8s/deployment/fleet/tracker-2']).toBe('tracker-2 (kept)');
    } finally {
      app.close();
    }
  });

  it.each(SEQUENCES)('equals a full match after %s', async (_name, steps) => {
    await runSequence(steps);
  });

  it('gives the drift and events of a full match for random sequences of edits and inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => runSequence(steps)),
      { numRuns: 60 },
    );
  }, 300_000);
});

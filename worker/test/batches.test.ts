import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import handEditsDrift from '../../examples/hand-edits/drift.json';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import inSyncDrift from '../../examples/in-sync/drift.json';
import inSyncReport from '../../examples/in-sync/report.json';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import manifestDrift from '../../examples/missing-extra-manifest/drift.json';
import manifestReport from '../../examples/missing-extra-manifest/report.json';
import manifestState from '../../examples/missing-extra-manifest/state.tfstate?raw';
import { call, count, createOrgAndKey, freshIp, json, rows, withKey } from './helpers.ts';

type Report = { resources: unknown[] } & Record<string, unknown>;

const examples = [
  ['in-sync', inSyncState, inSyncReport, inSyncDrift],
  ['hand-edits', handEditsState, handEditsReport, handEditsDrift],
  ['missing-extra-manifest', manifestState, manifestReport, manifestDrift],
] as const;

/** Every order of three parts. */
const orders = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** `report` cut into `total` parts at `cuts` (ascending positions), as the operator sends them. */
function split(report: Report, cuts: number[], id = crypto.randomUUID()): Report[] {
  const bounds = [0, ...cuts, report.resources.length];
  return bounds.slice(0, -1).map((start, index) => ({
    ...report,
    resources: report.resources.slice(start, bounds[index + 1]),
    batch: { id, index, total: bounds.length - 1 },
  }));
}

function post(key: string, body: unknown): Promise<Response> {
  return call(
    '/api/v2/operator/report',
    json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
  );
}

async function orgWithState(state: string, clusterId = 'example-cluster') {
  const org = await createOrgAndKey(['write']);
  const upload = await call(
    `/api/v2/orgs/${org.orgId}/state-sources/main/state?cluster_id=${clusterId}`,
    json('PUT', state, withKey(org.key)),
  );
  expect(upload.status).toBe(200);
  return org;
}

async function driftText(orgId: string, key: string, scanId: string): Promise<string> {
  const drift = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
  expect(drift.status).toBe(200);
  return drift.text();
}

function expectedText(expected: unknown, scanId: string, text: string): string {
  const createdAt = (JSON.parse(text) as { created_at: string }).created_at;
  return JSON.stringify(expected)
    .replaceAll('<scan-uuid>', scanId)
    .replaceAll('<scan-created-at>', createdAt);
}

const cases = examples.flatMap(([name, state, report, drift]) =>
  orders.map((order) => [name, order.join(''), state, report, drift, order] as const),
);

describe('batched reports (POST /api/v2/operator/report with batch)', () => {
  it.each(cases)(
    'gives the drift of one report for %s sent in order %s',
    async (_name, _label, state, report, expected, order) => {
      const { orgId, key } = await orgWithState(state);
      const parts = split(report as Report, [1, 2]);
      const answers: Response[] = [];
      for (const index of order) answers.push(await post(key, parts[index]));
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 201]);
      const { report_id: scanId, resource_count } = (await answers[2]!.json()) as {
        report_id: string;
        resource_count: number;
      };
      expect(resource_count).toBe((report as Report).resources.length);
      const text = await driftText(orgId, key, scanId);
      expect(text).toBe(expectedText(expected, scanId, text));
    },
  );

  it.each(examples)(
    'makes exactly one scan when the parts of %s arrive at once',
    async (_n, state, report, expected) => {
      const { orgId, key } = await orgWithState(state);
      const answers = await Promise.all(split(report as Report, [1, 2]).map((part) => post(key, part)));
      const created = answers.filter((answer) => answer.status === 201);
      const bodies = (await Promise.all(created.map((answer) => answer.json()))) as { report_id: string }[];
      expect(new Set(bodies.map((body) => body.report_id)).size).toBe(1);
      const scans = await rows<{ id: string }>('SELECT id FROM scan_runs WHERE org_id = ?', orgId);
      expect(scans.map((scan) => scan.id)).toEqual([bodies[0]!.report_id]);
      const text = await driftText(orgId, key, bodies[0]!.report_id);
      expect(text).toBe(expectedText(expected, bodies[0]!.report_id, text));
    },
  );

  it('answers 202 with the parts received when the batch is incomplete', async () => {
    const { key } = await createOrgAndKey(['write']);
    const [first] = split(inSyncReport as Report, [1, 2]);
    const answer = await post(key, first);
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({
      batch_id: (first!.batch as { id: string }).id,
      received: 1,
      total: 3,
    });
  });

  it('counts a re-sent part once', async () => {
    const { key } = await createOrgAndKey(['write']);
    const [first] = split(inSyncReport as Report, [1, 2]);
    await post(key, first);
    const again = await post(key, first);
    expect(await again.json()).toMatchObject({ received: 1, total: 3 });
  });

  it('answers the same scan when a part of a completed batch is re-sent', async () => {
    const { key } = await createOrgAndKey(['write']);
    const parts = split(inSyncReport as Report, [2]);
    await post(key, parts[0]);
    const done = (await (await post(key, parts[1])).json()) as { report_id: string };
    const again = await post(key, parts[0]);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { report_id: string }).report_id).toBe(done.report_id);
  });

  it.each([
    ['cluster_id', { cluster_id: 'other-cluster' }],
    ['namespace', { namespace: 'other' }],
    ['generate_iac', { generate_iac: true }],
    ['custom_prompt', { custom_prompt: 'terse' }],
  ])('is a 409 batch_conflict when a part has another %s', async (_field, change) => {
    const { key } = await createOrgAndKey(['write']);
    const parts = split(inSyncReport as Report, [1, 2]);
    await post(key, parts[0]);
    const answer = await post(key, { ...parts[1], ...change });
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { code: string }).code).toBe('batch_conflict');
  });

  it('is a 409 batch_conflict when a part has another total', async () => {
    const { key } = await createOrgAndKey(['write']);
    const parts = split(inSyncReport as Report, [1, 2]);
    await post(key, parts[0]);
    const answer = await post(key, { ...parts[1], batch: { ...(parts[1]!.batch as object), total: 4 } });
    expect(((await answer.json()) as { code: string }).code).toBe('batch_conflict');
  });

  it('is a 409 batch_conflict when a re-sent part carries other objects', async () => {
    const { key } = await createOrgAndKey(['write']);
    const parts = split(inSyncReport as Report, [1, 2]);
    await post(key, parts[0]);
    const answer = await post(key, { ...parts[0], resources: parts[1]!.resources });
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { code: string }).code).toBe('batch_conflict');
  });

  it.each([
    ['an index not below total', { id: crypto.randomUUID(), index: 3, total: 3 }],
    ['more than 256 parts', { id: crypto.randomUUID(), index: 0, total: 257 }],
    ['an id that is not a uuid', { id: 'batch-1', index: 0, total: 2 }],
    ['an unknown field', { id: crypto.randomUUID(), index: 0, total: 2, part: 1 }],
  ])('is a 400 and stores nothing for a batch with %s', async (_what, batch) => {
    const { key } = await createOrgAndKey(['write']);
    const before = await count('report_batches');
    const answer = await post(key, { ...inSyncReport, batch });
    expect(answer.status).toBe(400);
    expect(await count('report_batches')).toBe(before);
  });

  it('drops the staged objects once the batch made its scan', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    for (const part of split(inSyncReport as Report, [2])) await post(key, part);
    const staged = await rows('SELECT 1 FROM report_batch_objects WHERE org_id = ?', orgId);
    expect(staged).toEqual([]);
  });

  it('stores Secret values of staged parts hashed, never raw', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const secret = {
      id: 'f2d7b0c6-1111-4222-8333-444455556666',
      normalized_type: 'k8s/secret',
      provider_type: 'secret',
      provider: 'kubernetes',
      name: 'db',
      properties: { metadata: { namespace: 'fleet', name: 'db' }, data: { password: btoa('hunter2-raw') } },
    };
    const id = crypto.randomUUID();
    await post(key, {
      cluster_id: 'c',
      namespace: 'fleet',
      resources: [secret],
      batch: { id, index: 0, total: 2 },
    });
    const staged = await rows<{ text: string }>(
      'SELECT text FROM report_batch_objects WHERE org_id = ?',
      orgId,
    );
    expect(staged.length).toBe(1);
    expect(staged[0]!.text).not.toContain(btoa('hunter2-raw'));
    expect(staged[0]!.text).toContain('hmac-sha256:');
  });
});

const namespaces = ['fleet', 'team-a', 'team-b'];
type GeneratedObject = { kind: string; namespace: string; name: string; value: string };
const generatedObject: fc.Arbitrary<GeneratedObject> = fc.record({
  kind: fc.constantFrom('configmap', 'serviceaccount', 'namespace'),
  namespace: fc.constantFrom(...namespaces),
  name: fc.constantFrom('a', 'b', 'c', 'tracker', 'fleet'),
  value: fc.string({ maxLength: 8 }),
});

function resourceOf(object: GeneratedObject, index: number) {
  const namespaced = object.kind !== 'namespace';
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    normalized_type: `k8s/${object.kind}`,
    provider_type: object.kind,
    provider: 'kubernetes',
    name: object.name,
    properties: {
      metadata: { name: object.name, ...(namespaced ? { namespace: object.namespace } : {}) },
      data: { value: object.value },
    },
  };
}

/** The drift without what differs between two scans of two clusters: ids, times, the cluster. */
function comparable(text: string): unknown {
  const drift = JSON.parse(text) as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify({ ...drift, scan_id: '', created_at: '', cluster_id: '' })
      .replace(/"first_seen_scan_id":"[^"]*"/g, '"first_seen_scan_id":""')
      .replace(/"first_seen_at":"[^"]*"/g, '"first_seen_at":""'),
  );
}

describe('batched reports of generated clusters', () => {
  it('give the scan of one report of the same objects when split at random', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    // Unscoped: the hand-edits state applies to every cluster of the org.
    await call(`/api/v2/orgs/${orgId}/state-sources/main/state`, json('PUT', handEditsState, withKey(key)));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedObject, { minLength: 1, maxLength: 24 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (objects, rawCuts) => {
          run += 1;
          const report = { cluster_id: `whole-${run}`, namespace: '*', resources: objects.map(resourceOf) };
          const cuts = [...new Set(rawCuts.map((cut) => cut % (objects.length + 1)))].sort((a, b) => a - b);
          const one = (await (await post(key, report)).json()) as { report_id: string };
          const batched = { ...report, cluster_id: `batched-${run}` };
          const answers = [];
          for (const part of split(batched, cuts)) answers.push(await post(key, part));
          const last = (await answers.at(-1)!.json()) as { report_id: string; resource_count: number };
          expect(last.resource_count).toBe(objects.length);
          expect(comparable(await driftText(orgId, key, last.report_id))).toEqual(
            comparable(await driftText(orgId, key, one.report_id)),
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('a batch that asks for IaC', () => {
  it('answers the IaC of all parts with the completing part, as one report would', async () => {
    const { orgId, key } = await orgWithState(manifestState);
    const options = { generate_iac: true, iac_scope: 'all' };
    const single = await post(key, { ...manifestReport, ...options });
    expect(single.status).toBe(201);
    const whole = ((await single.json()) as { iac: { content: string; resource_count: number } }).iac;

    const other = await orgWithState(manifestState);
    const parts = split({ ...(manifestReport as unknown as Report), ...options }, [2, 5]);
    const answers = [];
    for (const part of parts) answers.push(await post(other.key, part));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 201]);
    const completed = (await answers[2]!.json()) as {
      report_id: string;
      iac: { content: string; resource_count: number };
    };
    expect(completed.iac.resource_count).toBe(whole.resource_count);
    expect(completed.iac.content).toBe(whole.content);
    const stored = await call(`/api/v2/orgs/${other.orgId}/scans/${completed.report_id}/iac`, {
      headers: withKey(other.key),
    });
    expect(stored.status).toBe(200);
    expect(orgId).not.toBe(other.orgId);
  });
});

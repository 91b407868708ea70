import { describe, expect, it } from 'vitest';
import { asShowJson } from '../../core/test/support/as-show-json.ts';
import handEditsReport from '../../examples/hand-edits/report.json';
import handEditsState from '../../examples/hand-edits/state.tfstate?raw';
import inSyncReport from '../../examples/in-sync/report.json';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import manifestReport from '../../examples/missing-extra-manifest/report.json';
import manifestState from '../../examples/missing-extra-manifest/state.tfstate?raw';
import { call, count, createOrgAndKey, json, reportAndReadDrift, rows, withKey } from './helpers.ts';

// Issue 11, section 3: `terraform show -json` output is a state upload like `terraform state pull` output.
const state = JSON.parse(inSyncState) as { serial: number; lineage: string };
const showJson = (text: string) => JSON.stringify(asShowJson(JSON.parse(text)));
const withSerial = (serial: number, lineage = state.lineage) => JSON.stringify({ ...state, serial, lineage });

async function upload(orgId: string, key: string, body: string, path = 'main/state') {
  return call(`/api/v2/orgs/${orgId}/state-sources/${path}`, json('PUT', body, withKey(key)));
}

async function listed(orgId: string, key: string) {
  const response = await call(`/api/v2/orgs/${orgId}/state-sources`, { headers: withKey(key) });
  return ((await response.json()) as { state_sources: { serial: number | null; lineage: string | null }[] })
    .state_sources;
}

async function iacCount(orgId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    'SELECT COUNT(*) AS n FROM iac_resources i JOIN state_sources s ON s.id = i.state_source_id WHERE s.org_id = ?',
    orgId,
  );
  return row!.n;
}

/** The drift of one report against one upload, with the scan's own id and time made neutral. */
async function driftOf(stateBody: string, report: unknown): Promise<unknown> {
  const { orgId, key } = await createOrgAndKey(['write']);
  const uploaded = await upload(orgId, key, stateBody, 'main/state?cluster_id=example-cluster');
  expect(uploaded.status).toBe(200);
  const { scanId, drift: body } = await reportAndReadDrift<{ created_at: string }>(orgId, key, report);
  return JSON.parse(
    JSON.stringify(body).replaceAll(scanId, '<scan>').replaceAll(body.created_at, '<created-at>'),
  );
}

describe('state upload of terraform show -json output', () => {
  it('answers 200 with serial and lineage null and the counts of the state', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, showJson(inSyncState), 'main/state?cluster_id=example-cluster');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'main',
      cluster_id: 'example-cluster',
      serial: null,
      lineage: null,
      resource_count: 4,
      k8s_resource_count: 4,
    });
    expect(await listed(orgId, key)).toEqual([expect.objectContaining({ serial: null, lineage: null })]);
    expect(await iacCount(orgId)).toBe(4);
  });

  it('stores the no-serial marker, never a real-looking serial', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, showJson(inSyncState));
    const [row] = await rows<{ serial: number; lineage: string }>(
      'SELECT serial, lineage FROM state_sources WHERE org_id = ?',
      orgId,
    );
    expect(row).toEqual({ serial: -1, lineage: '' });
  });

  it('replaces a stored state-pull source of any serial, and re-uploads replace each other', async () => {
    const { orgId, key } = await createOrgAndKey();
    expect((await upload(orgId, key, withSerial(50))).status).toBe(200);
    expect((await upload(orgId, key, showJson(handEditsState))).status).toBe(200);
    expect(await listed(orgId, key)).toEqual([expect.objectContaining({ serial: null, lineage: null })]);
    expect((await upload(orgId, key, showJson(inSyncState))).status).toBe(200);
    expect(await iacCount(orgId)).toBe(4);
  });

  it('is replaced by a later state-pull upload of any serial, also one below the serial it replaced', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, withSerial(50));
    await upload(orgId, key, showJson(handEditsState));
    const lower = await upload(orgId, key, withSerial(0));
    expect(lower.status).toBe(200);
    expect(await lower.json()).toEqual(expect.objectContaining({ serial: 0, lineage: state.lineage }));
    expect(await listed(orgId, key)).toEqual([
      expect.objectContaining({ serial: 0, lineage: state.lineage }),
    ]);
    expect(await iacCount(orgId)).toBe(4);
    // From here on the stale rule holds again between state files.
    expect((await upload(orgId, key, withSerial(3))).status).toBe(200);
    expect((await upload(orgId, key, withSerial(2))).status).toBe(409);
  });

  it('replaces a state file whose lineage is empty, the lineage the marker is stored with', async () => {
    const { orgId, key } = await createOrgAndKey();
    expect((await upload(orgId, key, withSerial(7, ''))).status).toBe(200);
    const response = await upload(orgId, key, showJson(handEditsState));
    expect(response.status).toBe(200);
    expect(await listed(orgId, key)).toEqual([expect.objectContaining({ serial: null, lineage: null })]);
  });

  it.each([
    ['in-sync', inSyncState, inSyncReport],
    ['hand-edits', handEditsState, handEditsReport],
    ['missing-extra-manifest', manifestState, manifestReport],
  ])('serves the same drift for %s as the state-pull file it came from', async (_name, text, report) => {
    const fromStatePull = await driftOf(text, report);
    const fromShowJson = await driftOf(showJson(text), report);
    expect(fromShowJson).toEqual(fromStatePull);
  });

  it('answers 400 invalid_state naming both formats for a file that is neither, and stores nothing', async () => {
    const { orgId, key } = await createOrgAndKey();
    const before = await count('state_sources');
    const response = await upload(orgId, key, JSON.stringify({ resources: [], serial: 1 }));
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('invalid_state');
    expect(problem.detail).toMatch(/format version 4.*terraform state pull/);
    expect(problem.detail).toMatch(/terraform show -json.*format_version 1\.x/);
    expect(await count('state_sources')).toBe(before);
  });

  it('answers 400 unsupported_state_version for a show -json format_version 2.0', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, JSON.stringify({ format_version: '2.0', values: {} }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('unsupported_state_version');
    expect(await listed(orgId, key)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import { call, count, createOrgAndKey, json, rows, withKey } from './helpers.ts';

const state = JSON.parse(inSyncState) as { serial: number; lineage: string; version: number };
const withSerial = (serial: number, lineage = state.lineage) => JSON.stringify({ ...state, serial, lineage });

async function upload(orgId: string, key: string, body: string, path = 'main/state') {
  return call(`/api/v2/orgs/${orgId}/state-sources/${path}`, json('PUT', body, withKey(key)));
}

describe('state sources', () => {
  it('answers 200 with the counts of an uploaded state', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, inSyncState, 'main/state?cluster_id=example-cluster');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'main',
      cluster_id: 'example-cluster',
      serial: state.serial,
      lineage: state.lineage,
      resource_count: 4,
      k8s_resource_count: 4,
    });
  });

  it('answers 400 unsupported_state_version for a state that is not version 4', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, JSON.stringify({ ...state, version: 3 }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('unsupported_state_version');
  });

  it('answers 400 for a body that is not a state file', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, '[1,2]');
    expect(response.status).toBe(400);
  });

  it('answers 409 stale_state for a lower serial of the same lineage and keeps the stored one', async () => {
    const { orgId, key } = await createOrgAndKey();
    expect((await upload(orgId, key, withSerial(10))).status).toBe(200);
    const stale = await upload(orgId, key, withSerial(9));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('stale_state');
    const [row] = await rows<{ serial: number }>('SELECT serial FROM state_sources WHERE org_id = ?', orgId);
    expect(row?.serial).toBe(10);
  });

  it('accepts the same serial again and a lower serial of another lineage', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, withSerial(10));
    expect((await upload(orgId, key, withSerial(10))).status).toBe(200);
    expect((await upload(orgId, key, withSerial(1, 'another-lineage'))).status).toBe(200);
  });

  it('replaces the IaC resources of a source on re-upload instead of adding to them', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, withSerial(1));
    await upload(orgId, key, withSerial(2));
    const [row] = await rows<{ n: number }>(
      'SELECT COUNT(*) AS n FROM iac_resources i JOIN state_sources s ON s.id = i.state_source_id WHERE s.org_id = ?',
      orgId,
    );
    expect(row?.n).toBe(4);
  });

  it('lists the sources and deletes one with 204, then 404', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, inSyncState, 'prod/state');
    const list = (await (
      await call(`/api/v2/orgs/${orgId}/state-sources`, { headers: withKey(key) })
    ).json()) as {
      state_sources: { name: string; cluster_id: string | null }[];
    };
    expect(list.state_sources).toEqual([expect.objectContaining({ name: 'prod', cluster_id: null })]);
    const before = await count('iac_resources');
    const del = await call(`/api/v2/orgs/${orgId}/state-sources/prod`, {
      method: 'DELETE',
      headers: withKey(key),
    });
    expect(del.status).toBe(204);
    expect(await count('iac_resources')).toBe(before - 4);
    const again = await call(`/api/v2/orgs/${orgId}/state-sources/prod`, {
      method: 'DELETE',
      headers: withKey(key),
    });
    expect(again.status).toBe(404);
  });

  it('never stores the raw Secret values of a state', async () => {
    const { orgId, key } = await createOrgAndKey();
    await upload(orgId, key, inSyncState);
    const stored = JSON.stringify(await rows('SELECT * FROM iac_resources'));
    expect(stored).not.toContain('not-a-real-password');
    expect(stored).not.toContain('also-fake');
    expect(stored).toContain('hmac-sha256:');
  });

  it('answers 400 for a source name with a slash-free but invalid character', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await upload(orgId, key, inSyncState, 'bad%20name/state');
    expect(response.status).toBe(400);
  });
});

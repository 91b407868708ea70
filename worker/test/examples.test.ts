import { describe, expect, it } from 'vitest';
import handEditsDrift from './fixtures/hand-edits/drift.json';
import handEditsReport from './fixtures/hand-edits/report.json';
import handEditsState from './fixtures/hand-edits/state.tfstate?raw';
import inSyncDrift from './fixtures/in-sync/drift.json';
import inSyncReport from './fixtures/in-sync/report.json';
import inSyncState from './fixtures/in-sync/state.tfstate?raw';
import manifestDrift from './fixtures/missing-extra-manifest/drift.json';
import manifestReport from './fixtures/missing-extra-manifest/report.json';
import manifestState from './fixtures/missing-extra-manifest/state.tfstate?raw';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

const cases = [
  ['in-sync', inSyncState, inSyncReport, inSyncDrift],
  ['hand-edits', handEditsState, handEditsReport, handEditsDrift],
  ['missing-extra-manifest', manifestState, manifestReport, manifestDrift],
] as const;

describe('worked examples (shared/examples)', () => {
  it.each(cases)('serve the expected drift for %s', async (_name, state, report, expected) => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const upload = await call(
      `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
      json('PUT', state, withKey(key)),
    );
    expect(upload.status).toBe(200);
    const posted = await call(
      '/api/v2/operator/report',
      json('POST', report, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(posted.status).toBe(201);
    const { report_id: scanId } = (await posted.json()) as { report_id: string };
    const drift = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
    expect(drift.status).toBe(200);
    const body = (await drift.json()) as { created_at: string };
    const expectedText = JSON.stringify(expected)
      .replaceAll('<scan-uuid>', scanId)
      .replaceAll('<scan-created-at>', body.created_at);
    expect(body).toEqual(JSON.parse(expectedText));
  });
});

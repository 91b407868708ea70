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
import { call, createOrgAndKey, freshIp, json, reportAndReadDrift, withKey } from './helpers.ts';

const cases = [
  ['in-sync', inSyncState, inSyncReport, inSyncDrift],
  ['hand-edits', handEditsState, handEditsReport, handEditsDrift],
  ['missing-extra-manifest', manifestState, manifestReport, manifestDrift],
] as const;

describe('worked examples (examples/)', () => {
  it.each(cases)('serve the expected drift for %s', async (_name, state, report, expected) => {
    const { orgId, key } = await createOrgAndKey(['write']);
    const upload = await call(
      `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
      json('PUT', state, withKey(key)),
    );
    expect(upload.status).toBe(200);
    const { scanId, drift: body } = await reportAndReadDrift<{ created_at: string }>(orgId, key, report);
    const expectedText = JSON.stringify(expected)
      .replaceAll('<scan-uuid>', scanId)
      .replaceAll('<scan-created-at>', body.created_at);
    expect(body).toEqual(JSON.parse(expectedText));
  });

  it.each(cases)(
    'answers %s byte for byte in the key order of drift.json',
    async (_name, state, report, expected) => {
      const { orgId, key } = await createOrgAndKey(['write']);
      await call(
        `/api/v2/orgs/${orgId}/state-sources/main/state?cluster_id=example-cluster`,
        json('PUT', state, withKey(key)),
      );
      const posted = await call(
        '/api/v2/operator/report',
        json('POST', report, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
      );
      const { report_id: scanId } = (await posted.json()) as { report_id: string };
      const drift = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
      const text = await drift.text();
      const createdAt = (JSON.parse(text) as { created_at: string }).created_at;
      // JSON.stringify keeps the file's key order: the minified file is exactly the response.
      expect(text).toBe(
        JSON.stringify(expected).replaceAll('<scan-uuid>', scanId).replaceAll('<scan-created-at>', createdAt),
      );
    },
  );
});

// Defect 1 (issue 7), on Node with libSQL: the same Secrets of every spelling and shape as the workerd
// test; every table of the store and the drift response are searched for the raw values and their base64.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { leaksIn, secretCase, secretReport, secretState } from '../test/secret-cases.ts';
import { dumpStore } from './dump-store.ts';
import { CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

let opened: LibsqlApp | undefined;
afterEach(() => {
  opened?.client.close();
  opened = undefined;
});

describe('Secret values at rest (Node, libSQL)', () => {
  it('are found in no table and no drift response when Secrets of every spelling and shape arrive', async () => {
    opened = await libsqlApp();
    const app = opened;
    const { orgId, key } = await app.createOrgAndKey(['write']);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(secretCase, async (c) => {
        run += 1;
        const cluster = `spell-${run}`;
        const state = await app.call(
          `/api/v2/orgs/${orgId}/state-sources/s${run}/state?cluster_id=${cluster}`,
          json('PUT', secretState(c), withKey(key)),
        );
        expect(state.status).toBe(200);
        const report = await app.call(
          '/api/v2/operator/report',
          json('POST', secretReport(c, cluster), {
            ...withKey(key),
            [CLIENT_IP_HEADER]: `198.51.100.${run % 250}`,
          }),
        );
        expect(report.status).toBe(201);
        const { report_id: scanId } = (await report.json()) as { report_id: string };
        const drift = await app.call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, {
          headers: withKey(key),
        });
        const driftText = await drift.text();
        expect(drift.status).toBe(200);
        expect(driftText).toContain('(redacted)');
        expect(leaksIn(driftText, c)).toEqual([]);
        const dump = await dumpStore(app);
        expect(Object.keys(JSON.parse(dump))).toEqual(
          expect.arrayContaining([
            'live_resources',
            'iac_resources',
            'drift_chunks',
            'scan_runs',
            'state_sources',
          ]),
        );
        expect(leaksIn(dump, c)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});

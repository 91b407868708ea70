// Defect 1 (issue 7), in workerd on D1: Secrets of every kind spelling, from a report, a typed state and a
// kubernetes_manifest state, each with kubectl's last-applied-configuration annotation. After upload,
// report and drift, no table of the store and no drift response holds a raw value or its base64 form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpStore } from './dump-store.ts';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';
import { leaksIn, secretCase, secretReport, secretState } from './secret-cases.ts';

describe('Secret values at rest (workerd, D1)', () => {
  it('are found in no table and no drift response when Secrets of every spelling and shape arrive', async () => {
    const { orgId, key } = await createOrgAndKey(['write']);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(secretCase, async (c) => {
        run += 1;
        const cluster = `spell-${run}`;
        const state = await call(
          `/api/v2/orgs/${orgId}/state-sources/s${run}/state?cluster_id=${cluster}`,
          json('PUT', secretState(c), withKey(key)),
        );
        expect(state.status).toBe(200);
        const report = await call(
          '/api/v2/operator/report',
          json('POST', secretReport(c, cluster), { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
        );
        expect(report.status).toBe(201);
        const { report_id: scanId } = (await report.json()) as { report_id: string };
        const drift = await call(`/api/v2/orgs/${orgId}/scans/${scanId}/drift`, { headers: withKey(key) });
        const driftText = await drift.text();
        expect(drift.status).toBe(200);
        // The values differ on each side: the drift must show the change, redacted.
        expect(driftText).toContain('(redacted)');
        expect(leaksIn(driftText, c)).toEqual([]);
        const dump = await dumpStore();
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

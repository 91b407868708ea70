import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../scripts/local-worker.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'hand-edits');
const state = readFileSync(join(fixtures, 'state.tfstate'), 'utf8');
const report = readFileSync(join(fixtures, 'report.json'), 'utf8');
const expected = readFileSync(join(fixtures, 'drift.json'), 'utf8');

describe('wrangler dev smoke', () => {
  let worker: LocalWorker;
  beforeAll(async () => {
    worker = await startLocalWorker();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
  });

  it('serves org, key, state, report and drift over real HTTP', async () => {
    const send = async (path: string, init: RequestInit & { headers?: Record<string, string> }) => {
      const response = await fetch(`${worker.url}${path}`, init);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const admin = { Authorization: `Bearer ${worker.adminToken}`, 'Content-Type': 'application/json' };
    const org = await send('/api/v2/admin/orgs', {
      method: 'POST',
      headers: admin,
      body: '{"name":"smoke"}',
    });
    expect(org.status).toBe(201);
    const key = await send(`/api/v2/orgs/${org.body.id}/api-keys`, {
      method: 'POST',
      headers: admin,
      body: '{"name":"operator","scopes":["write"]}',
    });
    expect(key.status).toBe(201);
    const auth = { 'X-API-Key': String(key.body.raw_key), 'Content-Type': 'application/json' };
    const upload = await send(
      `/api/v2/orgs/${org.body.id}/state-sources/main/state?cluster_id=example-cluster`,
      {
        method: 'PUT',
        headers: auth,
        body: state,
      },
    );
    expect(upload.status).toBe(200);
    const posted = await send('/api/v2/operator/report', { method: 'POST', headers: auth, body: report });
    expect(posted.status).toBe(201);
    const scanId = String(posted.body.report_id);
    const drift = await send(`/api/v2/orgs/${org.body.id}/scans/${scanId}/drift`, { headers: auth });
    expect(drift.status).toBe(200);
    expect(drift.body).toEqual(
      JSON.parse(
        expected
          .replaceAll('<scan-uuid>', scanId)
          .replaceAll('<scan-created-at>', String(drift.body.created_at)),
      ),
    );
  }, 30_000);
});

import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, CLIENT_IP_HEADER, example, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

// The default limit (16 MiB): the Node entry is configured like production here.
const LIMIT = 16 * 1024 * 1024;

function gzipped(body: Uint8Array, headers: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', ...headers },
    body,
  };
}

describe('gzip request bodies on Node', () => {
  let app: LibsqlApp;
  beforeAll(async () => {
    app = await libsqlApp();
  });
  afterAll(() => app.client.close());

  it('ingests a gzip report', async () => {
    const { key } = await app.createOrgAndKey();
    const report = example('hand-edits').report;
    const response = await app.call(
      '/api/v2/operator/report',
      gzipped(gzipSync(report), { ...withKey(key), [CLIENT_IP_HEADER]: '192.0.2.10' }),
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { resource_count: number }).resource_count).toBe(
      (JSON.parse(report) as { resources: unknown[] }).resources.length,
    );
  });

  it('answers 413 when a small gzip body inflates past the limit', async () => {
    // 64 MiB of zeros deflate to ~64 KiB: the Content-Length says nothing, the inflated count decides.
    const bomb = gzipSync(Buffer.alloc(LIMIT * 4), { level: 9 });
    expect(bomb.byteLength).toBeLessThan(LIMIT / 100);
    const response = await app.call('/api/v2/admin/orgs', gzipped(bomb, asAdmin));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('payload_too_large');
  });

  it('answers 400 for a truncated gzip stream', async () => {
    const body = gzipSync('{"name":"acme"}');
    const response = await app.call(
      '/api/v2/admin/orgs',
      gzipped(body.subarray(0, body.byteLength - 6), asAdmin),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_request');
  });
});

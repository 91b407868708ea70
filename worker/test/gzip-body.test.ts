import { describe, expect, it } from 'vitest';
import inSyncReport from '../../examples/in-sync/report.json';
import inSyncState from '../../examples/in-sync/state.tfstate?raw';
import { asAdmin, call, count, createOrgAndKey, freshIp, withKey } from './helpers.ts';

const LIMIT = 256 * 1024; // MAX_BODY_BYTES in vitest.config.ts

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function gzipped(body: Uint8Array, headers: Record<string, string>, encoding = 'gzip'): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding, ...headers },
    body,
  };
}

describe('gzip request bodies', () => {
  it('ingests a gzip report as it would the plain one', async () => {
    const { key } = await createOrgAndKey();
    const response = await call(
      '/api/v2/operator/report',
      gzipped(await gzip(JSON.stringify(inSyncReport)), { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ resource_count: inSyncReport.resources.length });
  });

  it('takes a gzip state upload', async () => {
    const { orgId, key } = await createOrgAndKey();
    const response = await call(`/api/v2/orgs/${orgId}/state-sources/prod/state`, {
      ...gzipped(await gzip(inSyncState), withKey(key)),
      method: 'PUT',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { k8s_resource_count: number }).k8s_resource_count).toBeGreaterThan(0);
  });

  it('answers 413 when a small gzip body inflates past the limit', async () => {
    const bomb = await gzip(`{"name":"${'a'.repeat(LIMIT * 8)}"}`);
    expect(bomb.byteLength).toBeLessThan(LIMIT / 16);
    const before = await count('orgs');
    const response = await call('/api/v2/admin/orgs', gzipped(bomb, asAdmin));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('payload_too_large');
    expect(await count('orgs')).toBe(before);
  });

  it('answers 400 for a corrupt gzip stream', async () => {
    const body = await gzip(JSON.stringify({ name: 'acme' }));
    const corrupt = body.slice(0, body.byteLength - 6);
    const response = await call('/api/v2/admin/orgs', gzipped(corrupt, asAdmin));
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('invalid_request');
  });

  it('answers 415 for an encoding other than gzip', async () => {
    const response = await call(
      '/api/v2/admin/orgs',
      gzipped(new TextEncoder().encode('{"name":"a"}'), asAdmin, 'br'),
    );
    expect(response.status).toBe(415);
    expect(((await response.json()) as { code: string }).code).toBe('unsupported_media_type');
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { asAdmin, call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

const LIMIT = 256 * 1024; // MAX_BODY_BYTES in vitest.config.ts

async function problem(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return (await response.json()) as Record<string, unknown>;
}

describe('errors', () => {
  it('answers 400 invalid_request for malformed JSON', async () => {
    const response = await call('/api/v2/admin/orgs', json('POST', '{"name": ', asAdmin));
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({
      status: 400,
      code: 'invalid_request',
      type: expect.any(String),
    });
  });

  it('answers 400 with dotted field paths for a schema violation', async () => {
    const { key } = await createOrgAndKey();
    const body = {
      cluster_id: 'c1',
      namespace: 'default',
      resources: [
        {
          id: 'u1',
          normalized_type: 'k8s/Deployment',
          provider_type: 'deployment',
          provider: 'kubernetes',
          name: 'a',
          properties: {},
        },
      ],
    };
    const response = await call(
      '/api/v2/operator/report',
      json('POST', body, { ...withKey(key), 'CF-Connecting-IP': freshIp() }),
    );
    expect(response.status).toBe(400);
    const payload = await problem(response);
    expect(payload.code).toBe('invalid_request');
    expect(payload.errors).toContainEqual({
      path: 'resources.0.normalized_type',
      message: expect.any(String),
    });
  });

  it('answers 415 unsupported_media_type for a +json type the JSON validator does not parse', async () => {
    const response = await call('/api/v2/admin/orgs', {
      method: 'POST',
      headers: { ...asAdmin, 'Content-Type': 'application/vnd.v2+json' },
      body: '{"name":"a"}',
    });
    expect(response.status).toBe(415);
    expect((await problem(response)).code).toBe('unsupported_media_type');
  });

  it('answers 415 for a JSON route called with another content type', async () => {
    const response = await call('/api/v2/admin/orgs', {
      method: 'POST',
      headers: { ...asAdmin, 'Content-Type': 'text/plain' },
      body: '{"name":"a"}',
    });
    expect(response.status).toBe(415);
    expect((await problem(response)).code).toBe('unsupported_media_type');
  });

  it('answers 413 from Content-Length alone when it is over the limit', async () => {
    const response = await call('/api/v2/admin/orgs', {
      method: 'POST',
      headers: { ...asAdmin, 'Content-Type': 'application/json', 'Content-Length': String(LIMIT + 1) },
      body: '{}',
    });
    expect(response.status).toBe(413);
    expect((await problem(response)).code).toBe('payload_too_large');
  });

  it('answers 413 for a streamed body without Content-Length once it passes the limit', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMIT * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await call('/api/v2/admin/orgs', {
      method: 'POST',
      headers: { ...asAdmin, 'Content-Type': 'application/json' },
      body: stream,
      // @ts-expect-error: workerd's RequestInit accepts duplex for streamed bodies
      duplex: 'half',
    });
    expect(response.status).toBe(413);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ name: 'a' });
    const padded = body + ' '.repeat(LIMIT - body.length);
    const response = await call('/api/v2/admin/orgs', json('POST', padded, asAdmin));
    expect(response.status).toBe(201);
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const response = await call('/api/v2/nope');
    expect(response.status).toBe(404);
    expect((await problem(response)).code).toBe('not_found');
  });

  it('answers 500 without internals for an unexpected failure', async () => {
    const app = createApp({
      store: () => {
        throw new Error('db password is hunter2');
      },
    });
    const response = await app.fetch(new Request('https://x/healthz'), env);
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toContain('hunter2');
    expect(await problem(response)).toMatchObject({ status: 500, code: 'internal_error' });
  });
});

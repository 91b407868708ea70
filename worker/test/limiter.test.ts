import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../src/limiter/rate-limiter.ts';
import { slidingWindow } from '../src/limiter/sliding-window.ts';
import { call, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';

const WINDOW = { limit: 120, windowMs: 60_000 };

function run(times: number[]) {
  let state: readonly number[] = [];
  return times.map((now) => {
    const decision = slidingWindow(state, now, WINDOW);
    state = decision.state;
    return decision;
  });
}

describe('slidingWindow', () => {
  it('allows 120 requests within a minute', () => {
    const decisions = run(Array.from({ length: 120 }, (_, i) => 1_000 + i * 100));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(decisions.at(-1)?.remaining).toBe(0);
  });

  it('refuses the 121st request within the minute, with the seconds until a slot frees', () => {
    const decisions = run(Array.from({ length: 121 }, (_, i) => 1_000 + i * 100));
    const last = decisions.at(-1)!;
    expect(last.allowed).toBe(false);
    // The first request (t=1000) leaves the window at 61000; now is 13000: 48 s.
    expect(last.resetSeconds).toBe(48);
  });

  it('allows requests again when the oldest leaves the window', () => {
    const times = [...Array.from({ length: 120 }, (_, i) => i), 60_000 - 1, 60_000];
    const decisions = run(times);
    expect(decisions[120]?.allowed).toBe(false);
    expect(decisions[121]?.allowed).toBe(true);
  });

  it('reports the seconds until the oldest request leaves the window', () => {
    const [first, second] = run([1_000, 31_000]);
    expect(first?.resetSeconds).toBe(60);
    expect(second?.resetSeconds).toBe(30);
  });

  it('does not count refused requests', () => {
    const full = run(Array.from({ length: 120 }, () => 0));
    const state = full.at(-1)!.state;
    const refused = slidingWindow(state, 30_000, WINDOW);
    expect(refused.state).toEqual(state);
  });
});

describe('RateLimiter', () => {
  it('keeps its window in the object across calls', async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(freshIp()));
    for (let i = 0; i < 3; i++) await stub.check({ limit: 3, windowMs: 60_000 }, 1_000 + i);
    const refused = await stub.check({ limit: 3, windowMs: 60_000 }, 2_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    const stored = await runInDurableObject(stub, (_instance: RateLimiter, state) =>
      state.storage.get('window'),
    );
    expect(stored).toEqual([1_000, 1_001, 1_002]);
  });
});

describe('operator route rate limit', () => {
  it('answers the 121st request from one IP within a minute with 429 and the headers, before authentication', async () => {
    const ip = freshIp();
    const init = () => json('POST', {}, { 'CF-Connecting-IP': ip });
    for (let i = 0; i < 120; i++) {
      const response = await call('/api/v2/operator/report', init());
      expect(response.status).toBe(401);
    }
    const limited = await call('/api/v2/operator/report', init());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Content-Type')).toBe('application/problem+json');
    expect(((await limited.json()) as { code: string }).code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(limited.headers.get('RateLimit-Limit')).toBe('120');
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(limited.headers.get('RateLimit-Reset'))).toBeGreaterThan(0);
  });

  it('puts the RateLimit headers on successful and failed responses', async () => {
    const { key } = await createOrgAndKey(['write']);
    const ip = freshIp();
    const ok = await call(
      '/api/v2/operator/report',
      json(
        'POST',
        { cluster_id: 'c', namespace: 'default', resources: [] },
        { ...withKey(key), 'CF-Connecting-IP': ip },
      ),
    );
    const bad = await call(
      '/api/v2/operator/report',
      json('POST', '{', { ...withKey(key), 'CF-Connecting-IP': ip }),
    );
    expect(ok.status).toBe(201);
    expect(bad.status).toBe(400);
    expect(ok.headers.get('RateLimit-Remaining')).toBe('119');
    expect(bad.headers.get('RateLimit-Remaining')).toBe('118');
    expect(bad.headers.get('RateLimit-Limit')).toBe('120');
  });

  it('counts each client IP separately', async () => {
    const a = freshIp();
    for (let i = 0; i < 120; i++)
      await call('/api/v2/operator/report', json('POST', {}, { 'CF-Connecting-IP': a }));
    const other = await call('/api/v2/operator/report', json('POST', {}, { 'CF-Connecting-IP': freshIp() }));
    expect(other.status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { inProcessRateLimiters } from '../src/limiter/in-process-rate-limiter.ts';

const WINDOW = { limit: 2, windowMs: 60_000 };

describe('inProcessRateLimiters', () => {
  it('keeps one window per client name, as the Durable Object per IP does', async () => {
    const table = inProcessRateLimiters();
    const check = (ip: string, now: number) => table.get(table.idFromName(ip)).check(WINDOW, now);
    expect(await check('a', 1_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await check('a', 1_001)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await check('a', 1_002)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60 });
    expect(await check('b', 1_003)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await check('a', 61_001)).toMatchObject({ allowed: true });
  });

  it('forgets the least recently seen client when it holds maxClients', async () => {
    const table = inProcessRateLimiters({ maxClients: 2 });
    const check = (ip: string) => table.get(table.idFromName(ip)).check(WINDOW, 1_000);
    await check('a');
    await check('a');
    await check('b');
    expect(await check('a')).toMatchObject({ allowed: false });
    await check('c'); // b is the least recently seen: dropped
    expect(await check('a')).toMatchObject({ allowed: false });
    expect(await check('b')).toMatchObject({ allowed: true, remaining: 1 });
  });
});

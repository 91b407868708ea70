import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SendOutcome } from '../src/report-client.ts';
import { createReportScheduler } from '../src/report-scheduler.ts';

const sent: SendOutcome = { kind: 'sent', reportId: 'r', resourceCount: 1, bytes: 10 };

function scheduler(outcomes: SendOutcome[] = []) {
  const calls: { scope: string; at: number }[] = [];
  const s = createReportScheduler({
    scopes: ['a', 'b'],
    send: async (scope) => {
      calls.push({ scope, at: Date.now() });
      return outcomes.shift() ?? sent;
    },
    intervalMs: 30_000,
    random: () => 0.5,
  });
  return { s, calls };
}

describe('createReportScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports every scope at start and then every interval', async () => {
    const { s, calls } = scheduler();
    s.start();
    await vi.advanceTimersByTimeAsync(60_500);
    expect(calls).toEqual([
      { scope: 'a', at: 0 },
      { scope: 'b', at: 0 },
      { scope: 'a', at: 30_000 },
      { scope: 'b', at: 30_000 },
      { scope: 'a', at: 60_000 },
      { scope: 'b', at: 60_000 },
    ]);
    s.stop();
  });

  it('reports a burst of changes once, after the debounce and at least 5 s after the last report', async () => {
    const { s, calls } = scheduler();
    s.start();
    await vi.advanceTimersByTimeAsync(100);
    for (let i = 0; i < 20; i++) s.changed('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.filter((c) => c.scope === 'a').map((c) => c.at)).toEqual([0, 5000]);
    s.stop();
  });

  it('backs off with jitter after a failure and retries', async () => {
    const { s, calls } = scheduler([{ kind: 'failed', reason: 'down', retryable: true }]);
    s.start();
    await vi.advanceTimersByTimeAsync(1000);
    // a failed at 0, b sent at 0; a retried after backoffDelay(1) = 0.5 × 1000 ms.
    expect(calls.map((c) => [c.scope, c.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 500],
    ]);
    s.stop();
  });

  it('waits for Retry-After after a 429', async () => {
    const { s, calls } = scheduler([{ kind: 'rate_limited', retryAfterMs: 8000 }]);
    s.start();
    await vi.advanceTimersByTimeAsync(9000);
    expect(calls.filter((c) => c.scope === 'a').map((c) => c.at)).toEqual([0, 8000]);
    s.stop();
  });

  it('flushes a pending change at shutdown', async () => {
    const { s, calls } = scheduler();
    s.start();
    await vi.advanceTimersByTimeAsync(100);
    s.changed('b');
    expect(s.pending()).toBe(true);
    await s.flush(1000);
    expect(calls.at(-1)).toEqual({ scope: 'b', at: 100 });
  });
});

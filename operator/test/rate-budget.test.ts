import { describe, expect, it } from 'vitest';
import { createRateBudget } from '../src/rate-budget.ts';

describe('createRateBudget', () => {
  it('lets the limit through, then waits until the oldest request leaves the window', () => {
    let now = 0;
    const budget = createRateBudget({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(budget.waitMs()).toBe(0);
      budget.spend();
      now += 1000;
    }
    expect(budget.waitMs()).toBe(57_000);
  });

  it('waits for Retry-After after a 429 even with budget left', () => {
    let now = 10_000;
    const budget = createRateBudget({ now: () => now });
    budget.block(7000);
    now += 2000;
    expect(budget.waitMs()).toBe(5000);
  });
});

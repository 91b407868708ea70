import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/backoff-delay.ts';

describe('backoffDelay', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [10, 30_000],
  ])('draws from [0, base·2^(n−1)] capped at max when attempt is %i', (attempt, expected) => {
    expect(backoffDelay(attempt, { baseMs: 1000, maxMs: 60_000, random: () => 0.5 })).toBe(expected);
  });

  it('never waits 0 ms when the draw is 0', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(1);
  });
});

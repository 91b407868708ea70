import { describe, expect, it } from 'vitest';
import { parseQuantity, quantitiesEqual } from '../../src/match/quantity.ts';

describe('parseQuantity', () => {
  it.each([
    ['1', 1n, 1n],
    ['1500m', 1500n, 1000n],
    ['.5', 5n, 10n],
    ['2.', 2n, 1n],
    ['-3k', -3000n, 1n],
    ['+1Ki', 1024n, 1n],
    ['1e3', 1000n, 1n],
    ['5E-2', 5n, 100n],
    ['100n', 100n, 1000000000n],
    ['7u', 7n, 1000000n],
  ])('reads %s as %s/%s', (text, numerator, denominator) => {
    expect(parseQuantity(text)).toEqual({ numerator, denominator });
  });

  it.each(['', 'abc', '1Kb', '1.2.3', '.', 'Mi', '1 Gi', '1e', '1e1000000', '0x10'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('quantitiesEqual', () => {
  it.each<[string | number, string | number]>([
    ['1000m', '1'],
    ['1Gi', '1024Mi'],
    ['0.5', '500m'],
    ['1e3', '1k'],
    ['1Ei', '1152921504606846976'],
    ['0.1', '100m'],
    [1, '1000m'],
    [0.25, '250m'],
    ['1M', '1e6'],
  ])('finds %s equal to %s', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(true);
  });

  it.each<[string | number, string | number]>([
    ['1Gi', '1G'],
    ['1m', '1M'],
    ['100000000000000000001', '100000000000000000000'],
    ['0.30000000000000001', '300m'],
    ['1', 'one'],
  ])('finds %s different from %s', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(false);
  });
});

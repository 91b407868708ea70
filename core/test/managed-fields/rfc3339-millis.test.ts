import { describe, expect, it } from 'vitest';
import { rfc3339Millis } from '../../src/managed-fields/rfc3339-millis.ts';

describe('rfc3339Millis', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0],
    ['2025-04-22T09:14:03Z', Date.UTC(2025, 3, 22, 9, 14, 3)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-03-01T00:00:00Z', Date.UTC(2000, 2, 1)],
    ['1900-03-01T00:00:00Z', Date.UTC(1900, 2, 1)],
    ['2025-04-22T11:14:03+02:00', Date.UTC(2025, 3, 22, 9, 14, 3)],
    ['2025-04-22T09:14:03.250Z', Date.UTC(2025, 3, 22, 9, 14, 3, 250)],
  ])('reads %s as the instant Date.UTC gives', (text, millis) => {
    expect(rfc3339Millis(text)).toBe(millis);
  });

  it.each(['', 'yesterday', '2025-13-01T00:00:00Z', '2025-04-22 09:14', 42])('is null for %s', (text) => {
    expect(rfc3339Millis(text)).toBeNull();
  });
});

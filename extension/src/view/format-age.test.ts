import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age.ts';

const at = (iso: string) => Date.parse(iso);

describe('formatAge', () => {
  it.each([
    ['2026-11-22T01:00:30Z', 'just now'],
    ['2026-11-22T01:59:00Z', '59 min ago'],
    ['2026-11-23T22:00:00Z', '45 h ago'],
    ['2026-11-25T01:00:00Z', '3 d ago'],
  ])('says how long ago a scan was when now is %s', (now, expected) => {
    expect(formatAge('2026-11-22T01:00:00Z', at(now))).toBe(expected);
  });

  it('says unknown age when the time cannot be parsed', () => {
    expect(formatAge('yesterday', 0)).toBe('unknown age');
  });
});

import { describe, expect, it } from 'vitest';
import { diagnosticLevel } from './diagnostic-level.ts';

describe('diagnosticLevel', () => {
  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'information'],
  ] as const)('shows %s drift as %s', (severity, level) => {
    expect(diagnosticLevel(severity)).toBe(level);
  });
});

import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';

describe('formatValue', () => {
  it.each([
    [6, '6'],
    ['nginx:1.27', '"nginx:1.27"'],
    [null, 'null'],
    [{ name: 'A', value: '1' }, '{"name":"A","value":"1"}'],
  ])('writes %j as %s', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  it('cuts long values with an ellipsis', () => {
    expect(formatValue('x'.repeat(100), { maxLength: 10 })).toBe('"xxxxxxxx…');
  });
});

import { describe, expect, it } from 'vitest';
import { chunkBySize, groupsBySize, SizeGroups } from '../src/store/chunk-by-size.ts';

describe('groupsBySize', () => {
  it('keeps every item in order, each group within maxBytes counting a comma per item', () => {
    const items = Array.from({ length: 50 }, (_, i) => `{"n":${i}}`);
    const groups = [...groupsBySize(items, 40)];
    expect(groups.flat()).toEqual(items);
    for (const group of groups) expect(group.join(',').length + 1).toBeLessThanOrEqual(40);
    expect(chunkBySize(items, 40)).toEqual(groups);
  });

  it('counts UTF-8 bytes, not UTF-16 units, and gives a larger item a group of its own', () => {
    // 'é' is 2 bytes: three of these items (6 bytes + comma each) pass 16 bytes, two do not.
    expect([...groupsBySize(['"éé"', '"éé"', '"éé"'], 16)]).toEqual([['"éé"', '"éé"'], ['"éé"']]);
    expect([...groupsBySize(['a', 'x'.repeat(100), 'b'], 10)]).toEqual([['a'], ['x'.repeat(100)], ['b']]);
  });
});

describe('SizeGroups', () => {
  it('gives back the group an item closes, the open one on end, and the bytes added so far', () => {
    const groups = new SizeGroups(10);
    expect(groups.add('1234')).toBeUndefined();
    expect(groups.add('5678')).toBeUndefined();
    expect(groups.add('9')).toEqual(['1234', '5678']);
    expect(groups.bytesAdded).toBe(12);
    expect(groups.end()).toEqual(['9']);
    expect(groups.end()).toBeUndefined();
  });
});

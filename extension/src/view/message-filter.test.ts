import { describe, expect, it } from 'vitest';
import { createMessageFilter } from './message-filter.ts';

describe('createMessageFilter', () => {
  it('lets a repeated message through only once', () => {
    const filter = createMessageFilter();
    expect([filter.first('401'), filter.first('401'), filter.first('offline')]).toEqual([true, false, true]);
  });

  it('lets a message through again after a reset', () => {
    const filter = createMessageFilter();
    filter.first('401');
    filter.reset();
    expect(filter.first('401')).toBe(true);
  });
});

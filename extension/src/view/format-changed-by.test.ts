import { describe, expect, it } from 'vitest';
import { formatChangedBy } from './format-changed-by.ts';

const now = Date.parse('2026-11-22T03:00:00Z');

describe('formatChangedBy', () => {
  it('names the subresource after the manager when the write went through one', () => {
    const changedBy = {
      manager: 'kubectl',
      operation: 'Update',
      subresource: 'scale',
      time: '2026-11-22T01:00:00Z',
    };
    expect(formatChangedBy(changedBy, now)).toBe('kubectl scale 2 h ago');
  });

  it('shows the manager alone when there is no subresource', () => {
    const changedBy = {
      manager: 'kubectl-edit',
      operation: 'Update',
      subresource: null,
      time: '2026-11-19T03:00:00Z',
    };
    expect(formatChangedBy(changedBy, now)).toBe('kubectl-edit 3 d ago');
  });

  it('returns null when no managedFields entry covers the path', () => {
    expect(formatChangedBy(null, now)).toBeNull();
  });
});

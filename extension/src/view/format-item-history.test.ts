import { describe, expect, it } from 'vitest';
import type { DriftEvent } from '../api/scan-types.ts';
import { formatItemHistory } from './format-item-history.ts';

const now = Date.parse('2026-11-22T12:00:00Z');

function event(type: DriftEvent['type'], at: string, manager?: string): DriftEvent {
  const changedBy = manager ? { manager, operation: 'Update', subresource: null, time: at } : null;
  return {
    id: `${type}-${at}`,
    type,
    scan_id: 's',
    at,
    cluster_id: 'prod',
    namespace: 'fleet',
    resource_id: 'k8s/deployment/fleet/api',
    status: 'changed',
    severity: 'low',
    changes: [{ path: 'spec.replicas', iac: 2, live: 4, severity: 'low', changed_by: changedBy }],
  };
}

describe('formatItemHistory', () => {
  it('says when the drift appeared, by whom, and when it changed again', () => {
    const events = [
      event('changed', '2026-11-22T10:00:00Z'),
      event('appeared', '2026-11-19T12:00:00Z', 'kubectl-edit'),
    ];
    expect(formatItemHistory(events, now)).toBe('first seen 3 d ago by kubectl-edit; changed again 2 h ago');
  });

  it('counts the changes since the drift appeared', () => {
    const events = [
      event('appeared', '2026-11-22T06:00:00Z'),
      event('changed', '2026-11-22T08:00:00Z'),
      event('changed', '2026-11-22T11:00:00Z'),
    ];
    expect(formatItemHistory(events, now)).toBe('first seen 6 h ago; changed again 1 h ago (2 times)');
  });

  it('starts from the latest appearance when the drift was resolved in between', () => {
    const events = [
      event('appeared', '2026-11-10T12:00:00Z', 'kubectl'),
      event('resolved', '2026-11-12T12:00:00Z'),
      event('appeared', '2026-11-22T09:00:00Z', 'k9s'),
    ];
    expect(formatItemHistory(events, now)).toBe('first seen 3 h ago by k9s; it had been resolved before');
  });

  it('returns null when there are no events', () => {
    expect(formatItemHistory([], now)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { servedDriftItem } from '../src/ingest/served-drift-item.ts';

const head = {
  status: 'changed' as const,
  resource_id: 'k8s/configmap/shop/a',
  normalized_type: 'k8s/configmap',
  namespace: 'shop',
  name: 'a',
  severity: 'medium' as const,
  iac: { state_source: 'main', address: 'kubernetes_config_map_v1.a' },
};
const seen = {
  first_seen_scan_id: '00000000-0000-4000-8000-000000000000',
  first_seen_at: '2026-01-01T00:00:00.000Z',
};
const base = { ...head, ignored: false, ...seen };

describe('servedDriftItem', () => {
  it('gives an item stored before changed_by and accepted both, in the CONTRACT key order', () => {
    const served = servedDriftItem({
      ...base,
      changes: [{ path: 'data.A', iac: '1', live: '2', severity: 'medium', ignored: true, ignore_rule: 'x' }],
    });
    expect(JSON.stringify(served)).toBe(
      JSON.stringify({
        ...head,
        changes: [
          {
            path: 'data.A',
            iac: '1',
            live: '2',
            severity: 'medium',
            changed_by: null,
            ignored: true,
            ignore_rule: 'x',
          },
        ],
        ignored: false,
        ...seen,
        accepted: false,
      }),
    );
  });

  it('serves a current item as stored', () => {
    const item = {
      ...base,
      changes: [{ path: 'data.A', iac: '1', live: '2', severity: 'medium' as const, changed_by: null }],
      accepted: false,
    };
    expect(servedDriftItem(item)).toBe(item);
  });
});

import { describe, expect, it } from 'vitest';
import { exampleDrift } from '../../test/support/example-drift.ts';
import { statusBarView } from './status-bar-view.ts';

const now = Date.parse('2026-11-22T01:07:00.000Z');

describe('statusBarView', () => {
  it('shows the drift count and the age of the newest scan', () => {
    const view = statusBarView({ drifts: [exampleDrift('hand-edits')], now });
    expect(view).toMatchObject({ text: '$(warning) DriftWise: 3 drifted · 7 min ago', tone: 'warning' });
  });

  it('does not count ignored items', () => {
    const drift = exampleDrift('hand-edits');
    drift.items[0]!.ignored = true;
    expect(statusBarView({ drifts: [drift], now }).text).toBe('$(warning) DriftWise: 2 drifted · 7 min ago');
  });

  it('shows the error instead of the count when the last refresh failed', () => {
    const view = statusBarView({
      drifts: [exampleDrift('hand-edits')],
      error: 'prod: API key rejected (401)',
      now,
    });
    expect(view).toMatchObject({ text: '$(error) DriftWise: prod: API key rejected (401)', tone: 'error' });
  });

  it('asks to be set up when not configured', () => {
    expect(statusBarView({ drifts: [], configured: false, now }).text).toBe('$(gear) DriftWise: set up');
  });

  it('says in sync when no item drifted', () => {
    const drift = { ...exampleDrift('hand-edits'), items: [] };
    expect(statusBarView({ drifts: [drift], now }).text).toBe('$(check) DriftWise: in sync · 7 min ago');
  });

  it('counts accepted items apart from the drifted ones', () => {
    const drift = exampleDrift('hand-edits');
    drift.items[0]!.accepted = true;
    expect(statusBarView({ drifts: [drift], now }).text).toBe(
      '$(warning) DriftWise: 2 drifted · 1 accepted · 7 min ago',
    );
  });

  it('shows the scan warnings in the text and the tooltip when the scope is empty', () => {
    const drift = { ...exampleDrift('hand-edits'), items: [] };
    drift.warnings = [{ code: 'empty_scope', message: 'no live and no IaC object in fleet' }];
    const view = statusBarView({ drifts: [drift], now });
    expect(view).toMatchObject({
      text: '$(warning) DriftWise: in sync · 1 warning · 7 min ago',
      tone: 'warning',
    });
    expect(view.tooltip).toContain(
      '⚠ example-cluster/fleet: empty_scope: no live and no IaC object in fleet',
    );
  });
});

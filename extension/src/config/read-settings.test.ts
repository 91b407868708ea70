import { describe, expect, it } from 'vitest';
import { defaultSettings, readSettings } from './read-settings.ts';

describe('readSettings', () => {
  it('applies the defaults when nothing is set', () => {
    expect(readSettings(() => undefined)).toEqual(defaultSettings);
  });

  it('drops values of the wrong type instead of failing', () => {
    const values: Record<string, unknown> = { apiUrl: 42, refreshIntervalSeconds: -5, clusterIds: 'a, b,,a' };
    expect(readSettings((key) => values[key])).toMatchObject({
      apiUrl: 'http://127.0.0.1:8787',
      refreshIntervalSeconds: 60,
      clusterIds: ['a', 'b'],
    });
  });

  it('keeps 0 as manual refresh', () => {
    expect(
      readSettings((key) => (key === 'refreshIntervalSeconds' ? 0 : undefined)).refreshIntervalSeconds,
    ).toBe(0);
  });

  it('reads "*" in namespaces as every namespace', () => {
    expect(readSettings((key) => (key === 'namespaces' ? ['*'] : undefined)).namespaces).toEqual([]);
  });
});

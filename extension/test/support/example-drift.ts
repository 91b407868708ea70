import { readFileSync } from 'node:fs';
import type { ScanDrift } from '../../src/api/scan-types.ts';

/** The worked examples' drift responses: `examples/<name>/drift.json` at the repository root. */
export function exampleDrift(
  name: 'hand-edits' | 'missing-extra-manifest',
  { scanId = `scan-${name}`, createdAt = '2026-11-22T01:00:00.000Z' } = {},
): ScanDrift {
  const raw = readFileSync(new URL(`../../../examples/${name}/drift.json`, import.meta.url), 'utf8');
  return JSON.parse(
    raw.replaceAll('<scan-uuid>', scanId).replaceAll('<scan-created-at>', createdAt),
  ) as ScanDrift;
}

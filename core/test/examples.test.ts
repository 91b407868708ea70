import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DriftResult,
  matchDrift,
  operatorReportRequestSchema,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';
import { EXAMPLES_DIR, readExample } from './support/examples.ts';

/** The drift the service answers, less the fields only the worker knows (scan id, times, paging). */
function expectedDrift(name: string) {
  const { scan_id, created_at, cluster_id, namespace, next_cursor, ...rest } = readExample(
    name,
    'drift.json',
  ) as Record<string, unknown> & { items: Record<string, unknown>[] };
  return {
    ...rest,
    items: rest.items.map(({ first_seen_scan_id, first_seen_at, ...item }) => item),
  };
}

function runExample(name: string): DriftResult {
  const hasher = secretHasher('examples', 'k1test');
  const state = readTerraformState(readFileSync(`${EXAMPLES_DIR}${name}/state.tfstate`, 'utf8'), {
    secretHasher: hasher,
    stateSource: 'main',
  });
  const report = operatorReportRequestSchema.parse(readExample(name, 'report.json'));
  return matchDrift({
    live: toLiveResources(report, { secretHasher: hasher }),
    iac: state.resources,
    namespace: report.namespace,
  });
}

describe('the shared worked examples', () => {
  it.each(['in-sync', 'hand-edits', 'missing-extra-manifest'])('gives the drift of %s/drift.json', (name) => {
    expect(runExample(name)).toEqual(expectedDrift(name));
  });
});

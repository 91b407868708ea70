import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type LivePartition,
  type LiveResource,
  matchDrift,
  matchDriftInPartitions,
  operatorReportRequestSchema,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../../src/index.ts';
import { EXAMPLES_DIR, readExample } from '../support/examples.ts';

const names = ['in-sync', 'hand-edits', 'missing-extra-manifest'];

function inputs(name: string, namespace?: string) {
  const hasher = secretHasher('examples', 'k1test');
  const state = readTerraformState(readFileSync(`${EXAMPLES_DIR}${name}/state.tfstate`, 'utf8'), {
    secretHasher: hasher,
    stateSource: 'main',
  });
  const report = operatorReportRequestSchema.parse(readExample(name, 'report.json'));
  return {
    live: toLiveResources(report, { secretHasher: hasher }),
    iac: state.resources,
    namespace: namespace ?? report.namespace,
    stateSources: [{ name: 'main', skipped: {} }],
  };
}

/** The live objects by their own namespace, in report order. */
async function* byNamespace(live: LiveResource[]): AsyncIterable<LivePartition> {
  const groups = new Map<string | null, LiveResource[]>();
  for (const resource of live)
    groups.set(resource.namespace, [...(groups.get(resource.namespace) ?? []), resource]);
  for (const [namespace, resources] of groups) yield { namespace, live: resources };
}

describe('matchDriftInPartitions', () => {
  it.each(names)('gives the result of matchDrift for %s', async (name) => {
    const { live, ...rest } = inputs(name);
    expect(await matchDriftInPartitions({ ...rest, partitions: byNamespace(live) })).toEqual(
      matchDrift({ live, ...rest }),
    );
  });

  it.each(names)('gives the result of matchDrift for %s as a whole-cluster scope', async (name) => {
    const { live, ...rest } = inputs(name, '*');
    expect(await matchDriftInPartitions({ ...rest, partitions: byNamespace(live) })).toEqual(
      matchDrift({ live, ...rest }),
    );
  });

  it('reports the declared namespaces that no partition has as missing', async () => {
    const { live, ...rest } = inputs('missing-extra-manifest', '*');
    const result = await matchDriftInPartitions({ ...rest, partitions: byNamespace([]) });
    expect(result.summary.missing).toBe(matchDrift({ live: [], ...rest }).summary.missing);
    expect(result.summary.missing).toBeGreaterThan(0);
    expect(live.length).toBeGreaterThan(0);
  });
});

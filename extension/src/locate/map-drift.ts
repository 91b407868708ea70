import { toStatePath as coreToStatePath, type StatePathStep } from '@driftwise/core';
import type { ApiDriftChange, ApiDriftItem, ScanDrift } from '../api/scan-types.ts';
import type { HclBlock } from '../hcl/hcl-block.ts';
import type { Span } from '../hcl/span.ts';
import { locateSteps } from './locate-steps.ts';
import { parseTerraformAddress } from './parse-terraform-address.ts';
import type { TerraformWorkspace } from './terraform-workspace.ts';

/** The scan a drift item came from, for hovers and messages. */
export interface ScanRef {
  scan_id: string;
  cluster_id: string;
  namespace: string;
  created_at: string;
}

/** One change placed on a line. `exact` is false when the walk stopped at an enclosing attribute or block. */
export interface LocatedChange {
  change: ApiDriftChange;
  head: Span;
  exact: boolean;
}

/** A drift item placed on its resource block in one file. */
export interface LocatedDrift {
  uri: string;
  scan: ScanRef;
  item: ApiDriftItem;
  /** The Terraform address from the drift: `module.app.kubernetes_deployment_v1.api`. */
  address: string;
  /** The module call chain that reached this block, or `null` in a root module. */
  via: string | null;
  /** The instance key (`count` index or `for_each` key) when the block makes several instances. */
  instanceKey: string | number | null;
  block: Span;
  /** The resource block's syntax (plain data), from which quick fixes compute their edits. */
  resource: HclBlock;
  /** The resource type of the address: `kubernetes_deployment_v1`, `kubernetes_manifest`. */
  terraformType: string;
  changes: LocatedChange[];
}

export interface MapDriftOptions {
  /** core's change path → HCL steps translation; injected so tests can count or vary it. */
  toStatePath?: (terraformType: string, apiPath: string) => StatePathStep[] | null;
}

/**
 * Places every shown drift item on the resource blocks of the workspace. Ignored items and ignored
 * changes are left out; `extra` items have no block (they are not in Terraform) and are left out too.
 * A change with `declared_by` goes on the block of that (patch-style) resource, so one item can be
 * placed on several blocks, each with its own changes.
 * @example mapDrift(workspace, [drift]) // [{ uri, block: { startLine: 12, … }, changes: [{ head: …, exact: true }] }]
 */
export function mapDrift(
  workspace: TerraformWorkspace,
  drifts: readonly ScanDrift[],
  { toStatePath = coreToStatePath }: MapDriftOptions = {},
): LocatedDrift[] {
  const located: LocatedDrift[] = [];
  // Many resources drift on the same paths (`spec.replicas`): translate each (type, path) once.
  const stepsCache = new Map<string, StatePathStep[] | null>();
  const stepsFor = (type: string, path: string) => {
    const key = `${type} ${path}`;
    let steps = stepsCache.get(key);
    if (steps === undefined) {
      steps = toStatePath(type, path);
      stepsCache.set(key, steps);
    }
    return steps;
  };
  for (const drift of drifts) {
    const scan: ScanRef = {
      scan_id: drift.scan_id,
      cluster_id: drift.cluster_id,
      namespace: drift.namespace,
      created_at: drift.created_at,
    };
    for (const item of drift.items) {
      if (item.ignored || item.status === 'extra' || !item.iac) continue;
      const changes = item.changes.filter((change) => !change.ignored);
      // A changed item whose every change is ignored has nothing left to show.
      if (item.status === 'changed' && changes.length === 0) continue;
      // A change on a field a patch-style resource declares (`declared_by`: kubernetes_labels,
      // kubernetes_env, …) belongs on that resource's block; the others on the item's.
      const byAddress = new Map<string, ApiDriftChange[]>([[item.iac.address, []]]);
      for (const change of changes) {
        const target = change.declared_by?.address ?? item.iac.address;
        byAddress.set(target, [...(byAddress.get(target) ?? []), change]);
      }
      for (const [target, own] of byAddress) {
        // The item's own block always shows the item (a missing one has no changes at all).
        if (own.length === 0 && (target !== item.iac.address || item.status === 'changed')) continue;
        const address = parseTerraformAddress(target);
        if (!address) continue;
        for (const match of workspace.findResource(address)) {
          located.push({
            uri: match.uri,
            scan,
            item,
            address: target,
            via: match.via,
            instanceKey: address.key,
            block: match.block.head,
            resource: match.block.block,
            terraformType: address.type,
            changes: own.map((change) => {
              const steps = stepsFor(address.type, change.path);
              if (!steps) return { change, head: match.block.head, exact: false };
              const { head, exact } = locateSteps(match.block.block, steps);
              return { change, head, exact };
            }),
          });
        }
      }
    }
  }
  return located;
}

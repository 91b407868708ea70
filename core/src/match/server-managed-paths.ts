import { isJsonObject } from '../json.ts';
import type { LiveResource } from '../model.ts';

/** What decides which declared paths of one object the server, not Terraform, owns. */
export interface ServerManagedPathsOptions {
  live: LiveResource;
  /** Resource IDs scaled by a live HPA (see `hpaTargets`). */
  hpaTargets: ReadonlySet<string>;
}

/**
 * Declared paths of one live object that are not compared because something other than Terraform
 * sets them: `spec.replicas` of a workload an HPA scales, and a Service's
 * `spec.allocateLoadBalancerNodePorts`, which typed state records as `true` for every Service while the
 * API server keeps it only on `type: LoadBalancer`.
 *
 * @example
 * serverManagedPaths({ live: deployment, hpaTargets: new Set([deployment.id]) }) // Set { 'spec.replicas' }
 */
export function serverManagedPaths({ live, hpaTargets }: ServerManagedPathsOptions): Set<string> {
  const paths = new Set<string>();
  if (hpaTargets.has(live.id)) paths.add('spec.replicas');
  if (live.kind === 'service') {
    const spec = live.object.spec;
    if (!isJsonObject(spec) || spec.type !== 'LoadBalancer') paths.add('spec.allocateLoadBalancerNodePorts');
  }
  return paths;
}

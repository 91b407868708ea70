import type { DriftStatus } from '@driftwise/core';
import type { ApiDriftItem, ScanDrift } from '../api/scan-types.ts';
import type { Span } from '../hcl/span.ts';

/** Where a tree entry opens in the editor. */
export interface TreeLocation {
  uri: string;
  span: Span;
}

/** A node of the "DriftWise" tree: cluster → namespace → status group → resource. */
export interface DriftTreeNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  kind: 'cluster' | 'namespace' | 'group' | 'resource';
  status?: DriftStatus;
  /** The block to open, for missing and changed resources found in the workspace. */
  location?: TreeLocation;
  /** For `extra` resources: the scan whose generated Terraform can be opened. */
  iacScanId?: string;
  /** For resources: the drift item's `resource_id`. */
  resourceId?: string;
  children: DriftTreeNode[];
}

const statusOrder: readonly DriftStatus[] = ['missing', 'changed', 'extra'];

/**
 * Groups the shown (not ignored) drift per cluster and namespace, then per status.
 * @example buildDriftTree([drift], { locate: () => undefined })[0].children[0].children[0].label // 'missing (1)'
 */
export function buildDriftTree(
  drifts: readonly ScanDrift[],
  {
    locate = () => undefined,
    hasIac = () => false,
  }: {
    /** The block an item lives in, when the workspace has it. */
    locate?: (scanId: string, item: ApiDriftItem) => TreeLocation | undefined;
    /** Whether the scan has generated IaC (the extension knows after asking once). */
    hasIac?: (scanId: string) => boolean;
  } = {},
): DriftTreeNode[] {
  const clusters = new Map<string, DriftTreeNode>();
  for (const drift of drifts) {
    const cluster = clusters.get(drift.cluster_id) ?? {
      id: `cluster:${drift.cluster_id}`,
      label: drift.cluster_id,
      kind: 'cluster',
      children: [],
    };
    clusters.set(drift.cluster_id, cluster);
    const shown = drift.items.filter((item) => !item.ignored);
    const namespaceId = `${cluster.id}/ns:${drift.namespace}`;
    const warnings = drift.warnings ?? [];
    const namespace: DriftTreeNode = {
      id: namespaceId,
      label: drift.namespace === '*' ? 'all namespaces' : drift.namespace,
      description: [
        shown.length === 0 ? 'in sync' : `${shown.length} drifted`,
        warnings.length > 0 ? `⚠ ${warnings.map((warning) => warning.code).join(', ')}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `scan ${drift.scan_id} at ${drift.created_at}`,
        ...warnings.map((warning) => `⚠ ${warning.code}: ${warning.message}`),
      ].join('\n'),
      kind: 'namespace',
      children: statusOrder.flatMap((status) => {
        const items = shown.filter((item) => item.status === status);
        if (items.length === 0) return [];
        return [
          {
            id: `${namespaceId}/${status}`,
            label: `${status} (${items.length})`,
            kind: 'group' as const,
            status,
            children: items.map((item) =>
              resourceNode(drift, item, `${namespaceId}/${status}`, locate, hasIac),
            ),
          },
        ];
      }),
    };
    cluster.children.push(namespace);
  }
  for (const cluster of clusters.values()) {
    const count = cluster.children.reduce(
      (sum, ns) => sum + ns.children.reduce((s, g) => s + g.children.length, 0),
      0,
    );
    cluster.description = count === 0 ? 'in sync' : `${count} drifted`;
  }
  return [...clusters.values()];
}

function resourceNode(
  drift: ScanDrift,
  item: ApiDriftItem,
  parentId: string,
  locate: (scanId: string, item: ApiDriftItem) => TreeLocation | undefined,
  hasIac: (scanId: string) => boolean,
): DriftTreeNode {
  const kind = item.normalized_type.replace(/^k8s\//, '');
  const shownChanges = item.changes.filter((change) => !change.ignored);
  const node: DriftTreeNode = {
    id: `${parentId}/${item.resource_id}`,
    label: `${kind}/${item.name}`,
    description: [
      item.accepted ? 'accepted' : null,
      item.severity,
      item.iac?.address,
      shownChanges.length > 0 ? `${shownChanges.length} changes` : null,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: [
      item.resource_id,
      ...shownChanges.map((change) => `${change.path}: ${JSON.stringify(change.live)}`),
    ].join('\n'),
    kind: 'resource',
    status: item.status,
    resourceId: item.resource_id,
    children: [],
  };
  const location = locate(drift.scan_id, item);
  if (location) node.location = location;
  if (item.status === 'extra' && hasIac(drift.scan_id)) node.iacScanId = drift.scan_id;
  return node;
}

import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { owningEntry, toChangedBy } from '../managed-fields/changed-by.ts';
import type { ManagedFieldsEntry } from '../managed-fields/managed-fields-entries.ts';
import { ownedLeaves } from '../managed-fields/owned-leaves.ts';
import { personToolMatcher } from '../managed-fields/person-tools.ts';
import { rfc3339Millis } from '../managed-fields/rfc3339-millis.ts';
import type { ChangedBy } from '../model.ts';
import { formatChangePath, type PathSegment } from './change-path.ts';
import type { FieldChange } from './compare-objects.ts';
import { isInternalKey } from './is-internal-key.ts';
import { isZeroValue } from './is-zero-value.ts';
import { isServerDefault } from './server-default.ts';

/** An undeclared field a person wrote: a change with `iac: null` and who wrote it. */
export interface UndeclaredChange extends FieldChange {
  changed_by: ChangedBy;
}

/** What {@link undeclaredChanges} looks at for one paired object. */
export interface UndeclaredChangesOptions {
  kind: string;
  /** What the IaC side declares (zero values = unset). */
  declared: JsonObject;
  live: JsonObject;
  entries: readonly ManagedFieldsEntry[];
  /**
   * The IaC side's own field managers: `HashiCorp` (typed), a manifest's `field_manager` (`Terraform`);
   * `*` matches any run of characters (a Helm provider's binary name).
   */
  iacManagers: readonly string[];
  isPersonTool: (manager: string) => boolean;
  /** Paths already reported by the comparison of declared fields: never reported twice. */
  reported: readonly string[];
  /** Paths not compared for this object (an HPA's replicas). */
  skipPaths: ReadonlySet<string>;
}

const SKIPPED_ROOTS: ReadonlySet<string> = new Set(['status', 'apiVersion', 'kind']);

/** True when the IaC side sets a value at the path (a zero scalar counts: the comparison saw it). */
function isDeclared(declared: JsonObject, segments: readonly PathSegment[]): boolean {
  let value: JsonValue | undefined = declared;
  for (const segment of segments) {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'object') return true;
    if ('key' in segment)
      value = isJsonObject(value) && Object.hasOwn(value, segment.key) ? value[segment.key] : undefined;
    else if ('index' in segment) value = Array.isArray(value) ? value[segment.index] : undefined;
    else
      value = Array.isArray(value)
        ? value.find((item) => isJsonObject(item) && item.name === segment.name)
        : undefined;
  }
  if (value === undefined || value === null) return false;
  return typeof value !== 'object' || !isZeroValue(value);
}

/**
 * Metadata is never drift on this ground except labels and annotations, and of those not the
 * Kubernetes-internal keys (the provider's `isInternalKey`: `kubectl.kubernetes.io/restartedAt`, also
 * under `spec.template.metadata`) nor DriftWise's own `driftwise.io/*`.
 */
function isExcludedMetadata(segments: readonly PathSegment[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    if (!('key' in segment) || segment.key !== 'metadata') continue;
    const field = segments[i + 1];
    if (field === undefined || !('key' in field)) return true;
    if (field.key !== 'labels' && field.key !== 'annotations') return true;
    const entry = segments[i + 2];
    if (entry === undefined || !('key' in entry)) return true;
    return isInternalKey(entry.key) || entry.key.startsWith('driftwise.io/');
  }
  return false;
}

function overlaps(path: string, reported: readonly string[]): boolean {
  const under = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return reported.some((other) => under(path, other) || under(other, path));
}

/**
 * CONTRACT "Fields the IaC side does not declare": live fields outside the declaration that a person's
 * tool wrote after Terraform last wrote the object. A field qualifies when its newest managedFields
 * owner is a person's tool, that entry is newer than the object's `creationTimestamp` and than the
 * newest entry of the IaC side's own manager (each bound applies when it is there), the IaC side does
 * not declare it, and it is not Kubernetes-internal metadata, a server-managed path or the API server's
 * default value (`isServerDefault`). Reported at the leaf, or as the whole list item for an added
 * item, with `iac: null`.
 *
 * @example
 * // a kubernetes_manifest without spec.type, then `kubectl patch … type: NodePort`:
 * undeclaredChanges({ kind: 'service', declared, live, entries, iacManagers: ['Terraform'], … })
 * // [{ path: 'spec.type', iac: null, live: 'NodePort', changed_by: { manager: 'kubectl-patch', … } }]
 */
export function undeclaredChanges(options: UndeclaredChangesOptions): UndeclaredChange[] {
  const { kind, declared, live, entries, iacManagers, isPersonTool, reported, skipPaths } = options;
  const metadata = isJsonObject(live.metadata) ? live.metadata : {};
  const isIacManager = personToolMatcher(iacManagers);
  let after = rfc3339Millis(metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  for (const entry of entries) if (isIacManager(entry.manager)) after = Math.max(after, entry.millis);

  const changes: UndeclaredChange[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    // A person's write at or before Terraform's last one (created with kubectl, then imported) is adopted.
    // The IaC side's own writes are never a person's, whatever their manager is called.
    if (!isPersonTool(entry.manager) || isIacManager(entry.manager)) continue;
    if (entry.time === null || !(entry.millis > after)) continue;
    for (const leaf of ownedLeaves(entry.fields, live)) {
      const first = leaf.segments[0];
      if (first !== undefined && 'key' in first && SKIPPED_ROOTS.has(first.key)) continue;
      const path = formatChangePath(leaf.segments);
      if (seen.has(path) || skipPaths.has(path) || isExcludedMetadata(leaf.segments)) continue;
      if (isDeclared(declared, leaf.segments) || overlaps(path, reported)) continue;
      if (!leaf.item && isServerDefault(kind, leaf.segments, leaf.live, live)) continue;
      // Someone newer (a controller, another person) may have taken the field over since.
      if (owningEntry(entries, live, leaf.segments) !== entry) continue;
      seen.add(path);
      changes.push({
        segments: leaf.segments,
        path,
        iac: null,
        live: leaf.live,
        changed_by: toChangedBy(entry),
      });
    }
  }
  return changes;
}

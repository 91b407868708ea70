import type { ApiDriftChange, ApiDriftItem } from '../api/scan-types.ts';

/**
 * The `.driftignore` rule that hides one change (`<resource_id>:<path>`), or the whole resource when
 * there is no change (a `missing` item). Paths hold no `*`, so the rule matches that field only (and,
 * by the rule syntax, what lies below it).
 * @example ignoreRuleFor(item, item.changes[0]) // 'k8s/deployment/fleet/tracker:spec.replicas'
 */
export function ignoreRuleFor(
  item: Pick<ApiDriftItem, 'resource_id'>,
  change: Pick<ApiDriftChange, 'path'> | null,
): string {
  return change ? `${item.resource_id}:${change.path}` : item.resource_id;
}

import type { ChangedBy, DriftChange, DriftItem, DriftResult, JsonValue } from '../src/index.ts';

const MARK = { missing: '-', extra: '+', changed: '~' } as const;

/** Options of {@link formatDriftText}. */
export interface FormatDriftTextOptions {
  clusterId: string;
  namespace: string;
  /** The clock `changed_by` ages are measured against (the CLI's `--now`, else the real one). */
  now: Date;
}

function show(value: JsonValue): string {
  return value === null ? 'absent' : JSON.stringify(value);
}

/**
 * A manager as people say it: `kubectl-set` → `kubectl set`, `kubectl` on the `scale` subresource →
 * `kubectl scale`, `kubectl-client-side-apply` → `kubectl apply`, kubectl's server-side apply →
 * `kubectl apply --server-side`; another manager keeps its name, with its subresource in brackets.
 */
export function managerPhrase({ manager, operation, subresource }: ChangedBy): string {
  if (manager === 'kubectl-client-side-apply') return 'kubectl apply';
  if (manager.startsWith('kubectl-')) return `kubectl ${manager.slice('kubectl-'.length)}`;
  if (manager === 'kubectl') {
    if (subresource !== null) return `kubectl ${subresource}`;
    return operation === 'Apply' ? 'kubectl apply --server-side' : 'kubectl';
  }
  return subresource === null ? manager : `${manager} (${subresource})`;
}

/** `2 h ago`, coarse on purpose: minutes within the hour, hours within two days, then days. */
export function age(time: string, now: Date): string | null {
  const then = Date.parse(time);
  if (Number.isNaN(then)) return null;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

function who(changedBy: ChangedBy | null | undefined, now: Date): string[] {
  if (!changedBy) return [];
  const when = changedBy.time === null ? null : age(changedBy.time, now);
  return [when === null ? managerPhrase(changedBy) : `${managerPhrase(changedBy)} ${when}`];
}

function changeLine(change: DriftChange, now: Date): string {
  const ignored = change.ignored ? `  [ignored by ${change.ignore_rule}]` : '';
  const notes = [
    change.severity,
    ...(change.undeclared ? ['undeclared'] : []),
    ...who(change.changed_by, now),
    // A field a patch-style resource declares is fixed in that resource's block, not the item's.
    ...(change.declared_by ? [`declared by ${change.declared_by.address}`] : []),
  ];
  return `    ${change.path}: ${show(change.iac)} → ${show(change.live)}  (${notes.join(', ')})${ignored}`;
}

function itemLines(item: DriftItem, now: Date): string[] {
  const where = item.iac ? item.iac.address : 'not in Terraform';
  const what = item.status === 'missing' ? '  missing in cluster' : '';
  const ignored = item.ignored ? `  [ignored by ${item.ignore_rule}]` : '';
  return [
    `${MARK[item.status]} ${item.resource_id}  ${item.severity}  ${where}${what}${ignored}`,
    ...item.changes.map((change) => changeLine(change, now)),
  ];
}

/**
 * The `driftwise diff` text report: a summary line, the warnings, then one block per drifted resource
 * (`-` missing, `+` extra, `~` changed) with its changes as `path: iac → live (severity, who when)`.
 *
 * @example
 * formatDriftText(result, { clusterId: 'c', namespace: 'fleet', now: new Date() })
 * // '…\n    spec.replicas: 2 → 4  (low, kubectl scale 2 h ago)\n'
 */
export function formatDriftText(
  result: DriftResult,
  { clusterId, namespace, now }: FormatDriftTextOptions,
): string {
  const s = result.summary;
  const head =
    s.missing + s.extra + s.changed === 0
      ? `in sync: ${clusterId}/${namespace}`
      : `drift in ${clusterId}/${namespace}: ${s.changed} changed, ${s.missing} missing, ${s.extra} extra`;
  const counts = `live ${s.live}, iac ${s.iac}, in sync ${s.in_sync}, coverage ${Math.round(s.coverage * 100)}%`;
  const warnings = result.warnings.map((warning) => `warning: ${warning.code}: ${warning.message}`);
  const body = result.items.flatMap((item) => itemLines(item, now));
  return `${[`${head} (${counts})`, ...warnings, ...(body.length ? ['', ...body] : [])].join('\n')}\n`;
}

import type { DriftChange, DriftItem, DriftResult, JsonValue } from '../src/index.ts';

const MARK = { missing: '-', extra: '+', changed: '~' } as const;

function show(value: JsonValue): string {
  return value === null ? 'absent' : JSON.stringify(value);
}

function changeLine(change: DriftChange): string {
  const ignored = change.ignored ? `  [ignored by ${change.ignore_rule}]` : '';
  return `    ${change.path}: ${show(change.iac)} → ${show(change.live)}  (${change.severity})${ignored}`;
}

function itemLines(item: DriftItem): string[] {
  const where = item.iac ? item.iac.address : 'not in Terraform';
  const what = item.status === 'missing' ? '  missing in cluster' : '';
  const ignored = item.ignored ? `  [ignored by ${item.ignore_rule}]` : '';
  return [
    `${MARK[item.status]} ${item.resource_id}  ${item.severity}  ${where}${what}${ignored}`,
    ...item.changes.map(changeLine),
  ];
}

/**
 * The `driftwise diff` text report: a summary line, then one block per drifted resource
 * (`-` missing, `+` extra, `~` changed) with its changes as `path: iac → live (severity)`.
 */
export function formatDriftText(
  result: DriftResult,
  scope: { clusterId: string; namespace: string },
): string {
  const s = result.summary;
  const head =
    s.missing + s.extra + s.changed === 0
      ? `in sync: ${scope.clusterId}/${scope.namespace}`
      : `drift in ${scope.clusterId}/${scope.namespace}: ${s.changed} changed, ${s.missing} missing, ${s.extra} extra`;
  const counts = `live ${s.live}, iac ${s.iac}, in sync ${s.in_sync}, coverage ${Math.round(s.coverage * 100)}%`;
  const body = result.items.flatMap(itemLines);
  return `${[`${head} (${counts})`, ...(body.length ? ['', ...body] : [])].join('\n')}\n`;
}

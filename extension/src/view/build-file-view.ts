import type { ApiDriftChange } from '../api/scan-types.ts';
import type { Span } from '../hcl/span.ts';
import type { LocatedChange, LocatedDrift } from '../locate/map-drift.ts';
import { type DiagnosticLevel, diagnosticLevel } from './diagnostic-level.ts';
import { formatAge } from './format-age.ts';
import { formatChangedBy } from './format-changed-by.ts';
import { formatValue } from './format-value.ts';

/** The diagnostic `code` per drift kind, so code actions and filters can pick them out. */
export type DriftKind = 'changed' | 'added' | 'removed' | 'missing';

/** A Problems entry, as plain data. */
export interface DiagnosticData {
  span: Span;
  level: DiagnosticLevel;
  code: DriftKind;
  message: string;
  /** What the diagnostic is about, for its quick fixes; `change` is `null` for a missing resource. */
  target: { drift: LocatedDrift; change: LocatedChange | null };
}

/** A CodeLens above a drifted block. */
export interface LensData {
  span: Span;
  title: string;
}

/** Text shown after the end of a line (`← live: 6`). */
export interface DecorationData {
  line: number;
  text: string;
}

/** The drift item a hover is about: the vscode layer asks `GET …/drift-events` for its history. */
export interface HistoryRef {
  scanId: string;
  clusterId: string;
  namespace: string;
  resourceId: string;
}

/** Markdown shown when the pointer rests on `span`. */
export interface HoverData {
  span: Span;
  markdown: string;
  history: HistoryRef;
}

/** Everything the editor shows for one file. */
export interface FileView {
  diagnostics: DiagnosticData[];
  lenses: LensData[];
  decorations: DecorationData[];
  hovers: HoverData[];
}

/**
 * Turns the drift located in one file into diagnostics, lenses, decorations and hovers.
 * @example buildFileView(located.filter((d) => d.uri === uri), { now: Date.now() }).lenses[0].title
 *   // 'DriftWise: drifted · 2 changes · medium'
 */
export function buildFileView(located: readonly LocatedDrift[], { now }: { now: number }): FileView {
  const view: FileView = { diagnostics: [], lenses: [], decorations: [], hovers: [] };
  const decorationsByLine = new Map<number, string[]>();
  for (const drift of located) {
    const where = describeTarget(drift);
    view.lenses.push({ span: drift.block, title: lensTitle(drift) });
    const history: HistoryRef = {
      scanId: drift.scan.scan_id,
      clusterId: drift.scan.cluster_id,
      namespace: drift.scan.namespace,
      resourceId: drift.item.resource_id,
    };
    view.hovers.push({
      span: drift.block,
      markdown: hoverMarkdown(
        drift,
        drift.changes.map((c) => c.change),
        now,
      ),
      history,
    });
    // CONTRACT baseline: an accepted item stays visible, as information rather than a warning.
    const accepted = drift.item.accepted === true;
    const levelOf = (severity: ApiDriftChange['severity']) =>
      accepted ? 'information' : diagnosticLevel(severity);
    const acceptedNote = accepted ? ' · accepted' : '';
    if (drift.item.status === 'missing') {
      view.diagnostics.push({
        span: drift.block,
        level: levelOf(drift.item.severity),
        code: 'missing',
        message: `${drift.address} is missing in the cluster ${where}${acceptedNote}`,
        target: { drift, change: null },
      });
      continue;
    }
    for (const placed of drift.changes) {
      const { change, head, exact } = placed;
      const kind = changeKind(change);
      view.diagnostics.push({
        span: head,
        level: levelOf(change.severity),
        code: kind,
        message: `${changeSentence(change, kind)} ${where}${acceptedNote}`,
        target: { drift, change: placed },
      });
      const lineTexts = decorationsByLine.get(head.startLine) ?? [];
      // Exact: the line is this field, the value says it all. Otherwise name the field inside the block.
      const prefix = exact ? 'live' : `live ${change.path}`;
      lineTexts.push(kind === 'removed' ? `${prefix}: removed` : `${prefix}: ${formatValue(change.live)}`);
      decorationsByLine.set(head.startLine, lineTexts);
      if (head.startLine !== drift.block.startLine) {
        view.hovers.push({ span: head, markdown: hoverMarkdown(drift, [change], now), history });
      }
    }
  }
  for (const [line, texts] of decorationsByLine)
    view.decorations.push({ line, text: `← ${texts.join(' · ')}` });
  return view;
}

function changeKind(change: ApiDriftChange): DriftKind {
  if (change.iac === null) return 'added';
  if (change.live === null) return 'removed';
  return 'changed';
}

function changeSentence(change: ApiDriftChange, kind: DriftKind): string {
  if (change.undeclared) {
    return `${change.path} was set by hand in the cluster and is not declared in Terraform: ${formatValue(change.live)}`;
  }
  if (kind === 'added') return `${change.path} was added in the cluster: ${formatValue(change.live)}`;
  if (kind === 'removed')
    return `${change.path} was removed in the cluster (Terraform: ${formatValue(change.iac)})`;
  return `${change.path} is ${formatValue(change.live)} in the cluster, Terraform says ${formatValue(change.iac)}`;
}

/** `(prod-eu-1/payments, via module.a)`: which scan, and which module caller when there are several. */
function describeTarget(drift: LocatedDrift): string {
  const parts = [`${drift.scan.cluster_id}/${drift.scan.namespace}`];
  if (drift.instanceKey !== null) parts.push(`instance [${JSON.stringify(drift.instanceKey)}]`);
  if (drift.via) parts.push(`via ${drift.via}`);
  return `(${parts.join(', ')})`;
}

function lensTitle(drift: LocatedDrift): string {
  const suffix = [
    drift.instanceKey !== null ? `[${JSON.stringify(drift.instanceKey)}]` : null,
    drift.via,
    `${drift.scan.cluster_id}/${drift.scan.namespace}`,
  ].filter((part): part is string => part !== null);
  if (drift.item.accepted) suffix.unshift('accepted');
  if (drift.item.status === 'missing') return `DriftWise: missing in cluster · ${suffix.join(' · ')}`;
  const count = drift.changes.length;
  return `DriftWise: drifted · ${count} ${count === 1 ? 'change' : 'changes'} · ${drift.item.severity} · ${suffix.join(' · ')}`;
}

function hoverMarkdown(drift: LocatedDrift, changes: readonly ApiDriftChange[], now: number): string {
  const { item, scan } = drift;
  const lines = [
    `**DriftWise** · \`${drift.address}\` · ${item.status} · ${item.severity}${item.accepted ? ' · accepted (baseline)' : ''}`,
    '',
    `Cluster \`${scan.cluster_id}\`, namespace \`${scan.namespace}\`${drift.via ? `, via \`${drift.via}\`` : ''}`,
    '',
  ];
  if (item.status === 'missing') {
    lines.push('In Terraform, not in the cluster (deleted by hand, or never applied).', '');
  } else {
    // A server without managedFields attribution sends no `changed_by`: then the column would be empty.
    const attributed = changes.some((change) => change.changed_by);
    lines.push(
      `| path | Terraform | live | severity |${attributed ? ' changed by |' : ''}`,
      `|---|---|---|---|${attributed ? '---|' : ''}`,
    );
    for (const change of changes) {
      // An undeclared field has `iac: null` because Terraform says nothing about it, not because it wants null.
      const iac = change.undeclared ? '*not declared*' : `\`${cell(formatValue(change.iac))}\``;
      const by = attributed ? ` ${cell(formatChangedBy(change.changed_by, now) ?? '')} |` : '';
      lines.push(
        `| \`${cell(change.path)}\` | ${iac} | \`${cell(formatValue(change.live))}\` | ${change.severity} |${by}`,
      );
    }
    lines.push('');
  }
  if (item.first_seen_at)
    lines.push(`First seen ${formatAge(item.first_seen_at, now)} (${item.first_seen_at}).`, '');
  lines.push(`Scan \`${scan.scan_id}\` at ${scan.created_at} (${formatAge(scan.created_at, now)})`);
  return lines.join('\n');
}

/** Markdown table cells cannot hold `|` or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

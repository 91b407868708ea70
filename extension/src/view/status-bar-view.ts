import type { ScanDrift } from '../api/scan-types.ts';
import { formatAge } from './format-age.ts';

/** What the status bar item shows. */
export interface StatusBarView {
  text: string;
  tooltip: string;
  /** Colour the item as a warning (drift) or an error (fetch failed). */
  tone: 'ok' | 'warning' | 'error';
}

/**
 * The status bar text: drift count and the age of the newest scan; a failure wins, shown once here
 * rather than as a pop-up per refresh.
 * @example statusBarView({ drifts, now }).text // '$(warning) DriftWise: 3 drifted · 5 min ago'
 */
export function statusBarView({
  drifts,
  error = null,
  configured = true,
  refreshing = false,
  now,
}: {
  drifts: readonly ScanDrift[];
  /** The last refresh's failure, one line. */
  error?: string | null;
  configured?: boolean;
  refreshing?: boolean;
  now: number;
}): StatusBarView {
  if (!configured) {
    return {
      text: '$(gear) DriftWise: set up',
      tooltip: 'Set the org, cluster and API key of DriftWise',
      tone: 'ok',
    };
  }
  const spin = refreshing ? '$(sync~spin) ' : '';
  if (error) {
    return {
      text: `${spin}$(error) DriftWise: ${shortError(error)}`,
      tooltip: `${error}\nClick to refresh`,
      tone: 'error',
    };
  }
  const shown = drifts.flatMap((drift) => drift.items.filter((item) => !item.ignored));
  // Accepted drift (the baseline) stays visible but is not "drifted": it is counted apart.
  const accepted = shown.filter((item) => item.accepted === true).length;
  const count = shown.length - accepted;
  const warnings = drifts.flatMap((drift) =>
    (drift.warnings ?? []).map(
      (warning) => `${drift.cluster_id}/${drift.namespace}: ${warning.code}: ${warning.message}`,
    ),
  );
  const newest = drifts
    .map((drift) => drift.created_at)
    .sort()
    .at(-1);
  const age = newest ? formatAge(newest, now) : 'no scan yet';
  const parts = [
    count === 0 ? 'in sync' : `${count} drifted`,
    accepted > 0 ? `${accepted} accepted` : null,
    // "in sync" over an empty scope or without a state source is misleading: say there is a warning.
    warnings.length > 0 ? `${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}` : null,
    age,
  ].filter((part): part is string => part !== null);
  const quiet = count === 0 && warnings.length === 0;
  const scans = drifts.map(
    (drift) => `${drift.cluster_id}/${drift.namespace}: scan ${drift.scan_id} at ${drift.created_at}`,
  );
  return {
    text: `${spin}${quiet ? '$(check)' : '$(warning)'} DriftWise: ${parts.join(' · ')}`,
    tooltip: [...scans, ...warnings.map((warning) => `⚠ ${warning}`), 'Click to refresh'].join('\n'),
    tone: quiet ? 'ok' : 'warning',
  };
}

function shortError(error: string): string {
  return error.length > 40 ? `${error.slice(0, 39)}…` : error;
}

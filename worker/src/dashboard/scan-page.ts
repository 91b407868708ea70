import type { DriftChange, DriftStatus, JsonValue, Severity } from '@driftwise/core';
import { html } from 'hono/html';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import type { ScanRow } from '../store/store.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';
import { pager } from './pager.ts';

/** The Scan page's filters, from the query string, so a filtered view is a link. */
export interface ScanFilters {
  status: DriftStatus | undefined;
  /** At least this severity (as the JSON API's `severity_at_least`). */
  severity: Severity | undefined;
  namespace: string | undefined;
  page: number;
}

export const STATUSES: readonly DriftStatus[] = ['missing', 'extra', 'changed'];
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
/** Items per page: a large scan stays a light page. */
export const SCAN_PAGE_SIZE = 50;

/** The `changed_by` member that the drift shape carries (CONTRACT), when the stored change has it. */
interface ChangedBy {
  manager: string;
  operation?: string;
  time?: string | null;
}

function value(v: JsonValue | undefined): Html {
  if (v === null || v === undefined) return html`<span class="muted">—</span>`;
  return html`<code>${typeof v === 'string' ? v : JSON.stringify(v)}</code>`;
}

function changedBy(change: DriftChange): Html {
  const by = (change as DriftChange & { changed_by?: ChangedBy | null }).changed_by;
  if (!by) return html`—`;
  return html`${by.manager}${by.time ? html` <time datetime="${by.time}">${by.time}</time>` : ''}`;
}

function itemView(item: StoredDriftItem, history: string): Html {
  const changes =
    item.changes.length === 0
      ? ''
      : html`<div class="table">
          <table>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Terraform</th>
                <th scope="col">Live</th>
                <th scope="col">Severity</th>
                <th scope="col">Changed by</th>
              </tr>
            </thead>
            <tbody>
              ${item.changes.map(
                (change) => html`<tr>
                  <td>
                    <code>${change.path}</code>${change.ignored ? ' (ignored)' : ''}
                    ${change.declared_by ? html`<br /><span class="muted">declared by <code>${change.declared_by.address}</code></span>` : ''}
                  </td>
                  <td>${value(change.iac)}</td>
                  <td>${value(change.live)}</td>
                  <td class="sev-${change.severity}">${change.severity}</td>
                  <td>${changedBy(change)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
  // Accepted drift stays visible, marked as the baseline's (CONTRACT "Baseline"), not as a new warning.
  return html`<article class="item${item.accepted ? ' accepted' : ''}">
    <h4><code>${item.resource_id}</code>${item.accepted ? html` <span class="badge">accepted</span>` : ''}</h4>
    <p>
      Severity <span class="sev-${item.severity}">${item.severity}</span>
      ${item.iac ? html` · <code>${item.iac.address}</code> in <code>${item.iac.state_source}</code>` : ''}
      ${item.ignored ? html` · ignored by <code>${item.ignore_rule ?? ''}</code>` : ''}
      ${item.accepted ? html` · accepted by the baseline: it no longer counts as ${item.status}` : ''}
    </p>
    <p class="history">
      History: ${history} (first seen at <time datetime="${item.first_seen_at}">${item.first_seen_at}</time>)
    </p>
    ${changes}
  </article>`;
}

function option(current: string | undefined, value: string, label = value): Html {
  return current === value
    ? html`<option value="${value}" selected>${label}</option>`
    : html`<option value="${value}">${label}</option>`;
}

function pageLink(base: string, filters: ScanFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.severity) query.set('severity', filters.severity);
  if (filters.namespace) query.set('namespace', filters.namespace);
  query.set('page', String(page));
  return `${base}?${query}`;
}

/**
 * The items of page `page` (from 1; past the last page, the last) of the filtered items, with the page
 * shown and the number of pages.
 *
 * @example scanPageItems(items, 2) // { shown: items 51–100, page: 2, pages: 3 }
 */
export function scanPageItems<T>(items: readonly T[], page: number) {
  const pages = Math.max(1, Math.ceil(items.length / SCAN_PAGE_SIZE));
  const current = Math.min(page, pages);
  return {
    shown: items.slice((current - 1) * SCAN_PAGE_SIZE, current * SCAN_PAGE_SIZE),
    page: current,
    pages,
  };
}

/**
 * Scan: summary, coverage, warnings, then the items of the current page grouped by status, each with its
 * changes and its history line (`histories`, by `resource_id`, for the items of that page). `items` is
 * already filtered; this page cuts it into pages.
 */
export function scanPage(
  nav: LayoutNav,
  scan: ScanRow,
  view: {
    items: StoredDriftItem[];
    warnings: { code: string; message: string }[];
    namespaces: string[];
    filters: ScanFilters;
    histories: ReadonlyMap<string, string>;
  },
): Html {
  const { items, warnings, namespaces, filters, histories } = view;
  const s = scan.summary;
  const base = `/orgs/${encodeURIComponent(nav.orgId)}/scans/${encodeURIComponent(scan.id)}`;
  const { shown, page, pages } = scanPageItems(items, filters.page);
  const groups = STATUSES.map((status) => ({
    status,
    items: shown.filter((item) => item.status === status),
  })).filter((group) => group.items.length > 0);
  const summary = html`<ul class="cards" aria-label="Summary">
    <li><strong>${s.missing}</strong> missing</li>
    <li><strong>${s.extra}</strong> extra</li>
    <li><strong>${s.changed}</strong> changed</li>
    <li><strong>${s.accepted ?? 0}</strong> accepted</li>
    <li><strong>${s.in_sync}</strong> in sync</li>
    <li><strong>${Math.round(s.coverage * 100)}%</strong> coverage (${s.iac} in Terraform, ${s.live} live)</li>
  </ul>`;
  const filterForm = html`<form method="get" action="${base}" class="filters" data-autosubmit>
    <div>
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        ${option(filters.status, '', 'any')} ${STATUSES.map((x) => option(filters.status, x))}
      </select>
    </div>
    <div>
      <label for="f-severity">Severity at least</label>
      <select id="f-severity" name="severity">
        ${option(filters.severity, '', 'any')} ${SEVERITIES.map((x) => option(filters.severity, x))}
      </select>
    </div>
    <div>
      <label for="f-namespace">Namespace</label>
      <select id="f-namespace" name="namespace">
        ${option(filters.namespace, '', 'any')} ${namespaces.map((x) => option(filters.namespace, x))}
      </select>
    </div>
    <div><button type="submit">Apply filters</button></div>
  </form>`;
  const body = html`<h1>Scan of ${scan.clusterId} / ${scan.namespace}</h1>
    <p>
      <time datetime="${scan.createdAt}">${scan.createdAt}</time> · ${scan.resourceCount} objects reported ·
      <span class="mono">${scan.id}</span>
    </p>
    ${summary}
    ${warnings.map((w) => html`<p class="warning"><strong>${w.code}</strong>: ${w.message}</p>`)}
    <h2>Drift</h2>
    ${filterForm}
    <p>${items.length} item${items.length === 1 ? '' : 's'} match.</p>
    ${groups.map(
      (group) => html`<section aria-labelledby="g-${group.status}">
        <h3 id="g-${group.status}">${group.status} (${group.items.length})</h3>
        ${group.items.map((item) =>
          itemView(item, histories.get(item.resource_id) ?? `first seen ${item.first_seen_at}`),
        )}
      </section>`,
    )}
    ${pager(page, pages, (n) => pageLink(base, filters, n))}`;
  return layout({ title: `Scan ${scan.clusterId}/${scan.namespace}`, nav, body });
}

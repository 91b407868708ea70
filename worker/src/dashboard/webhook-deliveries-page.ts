import { html } from 'hono/html';
import type { DeliveryRow, WebhookRow } from '../store/store.ts';
import { dataTable } from './data-table.ts';
import { attemptCodes } from './delivery-summary.ts';
import { displayUrl } from './display-url.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';
import { pager } from './pager.ts';

/** Deliveries listed per page of the webhook's deliveries page. */
export const DELIVERIES_PAGE_SIZE = 20;

function deliveryRow(org: string, delivery: DeliveryRow): Html {
  const last = delivery.attempts.at(-1);
  const nextRetry =
    delivery.state === 'pending'
      ? html`<time datetime="${delivery.nextAttemptAt}">${delivery.nextAttemptAt}</time>`
      : '—';
  return html`<tr>
    <td>
      <a href="/orgs/${org}/scans/${encodeURIComponent(delivery.scanId)}"
        ><time datetime="${delivery.createdAt}">${delivery.createdAt}</time></a
      >
    </td>
    <td>${delivery.state}</td>
    <td>${delivery.attempts.length}</td>
    <td>${delivery.attempts.length > 0 ? attemptCodes(delivery) : '—'}</td>
    <td>${nextRetry}</td>
    <td>${last?.error ? html`<span class="mono">${last.error}</span>` : '—'}</td>
  </tr>`;
}

/**
 * One webhook's deliveries, newest first and paged: each delivery's state, attempts, the status code of
 * each attempt, when the next retry is due and the last error. Never the signing secret.
 */
export function webhookDeliveriesPage(
  nav: LayoutNav,
  view: { webhook: WebhookRow; deliveries: DeliveryRow[]; page: number; pages: number; total: number },
): Html {
  const org = encodeURIComponent(nav.orgId);
  const base = `/orgs/${org}/notifications/${encodeURIComponent(view.webhook.id)}`;
  const shown = displayUrl(view.webhook.url);
  const body = html`<h1>Deliveries to <code>${shown}</code></h1>
    <p>
      ${view.webhook.format} format · ${view.webhook.events.join(', ')} · at or above
      ${view.webhook.minSeverity} · ${view.total} deliver${view.total === 1 ? 'y' : 'ies'} ·
      <a href="/orgs/${org}/notifications">All webhooks</a>
    </p>
    ${
      view.deliveries.length === 0
        ? html`<p>No deliveries yet: one is queued after a scan with events for this webhook.</p>`
        : dataTable({
            caption: 'Deliveries',
            columns: ['Scan', 'State', 'Attempts', 'Status codes', 'Next retry', 'Last error'],
            rows: view.deliveries.map((delivery) => deliveryRow(org, delivery)),
          })
    }
    ${pager(view.page, view.pages, (n) => `${base}?page=${n}`)}`;
  return layout({ title: `Deliveries to ${shown}`, nav, body });
}

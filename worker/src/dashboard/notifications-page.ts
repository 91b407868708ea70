import { html } from 'hono/html';
import type { DeliveryRow, WebhookRow } from '../store/store.ts';
import { dataTable } from './data-table.ts';
import { deliverySummary } from './delivery-summary.ts';
import { displayUrl } from './display-url.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';
import { selectField } from './select-field.ts';
import { shownOnce } from './shown-once.ts';

/** The create form's fields, as posted: kept after a refusal so nothing typed is lost. */
export interface WebhookForm {
  url: string;
  events: string[];
  minSeverity: string;
  format: string;
}

/** What the Notifications page shows; `manage` decides whether the forms are there (the server checks again). */
export interface NotificationsView {
  webhooks: WebhookRow[];
  /** The newest delivery of each webhook that has one. */
  latest: ReadonlyMap<string, DeliveryRow>;
  manage: boolean;
  /** The webhook just created and its signing secret: on this response only. */
  created?: { webhook: WebhookRow; secret: string } | undefined;
  /** Why the create form was refused; `urlError` is shown at the URL field too. */
  error?: string | undefined;
  urlError?: boolean | undefined;
  form?: WebhookForm | undefined;
  notice?: string | undefined;
}

const EVENTS = ['drift.appeared', 'drift.resolved'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const FORMATS = ['standard', 'slack'] as const;
const DEFAULT_FORM: WebhookForm = { url: '', events: [...EVENTS], minSeverity: 'low', format: 'standard' };

function createForm(org: string, csrf: string, form: WebhookForm, urlError: boolean): Html {
  const url = urlError
    ? html`<input id="webhook-url" name="url" type="url" required maxlength="2048" value="${form.url}"
        aria-invalid="true" aria-describedby="webhook-error" />`
    : html`<input id="webhook-url" name="url" type="url" required maxlength="2048" value="${form.url}" />`;
  return html`<form method="post" action="/orgs/${org}/notifications" class="stack">
    <input type="hidden" name="csrf" value="${csrf}" />
    <label for="webhook-url">Receiver URL</label>
    ${url}
    <fieldset>
      <legend>Events</legend>
      ${EVENTS.map((event) => {
        const id = `event-${event.replace('drift.', '')}`;
        const box = form.events.includes(event)
          ? html`<input id="${id}" type="checkbox" name="events" value="${event}" checked />`
          : html`<input id="${id}" type="checkbox" name="events" value="${event}" />`;
        return html`${box} <label for="${id}">${event}</label>`;
      })}
    </fieldset>
    <label for="webhook-severity">Minimum severity</label>
    ${selectField('webhook-severity', 'min_severity', SEVERITIES, form.minSeverity)}
    <label for="webhook-format">Format</label>
    ${selectField('webhook-format', 'format', FORMATS, form.format)}
    <div><button type="submit">Create webhook</button></div>
  </form>`;
}

function webhookRow(
  org: string,
  webhook: WebhookRow,
  latest: DeliveryRow | undefined,
  manage: boolean,
): Html {
  const base = `/orgs/${org}/notifications/${encodeURIComponent(webhook.id)}`;
  const shown = displayUrl(webhook.url);
  const remove = manage
    ? html`<form method="get" action="${base}/delete" class="inline">
        <button type="submit" class="danger" aria-label="Delete webhook ${shown}">Delete</button>
      </form>`
    : '';
  return html`<tr>
    <td><code>${shown}</code></td>
    <td>${webhook.format}</td>
    <td>${webhook.events.join(', ')}</td>
    <td>${webhook.minSeverity}</td>
    <td><time datetime="${webhook.createdAt}">${webhook.createdAt}</time></td>
    <td>
      ${latest ? deliverySummary(latest) : 'none yet'} ·
      <a href="${base}" aria-label="Deliveries of ${shown}">Deliveries</a>
    </td>
    <td>${remove}</td>
  </tr>`;
}

/**
 * Notifications: the org's webhooks (create with the signing secret shown once, list with the last
 * delivery, delete after a confirmation), each linking to its deliveries.
 */
export function notificationsPage(nav: LayoutNav, view: NotificationsView): Html {
  const org = encodeURIComponent(nav.orgId);
  const created = view.created
    ? shownOnce({
        id: 'new-webhook-secret',
        title: `Webhook ${displayUrl(view.created.webhook.url)} created`,
        label: 'Signing secret',
        value: view.created.secret,
      })
    : '';
  const form = view.manage
    ? createForm(org, nav.csrf, view.form ?? DEFAULT_FORM, view.urlError === true)
    : html`<p>Your role can see the webhooks and their deliveries but not create or delete them.</p>`;
  const body = html`<h1>Notifications</h1>
    <p>
      After each scan, its <code>drift.appeared</code> / <code>drift.resolved</code> events at or above the
      minimum severity are POSTed to each webhook as one delivery, signed as Standard Webhooks says, and
      retried with backoff for 24 hours.
    </p>
    ${view.error ? html`<p class="error" role="alert" id="webhook-error">${view.error}</p>` : ''}
    ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
    <h2>Webhooks</h2>
    ${created} ${form}
    ${
      view.webhooks.length === 0
        ? html`<p>No webhooks yet.</p>`
        : dataTable({
            caption: 'Webhooks',
            columns: [
              'Receiver',
              'Format',
              'Events',
              'Minimum severity',
              'Created',
              'Last delivery',
              { skip: 'Actions' },
            ],
            rows: view.webhooks.map((w) => webhookRow(org, w, view.latest.get(w.id), view.manage)),
          })
    }`;
  return layout({ title: 'Notifications', nav, body });
}

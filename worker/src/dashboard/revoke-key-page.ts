import { html } from 'hono/html';
import type { ApiKeyRow } from '../store/store.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';

/** The confirmation before a key is revoked: a page of its own, so it needs no script. */
export function revokeKeyPage(nav: LayoutNav, key: ApiKeyRow): Html {
  const org = encodeURIComponent(nav.orgId);
  return layout({
    title: 'Revoke API key',
    nav,
    body: html`<h1>Revoke API key “${key.name}”?</h1>
      <p>
        Requests with <code>${key.prefix}…</code> are refused with 401 from now on. This cannot be undone.
      </p>
      <form method="post" action="/orgs/${org}/settings/api-keys/${encodeURIComponent(key.id)}/revoke" class="inline">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <button type="submit" class="danger">Yes, revoke this key</button>
        <a href="/orgs/${org}/settings">Cancel</a>
      </form>`,
  });
}

import { html } from 'hono/html';
import type { ApiKeyRow } from '../store/store.ts';
import { confirmPage } from './confirm-page.ts';
import type { Html, LayoutNav } from './layout.ts';

/** The confirmation before a key is revoked. */
export function revokeKeyPage(nav: LayoutNav, key: ApiKeyRow): Html {
  const org = encodeURIComponent(nav.orgId);
  return confirmPage(nav, {
    title: 'Revoke API key',
    heading: `Revoke API key “${key.name}”?`,
    message: html`Requests with <code>${key.prefix}…</code> are refused with 401 from now on. This cannot be
      undone.`,
    action: `/orgs/${org}/settings/api-keys/${encodeURIComponent(key.id)}/revoke`,
    button: 'Yes, revoke this key',
    cancel: `/orgs/${org}/settings`,
  });
}

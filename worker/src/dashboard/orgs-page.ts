import { html } from 'hono/html';
import type { OrgRow } from '../store/store.ts';
import { type Html, layout } from './layout.ts';

/** The orgs a session may open, when there is more than one (or none). */
export function orgsPage(orgs: OrgRow[], csrf: string): Html {
  const list =
    orgs.length === 0
      ? html`<p>You are not a member of any org yet. An org is created with
          <code>POST /api/v2/admin/orgs</code> (or <code>npm run bootstrap -w worker</code>).</p>`
      : html`<ul>
          ${orgs.map((org) => html`<li><a href="/orgs/${encodeURIComponent(org.id)}/clusters">${org.name}</a></li>`)}
        </ul>`;
  return layout({
    title: 'Orgs',
    body: html`<h1>Orgs</h1>
      ${list}
      <form method="post" action="/sign-out" class="inline">
        <input type="hidden" name="csrf" value="${csrf}" />
        <button type="submit" class="secondary">Sign out</button>
      </form>`,
  });
}

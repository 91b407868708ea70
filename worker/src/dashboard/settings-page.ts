import { html } from 'hono/html';
import type { ApiKeyRow, MemberRow } from '../store/store.ts';
import { dataTable } from './data-table.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';
import { selectField } from './select-field.ts';
import { shownOnce } from './shown-once.ts';

/** What the Settings page shows; `manage` decides whether the forms are there (the server checks again). */
export interface SettingsView {
  keys: ApiKeyRow[];
  members: MemberRow[];
  manage: boolean;
  /** The raw key just created: on this response only. */
  newKey?: { name: string; rawKey: string } | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}

const ROLES = ['viewer', 'admin', 'owner'] as const;

function roleSelect(id: string, current: string): Html {
  return selectField(id, 'role', ROLES, current);
}

function keyRow(nav: LayoutNav, key: ApiKeyRow, manage: boolean): Html {
  const revoke =
    manage && key.revokedAt === null
      ? html`<form
          method="get"
          action="/orgs/${encodeURIComponent(nav.orgId)}/settings/api-keys/${encodeURIComponent(key.id)}/revoke"
          class="inline"
        >
          <button type="submit" class="danger" aria-label="Revoke ${key.name}">Revoke</button>
        </form>`
      : key.revokedAt
        ? html`revoked <time datetime="${key.revokedAt}">${key.revokedAt}</time>`
        : '';
  return html`<tr>
    <td>${key.name}</td>
    <td><code>${key.prefix}…</code></td>
    <td>${key.scopes.length === 0 ? 'unrestricted' : key.scopes.join(', ')}</td>
    <td><time datetime="${key.createdAt}">${key.createdAt}</time></td>
    <td>${key.lastUsedAt ? html`<time datetime="${key.lastUsedAt}">${key.lastUsedAt}</time>` : 'never'}</td>
    <td>${revoke}</td>
  </tr>`;
}

function memberRow(nav: LayoutNav, member: MemberRow, manage: boolean, index: number): Html {
  const action = `/orgs/${encodeURIComponent(nav.orgId)}/settings/members`;
  if (!manage) return html`<tr><td>${member.email}</td><td>${member.role}</td><td></td></tr>`;
  return html`<tr>
    <td>${member.email}</td>
    <td>
      <form method="post" action="${action}/role" class="inline">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <input type="hidden" name="email" value="${member.email}" />
        <label for="role-${index}" class="skip">Role of ${member.email}</label>
        ${roleSelect(`role-${index}`, member.role)}
        <button type="submit" class="secondary">Change role</button>
      </form>
    </td>
    <td>
      <form method="post" action="${action}/remove" class="inline">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <input type="hidden" name="email" value="${member.email}" />
        <button type="submit" class="danger" aria-label="Remove ${member.email}">Remove</button>
      </form>
    </td>
  </tr>`;
}

/** Settings: API keys (create, shown once, list, revoke) and members (invite, change role, remove). */
export function settingsPage(nav: LayoutNav, view: SettingsView): Html {
  const org = encodeURIComponent(nav.orgId);
  const newKey = view.newKey
    ? shownOnce({
        id: 'new-api-key',
        title: `Key “${view.newKey.name}” created`,
        label: 'New API key',
        value: view.newKey.rawKey,
      })
    : '';
  const createForm = view.manage
    ? html`<form method="post" action="/orgs/${org}/settings/api-keys" class="stack">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <label for="key-name">Name</label>
        <input id="key-name" name="name" type="text" required maxlength="200" />
        <fieldset>
          <legend>Scopes</legend>
          <input id="scope-read" type="checkbox" name="scopes" value="read" />
          <label for="scope-read">read</label>
          <input id="scope-write" type="checkbox" name="scopes" value="write" />
          <label for="scope-write">write</label>
        </fieldset>
        <div><button type="submit">Create API key</button></div>
      </form>`
    : html`<p>Your role can see the keys but not create or revoke them.</p>`;
  const inviteForm = view.manage
    ? html`<form method="post" action="/orgs/${org}/settings/members" class="stack">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <label for="member-email">Email</label>
        <input id="member-email" name="email" type="email" required maxlength="320" />
        <label for="member-role">Role</label>
        ${roleSelect('member-role', 'viewer')}
        <div><button type="submit">Invite member</button></div>
      </form>`
    : '';
  const body = html`<h1>Settings</h1>
    ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
    ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
    <h2>API keys</h2>
    ${newKey} ${createForm}
    ${dataTable({
      caption: 'API keys',
      columns: ['Name', 'Prefix', 'Scopes', 'Created', 'Last used', { skip: 'Actions' }],
      rows: view.keys.map((key) => keyRow(nav, key, view.manage)),
    })}
    <h2>Members</h2>
    <p>People who sign in with the identity provider, by their verified email.</p>
    ${inviteForm}
    ${dataTable({
      caption: 'Members',
      columns: ['Email', 'Role', { skip: 'Actions' }],
      rows: view.members.map((member, i) => memberRow(nav, member, view.manage, i)),
    })}`;
  return layout({ title: 'Settings', nav, body });
}

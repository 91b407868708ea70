import { html } from 'hono/html';
import type { ApiKeyRow, MemberRow } from '../store/store.ts';
import { type Html, type LayoutNav, layout } from './layout.ts';

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
  return html`<select id="${id}" name="role">
    ${ROLES.map((role) =>
      role === current
        ? html`<option value="${role}" selected>${role}</option>`
        : html`<option value="${role}">${role}</option>`,
    )}
  </select>`;
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
    ? html`<section class="notice" aria-labelledby="new-key-title">
        <h2 id="new-key-title">Key “${view.newKey.name}” created</h2>
        <div class="new-key">
          <label for="new-api-key">New API key</label>
          <input id="new-api-key" type="text" readonly value="${view.newKey.rawKey}" />
          <button type="button" data-copy="new-api-key">Copy</button>
        </div>
        <p><strong>Copy it now: it will not be shown again.</strong></p>
      </section>`
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
    <div class="table">
      <table>
        <caption class="skip">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col"><span class="skip">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${view.keys.map((key) => keyRow(nav, key, view.manage))}
        </tbody>
      </table>
    </div>
    <h2>Members</h2>
    <p>People who sign in with the identity provider, by their verified email.</p>
    ${inviteForm}
    <div class="table">
      <table>
        <caption class="skip">Members</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col"><span class="skip">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${view.members.map((member, i) => memberRow(nav, member, view.manage, i))}
        </tbody>
      </table>
    </div>`;
  return layout({ title: 'Settings', nav, body });
}

import { html } from 'hono/html';
import { type Html, type LayoutNav, layout } from './layout.ts';

/** Ignore rules: the `.driftignore` text; a bad line is named with its number and message. */
export function ignoreRulesPage(
  nav: LayoutNav,
  view: {
    text: string;
    write: boolean;
    error?: { line: number | undefined; message: string };
    saved?: boolean;
  },
): Html {
  const { error } = view;
  const errorText = error
    ? html`<p class="error" role="alert" id="rules-error">
        ${error.line === undefined ? '' : html`Line ${error.line}: `}${error.message}
      </p>`
    : '';
  const form = view.write
    ? html`<form method="post" action="/orgs/${encodeURIComponent(nav.orgId)}/ignore-rules" class="stack">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <label for="rules">.driftignore</label>
        <textarea id="rules" name="rules" spellcheck="false" ${error ? html`aria-describedby="rules-error" aria-invalid="true"` : ''}>${view.text}</textarea>
        <div><button type="submit">Save rules</button></div>
      </form>`
    : html`<label for="rules">.driftignore</label>
        <textarea id="rules" readonly>${view.text}</textarea>`;
  return layout({
    title: 'Ignore rules',
    nav,
    body: html`<h1>Ignore rules</h1>
      <p>
        One rule per line: <code>&lt;resource-id-glob&gt;</code> or
        <code>&lt;resource-id-glob&gt;:&lt;path-glob&gt;</code>, <code>#</code> comments, <code>!</code> negation.
        Rules apply to scans reported after the change.
      </p>
      ${view.saved ? html`<p class="notice" role="status">Rules saved.</p>` : ''} ${errorText} ${form}`,
  });
}

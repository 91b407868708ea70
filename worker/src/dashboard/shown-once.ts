import { html } from 'hono/html';
import type { Html } from './layout.ts';

/**
 * A credential shown on the response that created it and never again (an API key, a webhook's signing
 * secret): a read-only field with a Copy button (`/dashboard.js`), and the warning in words.
 *
 * @example shownOnce({ id: 'new-api-key', title: 'Key “ci” created', label: 'New API key', value: rawKey })
 */
export function shownOnce(options: { id: string; title: string; label: string; value: string }): Html {
  const { id, title, label, value } = options;
  return html`<section class="notice" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}</h2>
    <div class="new-key">
      <label for="${id}">${label}</label>
      <input id="${id}" type="text" readonly value="${value}" />
      <button type="button" data-copy="${id}">Copy</button>
    </div>
    <p><strong>Copy it now: it will not be shown again.</strong></p>
  </section>`;
}

import { html } from 'hono/html';
import { type Html, type LayoutNav, layout } from './layout.ts';

/** What {@link confirmPage} asks, and where its one button posts. */
export interface Confirmation {
  title: string;
  heading: string;
  /** What happens when confirmed, in a sentence or two. */
  message: Html;
  /** The POST the button sends (with the session's CSRF token). */
  action: string;
  button: string;
  /** Where "Cancel" goes back to. */
  cancel: string;
}

/**
 * The confirmation before something is removed for good (a key revoked, a webhook deleted): a page of its
 * own, so it needs no script, with a CSRF-protected form.
 *
 * @example confirmPage(nav, { title: 'Revoke API key', heading: 'Revoke “ci”?', message, action, button: 'Yes, revoke this key', cancel })
 */
export function confirmPage(nav: LayoutNav, confirmation: Confirmation): Html {
  return layout({
    title: confirmation.title,
    nav,
    body: html`<h1>${confirmation.heading}</h1>
      <p>${confirmation.message}</p>
      <form method="post" action="${confirmation.action}" class="inline">
        <input type="hidden" name="csrf" value="${nav.csrf}" />
        <button type="submit" class="danger">${confirmation.button}</button>
        <a href="${confirmation.cancel}">Cancel</a>
      </form>`,
  });
}

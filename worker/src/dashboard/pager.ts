import { html } from 'hono/html';
import type { Html } from './layout.ts';

/**
 * Previous / next links and "Page N of M", or nothing when everything fits on one page. `href` builds the
 * link of a page, so each page keeps its own query (a scan's filters, for one).
 *
 * @example pager(2, 3, (n) => `/orgs/o/notifications/w?page=${n}`)
 */
export function pager(page: number, pages: number, href: (page: number) => string): Html | '' {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-label="Pages">
    ${page > 1 ? html`<a href="${href(page - 1)}">Previous page</a>` : ''}
    <span>Page ${page} of ${pages}</span>
    ${page < pages ? html`<a href="${href(page + 1)}">Next page</a>` : ''}
  </nav>`;
}

import { html } from 'hono/html';
import type { Html } from './layout.ts';

/**
 * A table of the dashboard: a caption for screen readers, column headers (an action column's header is
 * `{ skip: 'Actions' }`, read out but not shown), rows, and a wrapper that scrolls sideways at 200% zoom
 * rather than the page.
 *
 * @example dataTable({ caption: 'API keys', columns: ['Name', { skip: 'Actions' }], rows })
 */
export function dataTable(options: {
  caption: string;
  columns: readonly (string | { skip: string })[];
  rows: readonly Html[];
}): Html {
  return html`<div class="table">
    <table>
      <caption class="skip">${options.caption}</caption>
      <thead>
        <tr>
          ${options.columns.map((column) =>
            typeof column === 'string'
              ? html`<th scope="col">${column}</th>`
              : html`<th scope="col"><span class="skip">${column.skip}</span></th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${options.rows}
      </tbody>
    </table>
  </div>`;
}

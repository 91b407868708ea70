import { html } from 'hono/html';
import type { Html } from './layout.ts';

/**
 * A `select` of plain values with `current` selected; its label is the caller's (`<label for="id">`).
 *
 * @example selectField('member-role', 'role', ['viewer', 'admin', 'owner'], 'viewer')
 */
export function selectField(id: string, name: string, values: readonly string[], current: string): Html {
  return html`<select id="${id}" name="${name}">
    ${values.map((value) =>
      value === current
        ? html`<option value="${value}" selected>${value}</option>`
        : html`<option value="${value}">${value}</option>`,
    )}
  </select>`;
}

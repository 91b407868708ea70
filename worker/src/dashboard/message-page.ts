import { html } from 'hono/html';
import { type Html, layout } from './layout.ts';

/** A page that only says something: a 404, a refused form, an expired session. */
export function messagePage(options: { title: string; message: string }): Html {
  return layout({
    title: options.title,
    body: html`<h1>${options.title}</h1>
      <p>${options.message}</p>
      <p><a href="/">Back to the dashboard</a></p>`,
  });
}

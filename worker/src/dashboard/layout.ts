import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A fragment of HTML built with `html```: interpolations are escaped. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the header shows of a signed-in session. */
export interface LayoutNav {
  orgId: string;
  orgName: string;
  current: 'clusters' | 'scan' | 'ignore-rules' | 'notifications' | 'settings';
  csrf: string;
  /** Shown in the header: "admin token" or the member's email and role. */
  who: string;
}

function navLink(nav: LayoutNav, page: LayoutNav['current'], label: string): Html {
  const href = `/orgs/${encodeURIComponent(nav.orgId)}/${page}`;
  return nav.current === page
    ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
    : html`<li><a href="${href}">${label}</a></li>`;
}

/**
 * The one page frame: a skip link, the header with the org's navigation and sign-out, and `main`. One
 * stylesheet and one script, both from this origin (`Content-Security-Policy: default-src 'self'`).
 *
 * @example
 * c.html(layout({ title: 'Clusters', nav, body: html`<h1>Clusters</h1>` }))
 */
export function layout(options: { title: string; nav?: LayoutNav; body: Html }): Html {
  const { title, nav, body } = options;
  const header = nav
    ? html`<header class="top">
        <a class="brand" href="/">DriftWise</a>
        <nav aria-label="Org ${nav.orgName}">
          <ul>
            ${navLink(nav, 'clusters', 'Clusters')} ${navLink(nav, 'ignore-rules', 'Ignore rules')}
            ${navLink(nav, 'notifications', 'Notifications')} ${navLink(nav, 'settings', 'Settings')}
          </ul>
        </nav>
        <form method="post" action="/sign-out" class="sign-out">
          <span class="who">${nav.orgName} · ${nav.who}</span>
          <input type="hidden" name="csrf" value="${nav.csrf}" />
          <button type="submit">Sign out</button>
        </form>
      </header>`
    : html`<header class="top"><a class="brand" href="/">DriftWise</a></header>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · DriftWise</title>
        <link rel="stylesheet" href="/dashboard.css" />
        <script src="/dashboard.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        ${header}
        <main id="main" tabindex="-1">${body}</main>
      </body>
    </html>`;
}

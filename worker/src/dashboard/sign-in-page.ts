import { html } from 'hono/html';
import { type Html, layout } from './layout.ts';

/**
 * Sign in: with the configured OIDC issuer, one button that starts the code flow; without one (the local
 * default), the admin token in a password field.
 */
export function signInPage(options: { oidc: boolean; csrf: string; error?: string | undefined }): Html {
  const error = options.error
    ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>`
    : '';
  const form = options.oidc
    ? html`<form method="get" action="/sign-in/oidc" class="stack">
        <button type="submit">Sign in with your identity provider</button>
      </form>`
    : html`<form method="post" action="/sign-in" class="stack">
        <input type="hidden" name="csrf" value="${options.csrf}" />
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          name="admin_token"
          type="password"
          autocomplete="current-password"
          required
          ${options.error ? html`aria-describedby="sign-in-error" aria-invalid="true"` : ''}
        />
        <div><button type="submit">Sign in</button></div>
      </form>`;
  return layout({ title: 'Sign in', body: html`<h1>Sign in</h1>${error}${form}` });
}

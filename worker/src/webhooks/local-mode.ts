/**
 * Local mode: `LOCAL_MODE` set to `1` or `true` (`npm run dev` and the Node server's dev start set it).
 * Webhooks may then be `http://127.0.0.1…` and their addresses are not checked: the receiver is a
 * developer's own. Never set it in production.
 */
export function isLocalMode(env: { LOCAL_MODE?: string | undefined }): boolean {
  return env.LOCAL_MODE === '1' || env.LOCAL_MODE === 'true';
}

/**
 * A webhook URL as the dashboard shows it: scheme, host and port in full (which receiver), the path after
 * its first segment and any query as `…`. Receivers such as Slack's incoming webhooks carry their token in
 * the path, and a page is read over shoulders and in screenshots; the full URL stays in the JSON API.
 *
 * @example displayUrl('https://hooks.slack.com/services/T0/B0/XYZ') // 'https://hooks.slack.com/services/…'
 */
export function displayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  const [first, ...rest] = url.pathname.split('/').filter((segment) => segment !== '');
  const path = first === undefined ? '/' : `/${first}${rest.length > 0 ? '/…' : ''}`;
  return `${url.protocol}//${url.host}${path}${url.search || url.hash ? '?…' : ''}`;
}

import { ProblemError } from '../http/problem-error.ts';
import { isIpv4, isPrivateAddress } from './is-private-address.ts';

/** Resolves a host name to its addresses (A and AAAA). Node: `node:dns`; Workers: DNS over HTTPS. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Options of {@link checkWebhookUrl}. */
export interface CheckWebhookUrlOptions {
  /** Local mode (`LOCAL_MODE`): `http://127.0.0.1…` is allowed and addresses are not checked. */
  localMode: boolean;
  resolve: ResolveHost;
}

const refuse = (message: string) =>
  new ProblemError(400, 'invalid_webhook_url', `The webhook URL is refused: ${message}.`, {
    errors: [{ path: 'url', message }],
  });

/**
 * SSRF protection (CONTRACT "Webhooks"): the URL must be `https://` (or `http://127.0.0.1…` in local mode),
 * carry no credentials, and outside local mode every address its host resolves to must be public. Checked
 * at creation and again before every attempt (DNS can change between the two). A 400 `invalid_webhook_url`
 * naming `url` otherwise.
 *
 * @example
 * await checkWebhookUrl('https://hooks.example.com/x', { localMode: false, resolve });
 */
export async function checkWebhookUrl(raw: string, options: CheckWebhookUrlOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.username || url.password) throw refuse('credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:') {
    if (options.localMode && host === '127.0.0.1') return url;
    throw refuse(options.localMode ? 'http is allowed for 127.0.0.1 only' : 'https is required');
  }
  if (url.protocol !== 'https:') throw refuse('https is required');
  if (options.localMode) return url;
  let addresses: string[];
  if (isIpv4(host) || host.includes(':')) addresses = [host];
  else {
    try {
      addresses = await options.resolve(host);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw refuse('the host does not resolve');
  if (addresses.some(isPrivateAddress))
    throw refuse('the host resolves to a private, loopback or link-local address');
  return url;
}

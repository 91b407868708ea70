import type { ResolveHost } from './check-webhook-url.ts';

/** Options of {@link dohResolver}. */
export interface DohResolverOptions {
  /** A DNS-over-HTTPS JSON endpoint (RFC 8484's JSON flavour, as Cloudflare and Google serve it). */
  endpoint?: string;
  fetch?: typeof fetch;
}

/**
 * The Workers resolver: Workers have no DNS API, so host names are resolved over DNS-over-HTTPS
 * (`application/dns-json`, A and AAAA). A failure resolves to no address, which the URL check refuses.
 *
 * @example
 * await dohResolver()('hooks.example.com') // ['93.184.216.34']
 */
export function dohResolver(options: DohResolverOptions = {}): ResolveHost {
  const { endpoint = 'https://cloudflare-dns.com/dns-query', fetch: fetcher = (...args) => fetch(...args) } =
    options;
  return async (hostname) => {
    const answers = await Promise.all(
      ['A', 'AAAA'].map(async (type) => {
        const response = await fetcher(`${endpoint}?name=${encodeURIComponent(hostname)}&type=${type}`, {
          headers: { Accept: 'application/dns-json' },
        });
        if (!response.ok) return [];
        const body = (await response.json()) as { Answer?: { type: number; data: string }[] };
        return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data);
      }),
    );
    return answers.flat();
  };
}

import { type SecretHasher, secretHasher } from '@driftwise/core';
import type { ReportBody } from './build-report-bodies.ts';
import { gzipPieces } from './gzip-pieces.ts';
import type { RateBudget } from './rate-budget.ts';

/** What became of one report (all parts of a batch). */
export type SendOutcome =
  | { kind: 'sent'; reportId: string; resourceCount: number; bytes: number }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'unknown_key' }
  | { kind: 'failed'; reason: string; retryable: boolean };

/** One HTTP exchange, for metrics and logs (never the body). */
export interface RequestRecord {
  path: string;
  status: number;
  bytes: number;
  ms: number;
}

/** Options of {@link createReportClient}. */
export interface ReportClientOptions {
  apiUrl: string;
  apiKey: string;
  budget: RateBudget;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRequest?: (record: RequestRecord) => void;
}

/** The worker as the operator sees it; see {@link createReportClient}. */
export interface ReportClient {
  /** The org's Secret hash key (`GET /api/v2/operator/secret-hash-key`). */
  fetchHasher(): Promise<SecretHasher>;
  /** POSTs the bodies of one report in order, gzip, within the rate budget. */
  send(bodies: readonly ReportBody[]): Promise<SendOutcome>;
}

function base64UrlBytes(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

// RFC 9110 §10.2.3: delay-seconds or an HTTP date. Missing or unreadable: a minute, the limiter's window.
function retryAfterMs(header: string | null, now: number): number {
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = header === null ? Number.NaN : Date.parse(header);
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}

/**
 * A client of the worker's operator routes. Bodies are always gzip (the worker inflates them within its
 * limit); every request first waits for the rate budget, and a 429 blocks the budget for `Retry-After`.
 * A batch is sent part by part: 202 means "more parts expected", the part answered 201 completed it.
 *
 * @example const client = createReportClient({ apiUrl, apiKey, budget: createRateBudget() });
 */
export function createReportClient({
  apiUrl,
  apiKey,
  budget,
  fetch: fetchFn = fetch,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  onRequest = () => {},
}: ReportClientOptions): ReportClient {
  const request = async (path: string, init: RequestInit, bytes: number): Promise<Response> => {
    for (let wait = budget.waitMs(); wait > 0; wait = budget.waitMs()) await sleep(wait);
    budget.spend();
    const started = now();
    const response = await fetchFn(`${apiUrl}${path}`, {
      ...init,
      headers: { 'X-API-Key': apiKey, 'User-Agent': 'driftwise-operator/0.1', ...init.headers },
    });
    onRequest({ path, status: response.status, bytes, ms: now() - started });
    if (response.status === 429) budget.block(retryAfterMs(response.headers.get('Retry-After'), now()));
    return response;
  };

  return {
    async fetchHasher() {
      const response = await request('/api/v2/operator/secret-hash-key', { method: 'GET' }, 0);
      if (response.status !== 200)
        throw new Error(
          `GET /api/v2/operator/secret-hash-key answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
        );
      const body = (await response.json()) as { algorithm?: string; key_id?: string; key?: string };
      if (body.algorithm !== 'hmac-sha256' || typeof body.key_id !== 'string' || typeof body.key !== 'string')
        throw new Error('GET /api/v2/operator/secret-hash-key answered an unknown key format');
      return secretHasher(base64UrlBytes(body.key), body.key_id);
    },

    async send(bodies) {
      let bytes = 0;
      for (const [index, body] of bodies.entries()) {
        const compressed = await gzipPieces(body);
        bytes += compressed.byteLength;
        let response: Response;
        try {
          response = await request(
            '/api/v2/operator/report',
            {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
              body: compressed,
            },
            compressed.byteLength,
          );
        } catch (error) {
          return { kind: 'failed', reason: `network: ${(error as Error).message}`, retryable: true };
        }
        const text = await response.text();
        if (response.status === 201) {
          const payload = JSON.parse(text) as { report_id: string; resource_count: number };
          return { kind: 'sent', reportId: payload.report_id, resourceCount: payload.resource_count, bytes };
        }
        if (response.status === 202 && index < bodies.length - 1) continue;
        if (response.status === 429) return { kind: 'rate_limited', retryAfterMs: budget.waitMs() };
        if (response.status === 400 && /unknown key id/i.test(text)) return { kind: 'unknown_key' };
        // A 4xx other than 429 will not change by itself, but the cluster may: retried with the next snapshot.
        return {
          kind: 'failed',
          reason: `POST /api/v2/operator/report answered ${response.status}: ${text.slice(0, 200)}`,
          retryable: response.status >= 500 || response.status === 408 || response.status === 409,
        };
      }
      return { kind: 'failed', reason: 'no body to send', retryable: false };
    },
  };
}

import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

/** A failed call to the service, already phrased as the one line the command prints (exit 2). */
export class ApiError extends Error {
  override name = 'ApiError';
  /** The HTTP status, or 0 when the service could not be reached. */
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** Calls the DriftWise API with the key of `DRIFTWISE_API_KEY`; JSON in, JSON out. */
export interface ApiClient {
  readonly url: string;
  request: (
    method: string,
    path: string,
    options?: { json?: unknown; query?: Record<string, string | undefined> },
  ) => Promise<unknown>;
}

// Problem+json (RFC 9457) bodies carry `code` and `detail`; anything else is shown by its status alone.
function problemText(body: string): string {
  try {
    const problem = JSON.parse(body) as { code?: unknown; detail?: unknown; title?: unknown };
    const detail = typeof problem.detail === 'string' ? problem.detail : problem.title;
    return [problem.code, detail].filter((part) => typeof part === 'string' && part !== '').join(': ');
  } catch {
    return '';
  }
}

const HINTS: Record<number, string> = {
  401: ' (is DRIFTWISE_API_KEY a valid, unrevoked key?)',
  403: ' (the key needs the write scope)',
  404: ' (check the org id, cluster and namespace)',
};

/**
 * The API client of the commands. The key comes from the environment only, never from a flag: flags end
 * up in shell history and in CI logs. `--api` defaults to `DRIFTWISE_API_URL`.
 *
 * @example
 * const api = apiClient({ api: values.api, io });
 * const scan = await api.request('GET', `/api/v2/orgs/${org}/scans/latest`, { query: { cluster_id } });
 */
export function apiClient(options: { api: string | undefined; io: CliIo }): ApiClient {
  const { io } = options;
  const url = (options.api ?? io.env('DRIFTWISE_API_URL') ?? '').replace(/\/+$/, '');
  if (url === '') throw new UsageError('give the service with --api URL or DRIFTWISE_API_URL');
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--api must be an http(s) URL, got "${url}"`);
  const key = io.env('DRIFTWISE_API_KEY');
  if (!key) throw new UsageError('set DRIFTWISE_API_KEY to an API key of the org (dw2_…)');

  return {
    url,
    async request(method, path, { json, query } = {}) {
      const target = new URL(`${url}${path}`);
      for (const [name, value] of Object.entries(query ?? {})) {
        if (value !== undefined) target.searchParams.set(name, value);
      }
      let response: Response;
      try {
        response = await io.fetch(target, {
          method,
          headers: {
            'X-API-Key': key,
            Accept: 'application/json',
            ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(json === undefined ? {} : { body: typeof json === 'string' ? json : JSON.stringify(json) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new ApiError(`cannot reach ${url}: ${cause}`, 0);
      }
      const text = await response.text();
      if (!response.ok) {
        const problem = problemText(text);
        throw new ApiError(
          `${method} ${target.pathname}: ${response.status}${problem ? ` ${problem}` : ''}${HINTS[response.status] ?? ''}`,
          response.status,
        );
      }
      try {
        return text === '' ? null : JSON.parse(text);
      } catch {
        throw new ApiError(
          `${method} ${target.pathname}: the answer is not JSON (is --api a DriftWise service?)`,
          0,
        );
      }
    },
  };
}

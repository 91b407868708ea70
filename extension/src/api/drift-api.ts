import { DriftApiError, type DriftApiErrorCode } from './drift-api-error.ts';
import type { Scan, ScanDrift } from './scan-types.ts';

/** Where and as whom to call the API. */
export interface DriftApiOptions {
  /** Base URL of the worker, e.g. `http://127.0.0.1:8787` (a trailing slash is fine). */
  apiUrl: string;
  orgId: string;
  /** An org-scoped `dw2_…` key with at least `read` scope. */
  apiKey: string;
  /** Injected for tests; the global `fetch` by default. */
  fetch?: typeof globalThis.fetch;
  /** Abort a request after this many milliseconds, so a hung server never hangs a refresh. */
  timeoutMs?: number;
}

/** The read-only calls the extension makes. */
export interface DriftApi {
  /** The newest scan of a cluster (and namespace), or `null` when there is none yet (404). */
  latestScan(clusterId: string, namespace?: string): Promise<Scan | null>;
  /** The newest scans of a cluster, newest first (one page). */
  listScans(clusterId: string, limit?: number): Promise<Scan[]>;
  drift(scanId: string): Promise<ScanDrift>;
  /** The generated Terraform of a scan, or `null` when the scan has none (404). */
  iac(scanId: string): Promise<string | null>;
}

/**
 * A client for the CONTRACT's scan routes. Every failure becomes a {@link DriftApiError}.
 * @example const api = createDriftApi({ apiUrl, orgId, apiKey }); const scan = await api.latestScan('prod');
 */
export function createDriftApi({
  apiUrl,
  orgId,
  apiKey,
  fetch = globalThis.fetch,
  timeoutMs = 15_000,
}: DriftApiOptions): DriftApi {
  const base = `${apiUrl.replace(/\/+$/, '')}/api/v2/orgs/${encodeURIComponent(orgId)}`;

  async function get(path: string, accept: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        headers: { 'X-API-Key': apiKey, Accept: accept },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new DriftApiError('network', `cannot reach ${apiUrl}: ${describe(cause)}`);
    }
    if (!response.ok) throw await httpError(response);
    return response;
  }

  async function getJson(path: string): Promise<unknown> {
    const response = await get(path, 'application/json');
    try {
      return await response.json();
    } catch {
      throw new DriftApiError('bad_response', `${path}: the answer is not JSON`, response.status);
    }
  }

  async function orNull<T>(call: Promise<T>): Promise<T | null> {
    try {
      return await call;
    } catch (err) {
      // 404 on `latest` and `iac` is an expected outcome (no scan yet, no IaC asked for), not a failure.
      if (err instanceof DriftApiError && err.code === 'not_found') return null;
      throw err;
    }
  }

  return {
    async latestScan(clusterId, namespace) {
      const query = new URLSearchParams({ cluster_id: clusterId });
      if (namespace !== undefined) query.set('namespace', namespace);
      return orNull(getJson(`/scans/latest?${query}`).then((body) => asScan(body)));
    },
    async listScans(clusterId, limit = 100) {
      const query = new URLSearchParams({ cluster_id: clusterId, limit: String(limit) });
      const body = await getJson(`/scans?${query}`);
      if (!isObject(body) || !Array.isArray(body.scans)) throw badShape('/scans');
      return body.scans.map(asScan);
    },
    async drift(scanId) {
      const body = await getJson(`/scans/${encodeURIComponent(scanId)}/drift`);
      if (!isObject(body) || typeof body.scan_id !== 'string' || !Array.isArray(body.items)) {
        throw badShape('/drift');
      }
      return body as unknown as ScanDrift;
    },
    async iac(scanId) {
      return orNull(
        get(`/scans/${encodeURIComponent(scanId)}/iac`, 'application/json, text/plain').then(readIac),
      );
    },
  };
}

/** The IaC route may answer with the text itself or with `{ format, content }` like the report response. */
async function readIac(response: Response): Promise<string> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (isObject(body) && typeof body.content === 'string') return body.content;
      if (isObject(body) && isObject(body.iac) && typeof body.iac.content === 'string')
        return body.iac.content;
    } catch {
      // Not JSON after all: show it as it came.
    }
  }
  return text;
}

const codeByStatus: Record<number, DriftApiErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
};

async function httpError(response: Response): Promise<DriftApiError> {
  let detail = response.statusText;
  try {
    // RFC 9457 problem+json: `detail` or `title` says what went wrong.
    const body: unknown = await response.json();
    if (isObject(body)) detail = String(body.detail ?? body.title ?? detail);
  } catch {
    // A proxy's HTML error page: keep the status text.
  }
  const code = codeByStatus[response.status] ?? (response.status >= 500 ? 'server' : 'bad_response');
  return new DriftApiError(code, `HTTP ${response.status}: ${detail}`, response.status);
}

function asScan(body: unknown): Scan {
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.cluster_id !== 'string') {
    throw badShape('scan');
  }
  return body as unknown as Scan;
}

function badShape(what: string): DriftApiError {
  return new DriftApiError('bad_response', `${what}: unexpected answer shape`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

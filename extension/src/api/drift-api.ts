import { DriftApiError, type DriftApiErrorCode } from './drift-api-error.ts';
import type { ApiDriftItem, DriftEvent, GeneratedIac, Scan, ScanDrift } from './scan-types.ts';

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
  /** At most this many drift pages per scan: a server whose cursors never end cannot hang a refresh. */
  maxDriftPages?: number;
}

/** The calls the extension makes: reads, and the `.driftignore` upload. */
export interface DriftApi {
  /** The newest scan of a cluster (and namespace), or `null` when there is none yet (404). */
  latestScan(clusterId: string, namespace?: string): Promise<Scan | null>;
  /** The newest scans of a cluster, newest first (one page). */
  listScans(clusterId: string, limit?: number): Promise<Scan[]>;
  /** The whole drift of a scan: every page, following `next_cursor`, joined into one document. */
  drift(scanId: string): Promise<ScanDrift>;
  /** The generated IaC of a scan, or `null` when the scan has none (404). */
  iac(scanId: string): Promise<GeneratedIac | null>;
  /**
   * The newest drift events of one resource (one page, newest first); `[]` from a server without the
   * route (404), so the hover simply shows no history there.
   */
  driftEvents(query: {
    clusterId: string;
    namespace: string;
    resourceId: string;
    limit?: number;
  }): Promise<DriftEvent[]>;
  /** Replaces the org's ignore rules (`PUT …/driftignore`, needs a `write` key: a `read` key is a 403). */
  putDriftignore(text: string): Promise<void>;
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
  maxDriftPages = 1_000,
}: DriftApiOptions): DriftApi {
  const base = `${apiUrl.replace(/\/+$/, '')}/api/v2/orgs/${encodeURIComponent(orgId)}`;

  async function get(path: string, accept: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: { 'X-API-Key': apiKey, Accept: accept, ...(init.headers as Record<string, string>) },
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
      const path = `/scans/${encodeURIComponent(scanId)}/drift`;
      let first: ScanDrift | null = null;
      const items: ApiDriftItem[] = [];
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let page = 0; ; page += 1) {
        if (page >= maxDriftPages) {
          throw new DriftApiError('bad_response', `${path}: more than ${maxDriftPages} pages of drift`);
        }
        const body = await getJson(cursor === null ? path : `${path}?cursor=${encodeURIComponent(cursor)}`);
        if (!isObject(body) || typeof body.scan_id !== 'string' || !Array.isArray(body.items)) {
          throw badShape(path);
        }
        // The summary and warnings are of the whole scan on every page (CONTRACT): keep the first page's.
        first ??= body as unknown as ScanDrift;
        items.push(...(body.items as ApiDriftItem[]));
        const next = body.next_cursor;
        if (next === null || next === undefined) break;
        if (typeof next !== 'string' || next === '') throw badShape(`${path} next_cursor`);
        // A cursor seen before would page forever: a server bug, said plainly instead of looping.
        if (seen.has(next)) {
          throw new DriftApiError('bad_response', `${path}: the server repeated the cursor ${next}`);
        }
        seen.add(next);
        cursor = next;
      }
      const { next_cursor: _last, ...rest } = first as ScanDrift & { next_cursor?: unknown };
      return { ...rest, items };
    },
    async iac(scanId) {
      return orNull(getJson(`/scans/${encodeURIComponent(scanId)}/iac`).then(asGeneratedIac));
    },
    async driftEvents({ clusterId, namespace, resourceId, limit = 50 }) {
      const query = new URLSearchParams({
        cluster_id: clusterId,
        namespace,
        resource_id: resourceId,
        limit: String(limit),
      });
      const body = await orNull(getJson(`/drift-events?${query}`));
      if (body === null) return [];
      if (!isObject(body) || !Array.isArray(body.events)) throw badShape('/drift-events');
      return body.events as DriftEvent[];
    },
    async putDriftignore(text) {
      await get('/driftignore', 'application/json', {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: text,
      });
    },
  };
}

/** `{ iac: { format, scope, content, resource_count, warnings } }` (CONTRACT "IaC generation"). */
function asGeneratedIac(body: unknown): GeneratedIac {
  const iac = isObject(body) ? body.iac : undefined;
  if (!isObject(iac) || typeof iac.content !== 'string' || typeof iac.format !== 'string') {
    throw badShape('/iac');
  }
  return {
    format: iac.format,
    scope: typeof iac.scope === 'string' ? iac.scope : 'extra',
    content: iac.content,
    resource_count: typeof iac.resource_count === 'number' ? iac.resource_count : 0,
    warnings: Array.isArray(iac.warnings) ? (iac.warnings as GeneratedIac['warnings']) : [],
  };
}

const codeByStatus: Record<number, DriftApiErrorCode> = {
  400: 'invalid_request',
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

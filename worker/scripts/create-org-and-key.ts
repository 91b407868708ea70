/** What {@link createOrgAndKey} made. */
export interface OrgAndKey {
  orgId: string;
  /** Whether the org already existed (`reuse` found it by name). */
  reused: boolean;
  /** The raw `dw2_…` key: the API shows it once. */
  rawKey: string;
  scopes: string[];
}

/** A bootstrap step that failed, phrased as the one line to print: no stack trace for a server that is down. */
export class BootstrapError extends Error {
  override name = 'BootstrapError';
}

interface Call {
  url: string;
  adminToken: string;
  fetch: typeof fetch;
}

async function call(
  options: Call,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const { url, adminToken } = options;
  let response: Response;
  try {
    response = await options.fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new BootstrapError(
      `no DriftWise server answers at ${url}: start one with \`npm run dev\`, or pass --url`,
    );
  }
  const text = await response.text();
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new BootstrapError(
      `${url} answered ${method} ${path} with ${response.status} and no JSON: is it DriftWise?`,
    );
  }
  if (response.status === 401) {
    throw new BootstrapError(
      `the server at ${url} refused the admin token (401): pass --admin-token or ADMIN_TOKEN with the server's ADMIN_TOKEN`,
    );
  }
  if (response.status === 403 && payload.code === 'admin_disabled') {
    throw new BootstrapError(
      `the server at ${url} has no ADMIN_TOKEN configured, so its admin routes are off (403)`,
    );
  }
  if (!response.ok) {
    throw new BootstrapError(
      `${method} ${path}: ${response.status} ${payload.code ?? ''}: ${payload.detail ?? text}`,
    );
  }
  return payload;
}

/**
 * Creates (or, with `reuse`, finds by name) an org and creates one API key through a running worker's
 * admin routes (CONTRACT "Admin and keys"), for the bootstrap script and the benchmarks. Failures are
 * `BootstrapError`s with a one-line message.
 *
 * @example
 * const { orgId, rawKey } = await createOrgAndKey({ url: 'http://127.0.0.1:8787', adminToken, name: 'acme' });
 */
export async function createOrgAndKey(options: {
  url: string;
  adminToken: string;
  name: string;
  scopes?: string[];
  /** Reuse the oldest org of that name when there is one (`GET /api/v2/admin/orgs`). */
  reuse?: boolean;
  fetch?: typeof fetch;
}): Promise<OrgAndKey> {
  const { url, adminToken, name, scopes = ['write'], reuse = false, fetch: fetchFn = fetch } = options;
  const api: Call = { url: url.replace(/\/+$/, ''), adminToken, fetch: fetchFn };
  let orgId: string | undefined;
  if (reuse) {
    const { orgs } = (await call(api, 'GET', '/api/v2/admin/orgs')) as {
      orgs: { id: string; name: string }[];
    };
    orgId = orgs.find((org) => org.name === name)?.id;
  }
  const reused = orgId !== undefined;
  orgId ??= String((await call(api, 'POST', '/api/v2/admin/orgs', { name })).id);
  const key = await call(api, 'POST', `/api/v2/orgs/${orgId}/api-keys`, { name: `${name}-key`, scopes });
  return { orgId, reused, rawKey: String(key.raw_key), scopes: key.scopes as string[] };
}

/** What {@link createOrgAndKey} made. */
export interface OrgAndKey {
  orgId: string;
  /** The raw `dw2_…` key: the API shows it once. */
  rawKey: string;
  scopes: string[];
}

async function post(url: string, adminToken: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

/**
 * Creates an org and one API key through a running worker's admin routes (CONTRACT "Admin and keys"),
 * for the bootstrap script and the benchmarks.
 *
 * @example
 * const { orgId, rawKey } = await createOrgAndKey({ url: 'http://127.0.0.1:8787', adminToken, name: 'acme' });
 */
export async function createOrgAndKey(options: {
  url: string;
  adminToken: string;
  name: string;
  scopes?: string[];
}): Promise<OrgAndKey> {
  const { url, adminToken, name, scopes = ['write'] } = options;
  const org = await post(`${url}/api/v2/admin/orgs`, adminToken, { name });
  const key = await post(`${url}/api/v2/orgs/${String(org.id)}/api-keys`, adminToken, {
    name: `${name}-key`,
    scopes,
  });
  return { orgId: String(org.id), rawKey: String(key.raw_key), scopes: key.scopes as string[] };
}

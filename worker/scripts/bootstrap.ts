// `npm run bootstrap -w worker -- [--url http://127.0.0.1:8787] [--admin-token T] [--org acme] [--scopes write]`
// Creates an org and an API key through the admin routes of a running worker and prints them.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8787' },
    'admin-token': { type: 'string', default: process.env.ADMIN_TOKEN ?? 'dev-admin-token' },
    org: { type: 'string', default: 'acme' },
    scopes: { type: 'string', default: 'write' },
  },
});

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${values.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${values['admin-token']}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

const org = await post('/api/v2/admin/orgs', { name: values.org });
const scopes = values.scopes.split(',').filter((scope) => scope !== '');
const key = await post(`/api/v2/orgs/${String(org.id)}/api-keys`, { name: `${values.org}-key`, scopes });
console.log(`org id:  ${String(org.id)}`);
console.log(`api key: ${String(key.raw_key)}   (shown once; scopes: ${JSON.stringify(key.scopes)})`);
console.log(
  `\ntry:  curl -s ${values.url}/api/v2/orgs/${String(org.id)}/scans -H 'X-API-Key: ${String(key.raw_key)}'`,
);

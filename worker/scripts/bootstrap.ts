// `npm run bootstrap -w worker -- [--url http://127.0.0.1:8787] [--admin-token T] [--org acme] [--scopes write]`
// Creates an org and an API key through the admin routes of a running worker and prints them.
import { parseArgs } from 'node:util';
import { createOrgAndKey } from './create-org-and-key.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8787' },
    'admin-token': { type: 'string', default: process.env.ADMIN_TOKEN ?? 'dev-admin-token' },
    org: { type: 'string', default: 'acme' },
    scopes: { type: 'string', default: 'write' },
  },
});

const scopes = values.scopes.split(',').filter((scope) => scope !== '');
const {
  orgId,
  rawKey,
  scopes: granted,
} = await createOrgAndKey({
  url: values.url,
  adminToken: values['admin-token'],
  name: values.org,
  scopes,
});
console.log(`org id:  ${orgId}`);
console.log(`api key: ${rawKey}   (shown once; scopes: ${JSON.stringify(granted)})`);
console.log(`\ntry:  curl -s ${values.url}/api/v2/orgs/${orgId}/scans -H 'X-API-Key: ${rawKey}'`);

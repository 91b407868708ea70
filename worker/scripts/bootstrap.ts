// `npm run bootstrap -- [--url URL] [--admin-token T] [--org-name acme] [--scopes write]`
// Finds the org of that name (or creates it) and creates an API key through the admin routes of a running
// worker, and prints both. The URL: --url, else the one `npm run dev` recorded, else http://127.0.0.1:8787.
import { parseArgs } from 'node:util';
import { BootstrapError, createOrgAndKey } from './create-org-and-key.ts';
import { DEV_ADMIN_TOKEN } from './dev-defaults.ts';
import { readDevServerFile } from './dev-server-file.ts';

const USAGE =
  'usage: npm run bootstrap -- [--url URL] [--admin-token TOKEN] [--org-name NAME] [--scopes write,read]';

function fail(message: string): never {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

let values: {
  url?: string;
  'admin-token'?: string;
  'org-name'?: string;
  org?: string;
  scopes: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'org-name': { type: 'string' },
      org: { type: 'string' }, // the former name of --org-name
      scopes: { type: 'string', default: 'write' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const dev = values.url ? undefined : readDevServerFile(process.env.DRIFTWISE_DEV_SERVER_FILE || undefined);
const url = values.url ?? dev?.url ?? 'http://127.0.0.1:8787';
const adminToken = values['admin-token'] ?? process.env.ADMIN_TOKEN ?? dev?.adminToken ?? DEV_ADMIN_TOKEN;
const name = values['org-name'] ?? values.org ?? 'acme';
const scopes = values.scopes.split(',').filter((scope) => scope !== '');

try {
  const result = await createOrgAndKey({ url, adminToken, name, scopes, reuse: true });
  console.log(`org id:  ${result.orgId}   (${result.reused ? 'existing' : 'new'} org "${name}" at ${url})`);
  console.log(`api key: ${result.rawKey}   (shown once; scopes: ${JSON.stringify(result.scopes)})`);
  console.log(`\ntry:  curl -s ${url}/api/v2/orgs/${result.orgId}/scans -H 'X-API-Key: ${result.rawKey}'`);
} catch (error) {
  if (error instanceof BootstrapError) fail(error.message);
  throw error;
}

// `npm run dev [-- <wrangler dev flags>]`: applies the D1 migrations to the local database, then serves the
// worker with `wrangler dev --local` on 127.0.0.1:8787, offline. Secrets come from `.dev.vars` (wrangler's
// own mechanism) or, without one, from `.dev.vars.example` by `--env-file`: never from a command line.
// Extra flags go to `wrangler dev` as they are (`--port 8791 --persist-to DIR`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEV_ADMIN_TOKEN } from './dev-defaults.ts';
import { DEV_SERVER_FILE, removeDevServerFile, writeDevServerFile } from './dev-server-file.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = join(root, 'wrangler.toml');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

// docs/development.md: without these wrangler tries to fetch the `Request.cf` object and send metrics.
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

const args = process.argv.slice(2);
const flagValue = (name: string): string | undefined => {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(name.length + 1) : args[index + 1];
};
const hasFlag = (name: string) => flagValue(name) !== undefined;
const givenVars = args.flatMap((arg, i) => (args[i - 1] === '--var' ? [arg.split(':')[0]] : []));
// wrangler reads `.dev.vars`, else `.env`, next to wrangler.toml by itself.
const hasDevVars =
  existsSync(join(root, '.dev.vars')) || existsSync(join(root, '.env')) || hasFlag('--env-file');

const persistTo = flagValue('--persist-to');
const migrate = spawnSync(
  process.execPath,
  [
    wrangler,
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--config',
    config,
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ],
  { env, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (migrate.status !== 0) {
  console.error('driftwise dev: applying the D1 migrations failed');
  process.exit(migrate.status ?? 1);
}

const defaults: string[] = ['--local', '--config', config];
if (!hasFlag('--ip')) defaults.push('--ip', '127.0.0.1');
if (!hasFlag('--port')) defaults.push('--port', '8787');
// A file, not `--var NAME:value`: a command line is visible to every user of the machine (`ps`).
if (!hasDevVars) defaults.push('--env-file', join(root, '.dev.vars.example'));

// Local mode (webhooks to http://127.0.0.1…, no address check): not a secret, so a plain var.
if (!givenVars.includes('LOCAL_MODE')) defaults.push('--var', 'LOCAL_MODE:1');

const ip = flagValue('--ip') ?? '127.0.0.1';
const port = flagValue('--port') ?? '8787';
const adminToken = hasDevVars || givenVars.includes('ADMIN_TOKEN') ? '<your ADMIN_TOKEN>' : DEV_ADMIN_TOKEN;
console.log(`
driftwise dev: serving on http://${ip}:${port} (local D1 and Durable Objects, no network)
  First org and key:  npm run bootstrap -- --org-name acme   (finds this server; --admin-token if you set your own)
  or by hand:
    curl -s -X POST http://${ip}:${port}/api/v2/admin/orgs -H 'Authorization: Bearer ${adminToken}' \\
         -H 'Content-Type: application/json' -d '{"name":"acme"}'
    curl -s -X POST http://${ip}:${port}/api/v2/orgs/<org id>/api-keys -H 'Authorization: Bearer ${adminToken}' \\
         -H 'Content-Type: application/json' -d '{"name":"operator","scopes":["write"]}'
`);

const child = spawn(process.execPath, [wrangler, 'dev', ...defaults, ...args], { env, stdio: 'inherit' });
// Recorded for `npm run bootstrap` (it then needs no --url); DRIFTWISE_DEV_SERVER_FILE= (empty) turns it
// off, as the tests' servers do, so they never replace the record of the developer's own server.
const serverFile = process.env.DRIFTWISE_DEV_SERVER_FILE ?? DEV_SERVER_FILE;
if (serverFile !== '') {
  const recordedToken = adminToken === DEV_ADMIN_TOKEN ? { adminToken } : {};
  writeDevServerFile({ url: `http://${ip}:${port}`, pid: process.pid, ...recordedToken }, serverFile);
}
// Forward stop signals so wrangler (and workerd under it) shut down with us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (serverFile !== '') removeDevServerFile(serverFile);
  process.exit(code ?? (signal ? 1 : 0));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, defaultIo } from '../../core/cli/cli-io.ts';
import { EXIT, main } from '../../core/cli/driftwise.ts';
import { asShowJson } from '../../core/test/support/as-show-json.ts';
import { freePort } from '../scripts/local-worker.ts';
import { example } from './libsql-app.ts';
import { type NodeServer, startNodeServer } from './node-server.ts';

// The service commands of `driftwise` against the real Node server (src/node.ts over a libSQL file),
// started here on a free port: what a pipeline does with `state push`, `report` and `drift`.
const { state, report } = example('hand-edits');
const reportBody = JSON.parse(report) as {
  cluster_id: string;
  namespace: string;
  resources: { properties: object; region?: string }[];
};
/** The example's objects as `kubectl get … -o json` prints them: a List of API objects. */
const kubectlList = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: reportBody.resources.map((r) => r.properties),
});
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    namespace: 'fleet',
    uid: '5a7e0f1e-0000-4000-8000-000000000001',
    labels: { app: 'db' },
  },
  type: 'Opaque',
  data: { password: Buffer.from('hunter2').toString('base64') },
};

let server: NodeServer;
let orgId: string;
let key: string;

async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Runs `driftwise …` in process with the real fetch; records what it sent. */
async function driftwise(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sent: { method: string; url: string; body: string | undefined }[] = [];
  const env: Record<string, string> = {
    DRIFTWISE_API_URL: server.url,
    DRIFTWISE_API_KEY: key,
    ...options.env,
  };
  const io: CliIo = {
    ...defaultIo,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => options.stdin ?? '',
    env: (name) => env[name],
    // One clock for every run, so "changed … ago" reads the same in the service's drift and in diff's.
    now: () => new Date('2025-04-22T11:14:03Z'),
    fetch: async (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        body: init?.body as string | undefined,
      });
      return fetch(input, init);
    },
  };
  const status = await main(args, io);
  return { status, out: out.join(''), err: err.join(''), sent };
}

const scope = ['--org', '', '--cluster', 'example-cluster', '--namespace', 'fleet'];
const driftArgs = (...extra: string[]) => [
  'drift',
  ...scope.map((arg, i) => (i === 1 ? orgId : arg)),
  ...extra,
];

beforeAll(async () => {
  server = await startNodeServer();
  orgId = String((await admin('/api/v2/admin/orgs', { name: 'cli' })).id);
  key = String((await admin(`/api/v2/orgs/${orgId}/api-keys`, { name: 'ci', scopes: ['write'] })).raw_key);
});
afterAll(async () => {
  await server?.stop();
});

describe('driftwise state push', () => {
  it('uploads the state file read from standard input and prints its counts', async () => {
    const args = ['state', 'push', '--org', orgId, '--source', 'main', '--cluster', 'example-cluster', '-'];
    const run = await driftwise(args, { stdin: state });
    expect(run.err).toBe('');
    expect(run.status).toBe(EXIT.inSync);
    expect(run.out).toMatch(/^state source main \(cluster example-cluster\): 4 Kubernetes resources of 4/);
    const listed = await fetch(`${server.url}/api/v2/orgs/${orgId}/state-sources`, {
      headers: { 'X-API-Key': key },
    });
    const { state_sources } = (await listed.json()) as {
      state_sources: { name: string; cluster_id: string }[];
    };
    expect(state_sources.map((source) => [source.name, source.cluster_id])).toEqual([
      ['main', 'example-cluster'],
    ]);
  });

  it('uploads terraform show -json output and prints its counts without a serial', async () => {
    const shown = JSON.stringify(asShowJson(JSON.parse(state)));
    const args = ['state', 'push', '--org', orgId, '--source', 'shown', '--cluster', 'show-json-only', '-'];
    const run = await driftwise(args, { stdin: shown });
    expect(run.err).toBe('');
    expect(run.status).toBe(EXIT.inSync);
    expect(run.out).toBe('state source shown (cluster show-json-only): 4 Kubernetes resources of 4\n');
    expect(run.sent.map((request) => [request.method, request.body])).toEqual([['PUT', shown]]);
    const listed = await fetch(`${server.url}/api/v2/orgs/${orgId}/state-sources`, {
      headers: { 'X-API-Key': key },
    });
    const { state_sources } = (await listed.json()) as {
      state_sources: { name: string; serial: number | null; lineage: string | null }[];
    };
    expect(state_sources.find((source) => source.name === 'shown')).toEqual(
      expect.objectContaining({ serial: null, lineage: null }),
    );
  });

  it('exits 2 with the file name when the file is not JSON', async () => {
    const run = await driftwise(['state', 'push', '--org', orgId, '--source', 'x', '-'], {
      stdin: '{"version":',
    });
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toMatch(/^driftwise: standard input: not valid JSON/);
    expect(run.sent).toEqual([]);
  });
});

describe('driftwise report', () => {
  it('posts kubectl List output as an operator report of the cluster and namespace', async () => {
    const run = await driftwise(['report', '--cluster', 'example-cluster', '--namespace', 'fleet', '-'], {
      stdin: kubectlList,
    });
    expect(run.err).toBe('');
    expect(run.status).toBe(EXIT.inSync);
    expect(run.out).toMatch(/^report [0-9a-f-]{36}: 4 objects of example-cluster\/fleet\n$/);
    const posted = JSON.parse(run.sent.at(-1)!.body!);
    // The example report also names a region, which kubectl output does not have.
    expect(posted.resources).toEqual(reportBody.resources.map(({ region: _, ...resource }) => resource));
  });

  it('hashes Secret values with the org key before they are sent', async () => {
    const run = await driftwise(['report', '--cluster', 'secrets', '--namespace', 'fleet', '-'], {
      stdin: JSON.stringify(secret),
    });
    expect(run.status).toBe(EXIT.inSync);
    expect(run.sent.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /api/v2/operator/secret-hash-key',
      'POST /api/v2/operator/report',
    ]);
    const body = run.sent[1]!.body!;
    expect(body).not.toContain(secret.data.password);
    expect(JSON.parse(body).resources[0].properties.data.password).toMatch(
      /^hmac-sha256:k1[0-9a-f]{16}:[0-9a-f]{64}$/,
    );
  });

  it('exits 2 naming the object when an object has no uid', async () => {
    const run = await driftwise(['report', '--cluster', 'c', '--namespace', 'n', '-'], {
      stdin: JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'x' } }),
    });
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toMatch(/^driftwise: object 0 \(x\) has no metadata.uid/);
  });
});

// Reads the scan the report test above made from the state the state push test uploaded (tests in a file
// run in order): the pipeline's own sequence.
describe('driftwise drift', () => {
  it('prints the same text as driftwise diff of the same files', async () => {
    const run = await driftwise(driftArgs());
    const dir = new URL('../../examples/hand-edits/', import.meta.url).pathname;
    const local = await driftwise(['diff', '--state', `${dir}state.tfstate`, '--live', `${dir}report.json`]);
    expect(run.err).toBe('');
    expect(run.out).toBe(local.out);
    expect(run.status).toBe(EXIT.drift);
  });

  it('prints the drift response with every page when the format is json', async () => {
    const run = await driftwise(driftArgs('--format', 'json'));
    const drift = JSON.parse(run.out);
    expect(drift.items.map((item: { resource_id: string }) => item.resource_id)).toEqual([
      'k8s/configmap/fleet/routing-rules',
      'k8s/deployment/fleet/dispatcher',
      'k8s/deployment/fleet/tracker',
    ]);
  });

  it('exits 0 when --fail-on critical and no item is critical', async () => {
    expect((await driftwise(driftArgs('--fail-on', 'critical'))).status).toBe(EXIT.inSync);
  });

  it('exits 1 when --fail-on new and the items were first seen in the latest scan', async () => {
    expect((await driftwise(driftArgs('--fail-on', 'new'))).status).toBe(EXIT.drift);
  });

  it('exits 0 when --fail-on new and the same drift was already seen in an earlier scan', async () => {
    await driftwise(['report', '--cluster', 'example-cluster', '--namespace', 'fleet', '-'], {
      stdin: kubectlList,
    });
    expect((await driftwise(driftArgs('--fail-on', 'new'))).status).toBe(EXIT.inSync);
  });

  it('exits 2 with one line when the key is wrong', async () => {
    const run = await driftwise(driftArgs(), { env: { DRIFTWISE_API_KEY: 'dw2_not-a-key' } });
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toMatch(
      /^driftwise: GET \/api\/v2\/orgs\/[^ ]+\/scans\/latest: 401 unauthorized: .*DRIFTWISE_API_KEY.*\n$/,
    );
  });

  it('exits 2 with one line when the cluster has no scan', async () => {
    const run = await driftwise(['drift', '--org', orgId, '--cluster', 'nowhere']);
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toMatch(/^driftwise: GET [^ ]+: 404 not_found.*\n$/);
  });

  it('exits 2 with one line when the service is down', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const run = await driftwise(driftArgs(), { env: { DRIFTWISE_API_URL: down } });
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toBe(`driftwise: cannot reach ${down}: ECONNREFUSED\n`);
  });

  it('exits 2 without calling the service when DRIFTWISE_API_KEY is not set', async () => {
    const run = await driftwise(driftArgs(), { env: { DRIFTWISE_API_KEY: '' } });
    expect(run.status).toBe(EXIT.error);
    expect(run.err).toMatch(/^driftwise: set DRIFTWISE_API_KEY/);
    expect(run.sent).toEqual([]);
  });
});

// w2-history (issue 14): accepted drift never fails a pipeline, even when it is new again.
describe('driftwise drift with a baseline', () => {
  const api = (path: string, method = 'GET') =>
    fetch(`${server.url}/api/v2/orgs/${orgId}${path}`, { method, headers: { 'X-API-Key': key } });
  const latestScan = async () =>
    ((await (await api('/scans/latest?cluster_id=example-cluster&namespace=fleet')).json()) as { id: string })
      .id;
  const reportList = (items: object[]) =>
    driftwise(['report', '--cluster', 'example-cluster', '--namespace', 'fleet', '-'], {
      stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    });

  it('exits 0 when --fail-on new and the new items are all accepted', async () => {
    await reportList(reportBody.resources.map((r) => r.properties));
    expect((await api(`/scans/${await latestScan()}/accept`, 'POST')).status).toBe(200);
    await reportList([]);
    await reportList(reportBody.resources.map((r) => r.properties));
    const scanId = await latestScan();
    const drift = (await (await api(`/scans/${scanId}/drift`)).json()) as {
      items: { first_seen_scan_id: string; accepted: boolean }[];
    };
    // The drift came back in this scan (new), and equals the accepted drift.
    expect(drift.items.map((item) => [item.first_seen_scan_id === scanId, item.accepted])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    expect((await driftwise(driftArgs('--fail-on', 'new'))).status).toBe(EXIT.inSync);
  });

  it('exits 1 when --fail-on new once the baseline is withdrawn', async () => {
    const accepted = await latestScan();
    // The baseline was made by the scan two reports before the latest: find it through the list.
    const scans = (await (await api('/scans?cluster_id=example-cluster&namespace=fleet&limit=3')).json()) as {
      scans: { id: string }[];
    };
    expect((await api(`/scans/${scans.scans[2]!.id}/accept`, 'DELETE')).status).toBe(204);
    await reportList([]);
    await reportList(reportBody.resources.map((r) => r.properties));
    expect(await latestScan()).not.toBe(accepted);
    expect((await driftwise(driftArgs('--fail-on', 'new'))).status).toBe(EXIT.drift);
  });
});

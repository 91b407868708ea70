// Issue 7 on Node with libSQL, at the default 16 MiB body limit: the inputs that were seen failing there.
// Defect 3: a serial ≥ 2^53 was stored, then every read of the org answered 500 (libSQL refuses it).
// Defect 6: attributes nested 100,000 levels, a manifest nested 100,000 levels, 100,000 `{}` resources.
// Defect 8: 20,000 invalid resources gave an 11 MB 400, a 15 MiB ignore line was echoed whole.
import { afterEach, describe, expect, it } from 'vitest';
import { nested, stateText } from '../test/hostile-texts.ts';
import { countRows } from './dump-store.ts';
import { CLIENT_IP_HEADER, json, type LibsqlApp, libsqlApp, withKey } from './libsql-app.ts';

const TABLES = [
  'state_sources',
  'iac_resources',
  'scan_runs',
  'live_resources',
  'drift_chunks',
  'ignore_rules',
];

let opened: LibsqlApp | undefined;
afterEach(() => {
  opened?.client.close();
  opened = undefined;
});

async function setUp() {
  opened = await libsqlApp();
  const app = opened;
  const { orgId, key } = await app.createOrgAndKey(['write']);
  const counts = async () => Promise.all(TABLES.map((table) => countRows(app, table)));
  const refused = async (response: Promise<Response>) => {
    const before = await counts();
    const answer = await response;
    const text = await answer.text();
    expect(answer.status).toBe(400);
    expect(await counts()).toEqual(before);
    return {
      ...(JSON.parse(text) as {
        errors?: { path: string; message: string }[];
        errors_truncated?: boolean;
        line?: number;
        detail: string;
      }),
      size: text.length,
    };
  };
  return {
    app,
    orgId,
    refused,
    postReport: (body: string) =>
      app.call(
        '/api/v2/operator/report',
        json('POST', body, { ...withKey(key), [CLIENT_IP_HEADER]: '198.51.100.7' }),
      ),
    putState: (body: string) =>
      app.call(`/api/v2/orgs/${orgId}/state-sources/prod/state`, json('PUT', body, withKey(key))),
    listStates: () => app.call(`/api/v2/orgs/${orgId}/state-sources`, { headers: withKey(key) }),
    putIgnore: (text: string) =>
      app.call(`/api/v2/orgs/${orgId}/driftignore`, {
        method: 'PUT',
        headers: { ...withKey(key), 'Content-Type': 'text/plain' },
        body: text,
      }),
  };
}

describe('input limits (Node, libSQL)', () => {
  it('answers 400 naming serial and keeps the org readable when serial is 2^53', async () => {
    const { refused, putState, listStates } = await setUp();
    const problem = await refused(putState(stateText('{"metadata":[{"name":"a"}]}', '9007199254740992')));
    expect(problem.errors?.map((error) => error.path)).toEqual(['serial']);
    expect((await listStates()).status).toBe(200);
    expect((await putState(stateText('{"metadata":[{"name":"a"}]}', '9007199254740991'))).status).toBe(200);
    const listed = (await (await listStates()).json()) as { state_sources: { serial: number }[] };
    expect(listed.state_sources.map((source) => source.serial)).toEqual([Number.MAX_SAFE_INTEGER]);
  });

  it('answers 400 when a typed attribute nests 100,000 levels', async () => {
    const { refused, putState } = await setUp();
    const body = stateText(`{"metadata":[{"name":"a"}],"data":${nested(100_000, '{"a":', '}')}}`);
    const problem = await refused(putState(body));
    expect(problem.errors?.map((error) => error.message)).toEqual(['nests deeper than 64 levels']);
  });

  it('answers 400 when a kubernetes_manifest nests 100,000 levels', async () => {
    const { refused, putState } = await setUp();
    const manifest = `{"manifest":{"kind":"ConfigMap","metadata":{"name":"a"},"data":${nested(100_000, '{"a":', '}')}}}`;
    const problem = await refused(putState(stateText(manifest, '1', 'kubernetes_manifest')));
    expect(problem.errors?.map((error) => error.message)).toEqual(['nests deeper than 64 levels']);
  });

  it('answers 400 with 100 errors and errors_truncated when 100,000 resources are empty', async () => {
    const { refused, postReport } = await setUp();
    const body = `{"cluster_id":"c","namespace":"apps","resources":[${'{},'.repeat(99_999)}{}]}`;
    const problem = await refused(postReport(body));
    expect([problem.errors?.length, problem.errors_truncated]).toEqual([100, true]);
  });

  it('answers a body under 100 KB when 20,000 resources are invalid', async () => {
    const { refused, postReport } = await setUp();
    const bad = {
      id: 'u',
      normalized_type: 'K8S/x',
      provider_type: 'x'.repeat(300),
      provider: 'aws',
      name: 'n'.repeat(300),
      properties: {},
    };
    const body = JSON.stringify({
      cluster_id: 'c',
      namespace: 'apps',
      resources: Array.from({ length: 20_000 }, () => bad),
    });
    const problem = await refused(postReport(body));
    expect(problem.errors).toHaveLength(100);
    expect(problem.size).toBeLessThan(100_000);
  });

  it('answers 400 naming the line and the limit without echoing a 15 MiB ignore line', async () => {
    const { refused, putIgnore } = await setUp();
    const problem = await refused(putIgnore(`k8s/${'a'.repeat(15 * 1024 * 1024)}`));
    expect([problem.line, problem.size < 1_000]).toEqual([1, true]);
    expect(problem.detail).toContain('at most 1024');
  });
});

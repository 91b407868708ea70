// Issue 7, in workerd on D1: every bad input is a bounded 400 problem+json and stores nothing.
// Defect 2 (ignore limits), 3 (serial), 6 (deep and wide input), 8 (bounded error bodies), and the
// "Also" items (unknown top-level report fields, Kubernetes label keys). Bodies stay under the test
// config's 256 KiB limit; the 100,000-level and 15 MiB cases run on Node (test-node/input-limits.test.ts).
import { describe, expect, it } from 'vitest';
import { call, count, createOrgAndKey, freshIp, json, withKey } from './helpers.ts';
import { nested, stateText } from './hostile-texts.ts';

const TABLES = [
  'state_sources',
  'iac_resources',
  'scan_runs',
  'live_resources',
  'drift_chunks',
  'ignore_rules',
];

async function counts(): Promise<number[]> {
  return Promise.all(TABLES.map(count));
}

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  errors_truncated?: boolean;
  line?: number;
}

/** Sends a request and checks the answer is a 400 problem that stored nothing; returns the problem. */
async function refused(send: () => Promise<Response>): Promise<Problem & { size: number }> {
  const before = await counts();
  const response = await send();
  const text = await response.text();
  expect(response.status).toBe(400);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(await counts()).toEqual(before);
  return { ...(JSON.parse(text) as Problem), size: text.length };
}

function report(resources: unknown[], extra: Record<string, unknown> = {}) {
  return { cluster_id: 'limits', namespace: 'apps', resources, ...extra };
}

function configMap(overrides: Record<string, unknown> = {}) {
  return {
    id: 'uid-c',
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes',
    name: 'c',
    properties: { metadata: { name: 'c', namespace: 'apps' }, data: { a: 'b' } },
    ...overrides,
  };
}

async function setUp() {
  const { orgId, key } = await createOrgAndKey(['write']);
  const postReport = (body: unknown) =>
    call(
      '/api/v2/operator/report',
      json('POST', typeof body === 'string' ? body : JSON.stringify(body), {
        ...withKey(key),
        'CF-Connecting-IP': freshIp(),
      }),
    );
  const putState = (body: string) =>
    call(`/api/v2/orgs/${orgId}/state-sources/prod/state`, json('PUT', body, withKey(key)));
  const putIgnore = (text: string) =>
    call(`/api/v2/orgs/${orgId}/driftignore`, {
      method: 'PUT',
      headers: { ...withKey(key), 'Content-Type': 'text/plain' },
      body: text,
    });
  return { orgId, key, postReport, putState, putIgnore };
}

describe('report limits (workerd)', () => {
  // Defect 6: 50,000 `{}` resources overflowed the stack inside zod validation (a 500).
  it('answers 400 with 100 errors and errors_truncated when 50,000 resources are empty', async () => {
    const { postReport } = await setUp();
    const problem = await refused(() =>
      postReport(`{"cluster_id":"c","namespace":"apps","resources":[${'{},'.repeat(49_999)}{}]}`),
    );
    expect(problem.errors).toHaveLength(100);
    expect(problem.errors_truncated).toBe(true);
    expect(problem.errors?.[0]?.path).toBe('resources.0.id');
  });

  // Defect 8: 20,000 invalid resources gave an 11 MB 400 (20,000 on Node; 200 fit the 256 KiB test limit).
  it('answers a body of bounded size when 200 resources are invalid', async () => {
    const { postReport } = await setUp();
    const bad = configMap({ provider: 'aws', name: 'n'.repeat(250) });
    const problem = await refused(() => postReport(report(Array.from({ length: 200 }, () => bad))));
    expect(problem.errors).toHaveLength(100);
    expect(problem.size).toBeLessThan(100 * 2 * 200 + 2_000);
  });

  it('echoes at most 200 characters of a long cluster_id', async () => {
    const { postReport } = await setUp();
    const problem = await refused(() => postReport(report([], { cluster_id: `c${'x'.repeat(50_000)}` })));
    expect(problem.size).toBeLessThan(2_000);
  });

  it('echoes at most 200 characters of a huge label key', async () => {
    const { postReport } = await setUp();
    const hugeKey = 'k'.repeat(100_000);
    const problem = await refused(() => postReport(report([configMap({ tags: { [hugeKey]: 'v' } })])));
    expect(problem.errors?.[0]?.path.length).toBeLessThanOrEqual(200);
    expect(problem.size).toBeLessThan(2_000);
  });

  it('answers 400 naming the path when properties nest deeper than 64 levels', async () => {
    const { postReport } = await setUp();
    const body = JSON.stringify(report([configMap({ properties: { data: '§' } })])).replace(
      '"§"',
      nested(3_000, '{"a":', '}'),
    );
    const problem = await refused(() => postReport(body));
    expect(problem.errors?.map((error) => error.message)).toEqual(['nests deeper than 64 levels']);
  });

  // "Also": generate_iacs was dropped silently.
  it('answers 400 naming an unknown top-level field', async () => {
    const { postReport } = await setUp();
    const problem = await refused(() => postReport(report([configMap()], { generate_iacs: true })));
    expect(problem.errors).toEqual([{ path: 'generate_iacs', message: 'is not a field of this object' }]);
  });

  // "Also": a `__proto__` key in tags was accepted and stored.
  it.each([
    ['tags', '{"__proto__":"x"}', 'resources.0.tags.__proto__'],
    ['tags', '{"constructor":"x"}', 'resources.0.tags.constructor'],
    ['labels', '{"with space":"x"}', 'resources.0.properties.metadata.labels.with space'],
    ['annotations', '{"__proto__":"x"}', 'resources.0.properties.metadata.annotations.__proto__'],
  ])('answers 400 naming the path when %s hold the key %s', async (where, map, path) => {
    const { postReport } = await setUp();
    const resource =
      where === 'tags'
        ? configMap({ tags: '§' })
        : configMap({ properties: { metadata: { name: 'c', namespace: 'apps', [where]: '§' } } });
    const body = JSON.stringify(report([resource])).replace('"§"', map);
    const problem = await refused(() => postReport(body));
    expect(problem.errors?.map((error) => error.path)).toEqual([path]);
  });
});

describe('state upload limits (workerd)', () => {
  // Defect 3: on wrangler a serial ≥ 2^53 was silently clamped.
  it.each(['9007199254740992', '1e300', '-1'])(
    'answers 400 naming serial when serial is %s',
    async (serial) => {
      const { putState } = await setUp();
      const problem = await refused(() => putState(stateText('{"metadata":[{"name":"a"}]}', serial)));
      expect(problem.errors?.map((error) => error.path)).toEqual(['serial']);
    },
  );

  it('accepts the serial 2^53 - 1 and answers it back exactly', async () => {
    const { putState } = await setUp();
    const response = await putState(stateText('{"metadata":[{"name":"a"}]}', '9007199254740991'));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { serial: number }).serial).toBe(Number.MAX_SAFE_INTEGER);
  });

  // Defect 6: typed blocks nested 20,000 levels and a manifest nested 3,000 levels were 500s.
  it('answers 400 when typed blocks nest 20,000 levels', async () => {
    const { putState } = await setUp();
    const body = stateText(`{"metadata":[{"name":"a"}],"spec":${nested(20_000, '[{"a":', '}]')}}`);
    const problem = await refused(() => putState(body));
    expect(problem.errors?.map((error) => error.message)).toEqual(['nests deeper than 64 levels']);
  });

  it('answers 400 when a kubernetes_manifest nests 3,000 levels', async () => {
    const { putState } = await setUp();
    const manifest = `{"manifest":{"kind":"ConfigMap","metadata":{"name":"a"},"data":${nested(3_000, '[', ']')}}}`;
    const problem = await refused(() => putState(stateText(manifest, '1', 'kubernetes_manifest')));
    expect(problem.errors?.map((error) => error.message)).toEqual(['nests deeper than 64 levels']);
  });

  it('answers 400 naming the path when an attribute holds a number past 2^53 - 1', async () => {
    const { putState } = await setUp();
    const problem = await refused(() =>
      putState(stateText('{"metadata":[{"name":"a"}],"data":{"n":18446744073709551616}}')),
    );
    expect(problem.errors?.map((error) => error.path)).toEqual(['resources.0.instances.0.attributes.data.n']);
  });
});

describe('ignore file limits (workerd)', () => {
  // Defect 2: 100,000 rules were accepted and every later report stalled.
  it('answers 400 naming the limit and the line when the file has 2,001 rules', async () => {
    const { putIgnore } = await setUp();
    const text = Array.from({ length: 2_001 }, (_, i) => `k8s/configmap/apps/c${i}`).join('\n');
    const problem = await refused(() => putIgnore(text));
    expect([problem.code, problem.line, problem.detail]).toEqual([
      'invalid_ignore_rule',
      2_001,
      'line 2001: more than 2000 rules; at most 2000 are allowed',
    ]);
  });

  it('answers 400 naming the line without echoing it when a line is longer than 1,024 characters', async () => {
    const { putIgnore } = await setUp();
    const problem = await refused(() => putIgnore(`k8s/**\n# ok\nk8s/${'a'.repeat(200_000)}`));
    expect([problem.line, problem.detail]).toEqual([
      3,
      'line 3: the line has 200004 characters; at most 1024 are allowed',
    ]);
    expect(problem.size).toBeLessThan(1_000);
  });

  it('stores 2,000 rules when that is the limit', async () => {
    const { putIgnore } = await setUp();
    const text = Array.from({ length: 2_000 }, (_, i) => `k8s/configmap/apps/c${i}`).join('\n');
    expect((await putIgnore(text)).status).toBe(200);
  });
});

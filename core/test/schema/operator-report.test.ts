import { describe, expect, it } from 'vitest';
import { toInputIssues } from '../../src/schema/input-issues.ts';
import { REPORT_LIMITS } from '../../src/schema/limits.ts';
import {
  operatorReportRequestSchema,
  operatorReportResponseSchema,
} from '../../src/schema/operator-report.ts';
import { readExample } from '../support/examples.ts';

function deployment(overrides: Record<string, unknown> = {}) {
  return {
    id: '6f1c0000-0000-4000-8000-000000000001',
    normalized_type: 'k8s/deployment',
    provider_type: 'deployment',
    provider: 'kubernetes',
    name: 'api',
    region: 'eu-west-1',
    tags: { app: 'api' },
    properties: {
      metadata: { namespace: 'payments', uid: '6f1c', labels: {}, annotations: {} },
      spec: { replicas: 3 },
    },
    ...overrides,
  };
}

function report(overrides: Record<string, unknown> = {}) {
  return { cluster_id: 'prod-eu-1', namespace: 'payments', resources: [deployment()], ...overrides };
}

function issuesOf(body: unknown) {
  const result = operatorReportRequestSchema.safeParse(body);
  if (result.success) return [];
  return toInputIssues(result.error.issues);
}

describe('operatorReportRequestSchema', () => {
  it('accepts the CONTRACT example and fills the defaults', () => {
    const parsed = operatorReportRequestSchema.parse(report());
    expect(parsed.generate_iac).toBe(false);
    expect(parsed.iac_format).toBe('terraform');
    expect(parsed.custom_prompt).toBe('');
    expect(parsed.resources[0]?.properties.spec).toEqual({ replicas: 3 });
  });

  it.each(['hand-edits', 'in-sync', 'missing-extra-manifest'])('accepts the %s example report', (name) => {
    expect(issuesOf(readExample(name, 'report.json'))).toEqual([]);
  });

  it.each([
    [
      'a normalized_type without the k8s/ prefix',
      { normalized_type: 'deployment' },
      'resources.0.normalized_type',
    ],
    [
      'an uppercase kind',
      { normalized_type: 'k8s/Deployment', provider_type: 'Deployment' },
      'resources.0.normalized_type',
    ],
    ['another provider', { provider: 'aws' }, 'resources.0.provider'],
    ['a provider_type that disagrees', { provider_type: 'statefulset' }, 'resources.0.provider_type'],
    ['an empty name', { name: '' }, 'resources.0.name'],
    ['properties that are not an object', { properties: [] }, 'resources.0.properties'],
    ['a kind that disagrees', { properties: { kind: 'Service' } }, 'resources.0.properties.kind'],
    [
      'a metadata.name that disagrees',
      { properties: { metadata: { name: 'web' } } },
      'resources.0.properties.metadata.name',
    ],
    [
      'a label that is not a string',
      { properties: { metadata: { labels: { a: 1 } } } },
      'resources.0.properties.metadata.labels.a',
    ],
  ])('names the field path when a resource has %s', (_, overrides, path) => {
    const issues = issuesOf(report({ resources: [deployment(overrides)] }));
    expect(issues.map((issue) => issue.path)).toContain(path);
  });

  it.each([
    ['no cluster_id', { cluster_id: undefined }, 'cluster_id'],
    ['a cluster_id with a slash', { cluster_id: 'a/b' }, 'cluster_id'],
    ['an invalid namespace', { namespace: 'Payments' }, 'namespace'],
    ['resources that are not a list', { resources: {} }, 'resources'],
    ['another iac_format', { iac_format: 'pulumi' }, 'iac_format'],
    ['another iac_scope', { iac_scope: 'changed' }, 'iac_scope'],
    ['a non-boolean generate_iac', { generate_iac: 'yes' }, 'generate_iac'],
  ])('names the field path when the report has %s', (_, overrides, path) => {
    expect(issuesOf(report(overrides)).map((issue) => issue.path)).toContain(path);
  });

  it('names the accepted values when iac_format is unknown', () => {
    const issue = issuesOf(report({ iac_format: 'pulumi' })).find((i) => i.path === 'iac_format');
    expect(issue?.message).toBe('must be one of "terraform", "terraform-json", "opentofu"');
  });

  it('defaults iac_scope to extra when the report leaves it out', () => {
    expect(operatorReportRequestSchema.parse(report({})).iac_scope).toBe('extra');
  });

  it('refuses objects nested deeper than the limit', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < REPORT_LIMITS.maxDepth + 1; i++) deep = { nested: deep };
    const issues = issuesOf(report({ resources: [deployment({ properties: { spec: deep } })] }));
    expect(issues).toEqual([
      {
        path: expect.stringMatching(/^resources\.0\.properties\.spec\.nested/),
        message: expect.stringContaining('deeper'),
      },
    ]);
  });

  it('requires metadata.namespace on namespaced objects of a whole-cluster report', () => {
    const clusterRole = deployment({
      normalized_type: 'k8s/clusterrole',
      provider_type: 'clusterrole',
      name: 'view',
      properties: { metadata: {} },
    });
    const bare = deployment({ properties: { metadata: {} } });
    const issues = issuesOf(report({ namespace: '*', resources: [clusterRole, bare] }));
    expect(issues.map((issue) => issue.path)).toEqual(['resources.1.properties.metadata.namespace']);
  });

  it('accepts "*" as the namespace of a whole-cluster report', () => {
    expect(issuesOf(report({ namespace: '*' }))).toEqual([]);
  });
});

describe('operatorReportResponseSchema', () => {
  it('accepts a response with generated IaC', () => {
    const response = {
      report_id: '0b8f8a36-6a0e-4d59-9d0c-2f3b8d0f7a11',
      resource_count: 15,
      iac: {
        format: 'terraform',
        scope: 'extra',
        content: 'resource "x" "y" {}',
        resource_count: 1,
        warnings: [],
      },
    };
    expect(operatorReportResponseSchema.parse(response)).toEqual(response);
  });

  it('refuses a report_id that is not a UUID', () => {
    expect(operatorReportResponseSchema.safeParse({ report_id: 'x', resource_count: 1 }).success).toBe(false);
  });

  // Defect 6 (issue 7): 50,000 or 100,000 `{}` resources overflowed the stack inside zod (an array's
  // 600,000 issues handed up with push(...issues)); validation now stops at 101 issues.
  it.each([50_000, 100_000])('reports at most 101 issues when %i resources are all empty', (count) => {
    const body = report({ resources: Array.from({ length: count }, () => ({})) });
    expect(issuesOf(body)).toHaveLength(REPORT_LIMITS.maxIssues + 1);
  });

  it('reports at most 101 issues when 100,000 resources are all empty, parsed asynchronously', async () => {
    const body = report({ resources: Array.from({ length: 100_000 }, () => ({})) });
    const result = await operatorReportRequestSchema.safeParseAsync(body);
    expect(result.success ? 0 : toInputIssues(result.error.issues).length).toBe(REPORT_LIMITS.maxIssues + 1);
  });

  it('refuses a list of more resources than the limit with one issue', () => {
    const body = report({ resources: Array.from({ length: REPORT_LIMITS.maxResources + 1 }, () => ({})) });
    expect(issuesOf(body)).toEqual([
      { path: 'resources', message: expect.stringContaining('at most 100000') },
    ]);
  });

  it('names the deep path when properties nest 100,000 levels', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const issues = issuesOf(report({ resources: [deployment({ properties: { spec: deep } })] }));
    expect(issues.map((issue) => issue.message)).toEqual([expect.stringContaining('deeper than 64')]);
  });

  it.each([
    ['Infinity (1e400)', Number.POSITIVE_INFINITY],
    ['an integer past 2^53 - 1', 2 ** 53],
  ])('refuses a number the store cannot give back when properties hold %s', (_, value) => {
    const issues = issuesOf(
      report({ resources: [deployment({ properties: { spec: { replicas: value } } })] }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['resources.0.properties.spec.replicas']);
  });

  // Issue 7 "Also": a typo such as generate_iacs was dropped silently.
  it('names an unknown top-level field when the report has one', () => {
    expect(issuesOf(report({ generate_iacs: true }))).toEqual([
      { path: 'generate_iacs', message: 'is not a field of this object' },
    ]);
  });

  it('keeps unknown fields inside properties when they are part of the object', () => {
    const parsed = operatorReportRequestSchema.parse(
      report({ resources: [deployment({ properties: { spec: {}, somethingNew: { a: 1 } } })] }),
    );
    expect(parsed.resources[0]?.properties.somethingNew).toEqual({ a: 1 });
  });

  it.each([
    ['tags', '__proto__', 'resources.0.tags.__proto__'],
    ['tags', 'constructor', 'resources.0.tags.constructor'],
    ['tags', 'has space', 'resources.0.tags.has space'],
    ['labels', '-starts-with-dash', 'resources.0.properties.metadata.labels.-starts-with-dash'],
    ['labels', `${'a'.repeat(64)}`, `resources.0.properties.metadata.labels.${'a'.repeat(64)}`],
    ['labels', 'Bad_Prefix/name', 'resources.0.properties.metadata.labels.Bad_Prefix/name'],
    ['annotations', '__proto__', 'resources.0.properties.metadata.annotations.__proto__'],
    ['annotations', 'a/b/c', 'resources.0.properties.metadata.annotations.a/b/c'],
  ])('refuses the %s key %j naming its path', (where, key, path) => {
    const map = JSON.parse(`{${JSON.stringify(key)}:"v"}`);
    const resource =
      where === 'tags'
        ? deployment({ tags: map })
        : deployment({ properties: { metadata: { namespace: 'payments', [where]: map } } });
    expect(issuesOf(report({ resources: [resource] })).map((issue) => issue.path)).toEqual([path]);
  });

  it.each([
    ['app.kubernetes.io/name', 'api'],
    ['example.com/team', ''],
    ['A_b.c-d', 'v1.2_3-x'],
  ])('accepts the label %j = %j when both are what Kubernetes accepts', (key, value) => {
    expect(issuesOf(report({ resources: [deployment({ tags: { [key]: value } })] }))).toEqual([]);
  });

  it('refuses a label value with spaces when it is in tags', () => {
    const issues = issuesOf(report({ resources: [deployment({ tags: { app: 'two words' } })] }));
    expect(issues.map((issue) => issue.path)).toEqual(['resources.0.tags.app']);
  });

  it('accepts free text when it is an annotation value', () => {
    const annotations = { 'example.com/note': 'any text, with spaces: {"json": true}' };
    const resource = deployment({ properties: { metadata: { namespace: 'payments', annotations } } });
    expect(issuesOf(report({ resources: [resource] }))).toEqual([]);
  });

  // Defect 8: no message quotes more than a bounded slice of the input.
  it('quotes at most 64 characters of a kind when it disagrees with normalized_type', () => {
    const resource = deployment({ properties: { kind: 'x'.repeat(10_000) } });
    const [issue] = issuesOf(report({ resources: [resource] }));
    expect(issue?.message.length).toBeLessThan(200);
  });
});

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
    expect(issues).toEqual([{ path: 'resources.0.properties', message: expect.stringContaining('deeper') }]);
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
});

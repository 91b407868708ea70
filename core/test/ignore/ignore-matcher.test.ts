import { describe, expect, it } from 'vitest';
import { ignoreMatcher } from '../../src/ignore/ignore-matcher.ts';
import { parseIgnoreRules } from '../../src/ignore/parse-ignore-rules.ts';

function hidden(text: string, id: string, path: string | null): string | null {
  const rule = ignoreMatcher(parseIgnoreRules(text))(id, path);
  return rule === null || rule.negated ? null : rule.text;
}

const API = 'k8s/deployment/shop/api';

describe('ignoreMatcher', () => {
  it('hides a whole resource with a rule without a path', () => {
    expect(hidden('k8s/deployment/*/api', API, null)).toBe('k8s/deployment/*/api');
  });

  it('hides every field of a resource a rule without a path matches', () => {
    expect(hidden('k8s/deployment/*/api', API, 'spec.replicas')).toBe('k8s/deployment/*/api');
  });

  it('hides the field a path rule names', () => {
    expect(hidden('k8s/deployment/*/api:spec.replicas', API, 'spec.replicas')).toBe(
      'k8s/deployment/*/api:spec.replicas',
    );
  });

  it('does not hide a whole resource with a path rule', () => {
    expect(hidden('k8s/deployment/*/api:**', API, null)).toBeNull();
  });

  it('does not hide fields of other resources', () => {
    expect(
      hidden('k8s/deployment/*/api:spec.replicas', 'k8s/deployment/shop/web', 'spec.replicas'),
    ).toBeNull();
  });

  it('hides everything below a matched path', () => {
    expect(hidden('**:metadata.labels', API, 'metadata.labels.team')).toBe('**:metadata.labels');
  });

  it('lets a later negation un-ignore', () => {
    expect(hidden('k8s/deployment/**\n!k8s/deployment/shop/api', API, null)).toBeNull();
  });

  it('lets a later rule hide again after a negation', () => {
    const text = 'k8s/deployment/**\n!k8s/deployment/shop/*\nk8s/*/shop/api';
    expect(hidden(text, API, null)).toBe('k8s/*/shop/api');
  });

  it('un-ignores one field of an ignored resource with a negated path rule', () => {
    const text = 'k8s/deployment/shop/api\n!k8s/deployment/shop/api:spec.template.spec.containers[*].image';
    expect(hidden(text, API, 'spec.template.spec.containers[api].image')).toBeNull();
  });

  it('hides nothing without rules', () => {
    expect(hidden('', API, 'spec.replicas')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ignoreRuleFor } from './ignore-rule-for.ts';

describe('ignoreRuleFor', () => {
  it('joins the resource id and the change path when a change is given', () => {
    expect(ignoreRuleFor({ resource_id: 'k8s/deployment/fleet/api' }, { path: 'spec.replicas' })).toBe(
      'k8s/deployment/fleet/api:spec.replicas',
    );
  });

  it('names the whole resource when there is no change', () => {
    expect(ignoreRuleFor({ resource_id: 'k8s/configmap/fleet/rules' }, null)).toBe(
      'k8s/configmap/fleet/rules',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import { parseIgnoreRules } from '../../src/ignore/parse-ignore-rules.ts';
import { parsePersonTools } from '../../src/managed-fields/parse-person-tools.ts';
import { DEFAULT_PERSON_TOOLS, personToolMatcher } from '../../src/managed-fields/person-tools.ts';

describe('parsePersonTools', () => {
  it('gives the default list when the text has no directive', () => {
    expect(parsePersonTools('k8s/deployment/*/api:spec.replicas\n')).toEqual([...DEFAULT_PERSON_TOOLS]);
  });

  it('adds the managers a directive names', () => {
    expect(parsePersonTools('# driftwise:person-tools rancher headlamp-*')).toEqual([
      ...DEFAULT_PERSON_TOOLS,
      'rancher',
      'headlamp-*',
    ]);
  });

  it('removes a manager named with a leading minus', () => {
    expect(parsePersonTools('# driftwise:person-tools -k9s')).not.toContain('k9s');
  });

  it('applies several directive lines in order', () => {
    expect(parsePersonTools('# driftwise:person-tools rancher\n# driftwise:person-tools -rancher')).toEqual([
      ...DEFAULT_PERSON_TOOLS,
    ]);
  });

  it('throws invalid_ignore_rule naming the line of a bad entry', () => {
    const error = (() => {
      try {
        parsePersonTools('k8s/*/x\n# driftwise:person-tools bad"name');
      } catch (e) {
        return e;
      }
    })() as DriftwiseError;
    expect(error).toBeInstanceOf(DriftwiseError);
    expect([error.code, error.line]).toEqual(['invalid_ignore_rule', 2]);
  });

  it('throws when a directive names no manager', () => {
    expect(() => parsePersonTools('# driftwise:person-tools')).toThrow(/needs managers/);
  });

  it('is a comment to the ignore-rule parser', () => {
    expect(parseIgnoreRules('# driftwise:person-tools rancher\n')).toEqual([]);
  });
});

describe('personToolMatcher', () => {
  const isPerson = personToolMatcher(DEFAULT_PERSON_TOOLS);

  it.each([
    'kubectl',
    'kubectl-edit',
    'kubectl-client-side-apply',
    'k9s',
    'Lens',
    'OpenLens',
    'kubernetes-dashboard',
  ])('takes %s for a person', (manager) => {
    expect(isPerson(manager)).toBe(true);
  });

  it.each([
    'HashiCorp',
    'Terraform',
    'kube-controller-manager',
    'cert-manager-cainjector',
    'lens',
    'xkubectl',
  ])('takes %s for a machine', (manager) => {
    expect(isPerson(manager)).toBe(false);
  });
});

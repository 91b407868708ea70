import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import { parseIgnoreRules } from '../../src/ignore/parse-ignore-rules.ts';

function errorOf(text: string): DriftwiseError {
  try {
    parseIgnoreRules(text);
  } catch (error) {
    if (error instanceof DriftwiseError) return error;
    throw error;
  }
  throw new Error('parseIgnoreRules did not throw');
}

describe('parseIgnoreRules', () => {
  it('reads a whole-resource rule', () => {
    expect(parseIgnoreRules('k8s/*/kube-system/*')).toEqual([
      { line: 1, text: 'k8s/*/kube-system/*', negated: false, resource: 'k8s/*/kube-system/*', path: null },
    ]);
  });

  it('reads a field rule, splitting at the first colon', () => {
    expect(parseIgnoreRules('k8s/deployment/*/api:spec.replicas')).toEqual([
      {
        line: 1,
        text: 'k8s/deployment/*/api:spec.replicas',
        negated: false,
        resource: 'k8s/deployment/*/api',
        path: 'spec.replicas',
      },
    ]);
  });

  it('reads a negated rule and keeps the "!" in its text', () => {
    expect(parseIgnoreRules('!k8s/deployment/prod/api')).toEqual([
      {
        line: 1,
        text: '!k8s/deployment/prod/api',
        negated: true,
        resource: 'k8s/deployment/prod/api',
        path: null,
      },
    ]);
  });

  it('skips blank lines and comments and keeps real line numbers', () => {
    const text = '# platform noise\n\n   \nk8s/*/kube-system/*  # system namespace\r\n**:metadata.labels\n';
    expect(parseIgnoreRules(text).map(({ line, text: rule }) => ({ line, rule }))).toEqual([
      { line: 4, rule: 'k8s/*/kube-system/*' },
      { line: 5, rule: '**:metadata.labels' },
    ]);
  });

  it.each([
    ['an empty resource glob', 'k8s/a/b\n:spec.replicas', 2],
    ['an empty path after ":"', 'k8s/deployment/shop/api:', 1],
    ['whitespace inside', '\nk8s/deployment/shop/api :spec.replicas', 2],
    ['a "!" alone', '# c\n\n!', 3],
    ['a "!" before a comment', '! # nothing', 1],
    ['a resource glob not starting with k8s/ or a wildcard', 'deployment/shop/api', 1],
  ])('refuses %s, naming the line', (_, text, line) => {
    const error = errorOf(text);
    expect({ code: error.code, line: error.line, named: error.message.startsWith(`line ${line}:`) }).toEqual({
      code: 'invalid_ignore_rule',
      line,
      named: true,
    });
  });
});

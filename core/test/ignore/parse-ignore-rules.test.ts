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

// Defect 2 (issue 7): 100,000 rules were accepted and stalled every later report; a 15 MiB line was
// echoed whole (defect 8). The CONTRACT's limits: 2,000 rules, 1,024 characters a line.
describe('parseIgnoreRules limits', () => {
  function failure(text: string): DriftwiseError {
    try {
      parseIgnoreRules(text);
    } catch (error) {
      if (error instanceof DriftwiseError) return error;
    }
    throw new Error('expected a DriftwiseError');
  }

  it('accepts 2,000 rules when that is the limit', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `k8s/configmap/apps/c${i}`).join('\n');
    expect(parseIgnoreRules(text)).toHaveLength(2_000);
  });

  it('refuses the 2,001st rule naming the limit and its line', () => {
    const text = Array.from({ length: 2_001 }, (_, i) => `k8s/configmap/apps/c${i}`).join('\n# note\n');
    const error = failure(text);
    expect([error.code, error.line, error.message]).toEqual([
      'invalid_ignore_rule',
      4_001,
      'line 4001: more than 2000 rules; at most 2000 are allowed',
    ]);
  });

  it('does not count comments and blank lines when it counts rules', () => {
    const text = `${'# comment\n\n'.repeat(3_000)}${Array.from({ length: 2_000 }, () => 'k8s/**').join('\n')}`;
    expect(parseIgnoreRules(text)).toHaveLength(2_000);
  });

  it('accepts a line of 1,024 characters when that is the limit', () => {
    expect(parseIgnoreRules(`k8s/${'a'.repeat(1_020)}`)).toHaveLength(1);
  });

  it('refuses a 15 MiB line naming the limit and the line without quoting it', () => {
    const error = failure(`k8s/**\nk8s/${'a'.repeat(15 * 1024 * 1024)}`);
    expect([error.line, error.message]).toEqual([
      2,
      `line 2: the line has ${15 * 1024 * 1024 + 4} characters; at most 1024 are allowed`,
    ]);
  });

  it('quotes at most 64 characters of a bad rule when it has whitespace', () => {
    const error = failure(`k8s/${'a'.repeat(900)} x`);
    expect(error.message.length).toBeLessThan(120);
  });
});

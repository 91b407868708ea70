import { describe, expect, it } from 'vitest';
import { appendIgnoreRule } from './append-ignore-rule.ts';

const rule = 'k8s/deployment/fleet/api:spec.replicas';

describe('appendIgnoreRule', () => {
  it('starts the file when there is none', () => {
    expect(appendIgnoreRule(null, rule)).toEqual({ text: `${rule}\n`, added: true });
  });

  it('adds a newline before the rule when the file does not end with one', () => {
    expect(appendIgnoreRule('k8s/*/kube-system/*', rule).text).toBe(`k8s/*/kube-system/*\n${rule}\n`);
  });

  it('writes the comment after the rule on one line', () => {
    expect(appendIgnoreRule('', rule, { comment: 'HPA\nowns it' }).text).toBe(`${rule} # HPA owns it\n`);
  });

  it('leaves the text as it is when the rule is already there', () => {
    const text = `# team rules\n${rule} # scaled by the HPA\n`;
    expect(appendIgnoreRule(text, rule)).toEqual({ text, added: false });
  });

  it('appends the rule when only its negation is there', () => {
    expect(appendIgnoreRule(`!${rule}\n`, rule)).toEqual({ text: `!${rule}\n${rule}\n`, added: true });
  });

  it('throws invalid_ignore_rule when the rule has whitespace', () => {
    expect(() => appendIgnoreRule(null, 'k8s/configmap/fleet/x:data.a b')).toThrow(
      expect.objectContaining({ code: 'invalid_ignore_rule' }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { generatedFileName } from './generated-file-name.ts';

const item = { normalized_type: 'k8s/deployment', namespace: 'docs', name: 'link.checker' };

describe('generatedFileName', () => {
  it('joins kind, namespace and a sanitized name', () => {
    expect(generatedFileName(item, 'terraform', () => false)).toBe('deployment-docs-link_checker.tf');
  });

  it('leaves the namespace out for a cluster-scoped object', () => {
    const role = { normalized_type: 'k8s/clusterrole', namespace: null, name: 'viewer' };
    expect(generatedFileName(role, 'opentofu', () => false)).toBe('clusterrole-viewer.tf');
  });

  it('adds a number when the name is taken', () => {
    const taken = new Set(['deployment-docs-link_checker.tf', 'deployment-docs-link_checker-2.tf']);
    expect(generatedFileName(item, 'terraform', (name) => taken.has(name))).toBe(
      'deployment-docs-link_checker-3.tf',
    );
  });

  it('ends in .tf.json for the JSON format', () => {
    expect(generatedFileName(item, 'terraform-json', () => false)).toBe(
      'deployment-docs-link_checker.tf.json',
    );
  });
});

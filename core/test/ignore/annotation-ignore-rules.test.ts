import { describe, expect, it } from 'vitest';
import { annotationIgnoreRules } from '../../src/ignore/annotation-ignore-rules.ts';
import type { JsonObject } from '../../src/json.ts';
import { liveOf } from '../match/builders.ts';

function withAnnotations(annotations: JsonObject) {
  return liveOf({ kind: 'deployment', name: 'api', object: { metadata: { annotations } } });
}

describe('annotationIgnoreRules', () => {
  it('reads one path rule per comma-separated entry, for that object only', () => {
    const text = 'annotation driftwise.io/ignore: spec.replicas, metadata.labels';
    expect(
      annotationIgnoreRules(withAnnotations({ 'driftwise.io/ignore': 'spec.replicas, metadata.labels' })),
    ).toEqual([
      { line: 0, text, negated: false, resource: 'k8s/deployment/shop/api', path: 'spec.replicas' },
      { line: 0, text, negated: false, resource: 'k8s/deployment/shop/api', path: 'metadata.labels' },
    ]);
  });

  it('reads "*" as the whole object', () => {
    expect(annotationIgnoreRules(withAnnotations({ 'driftwise.io/ignore': '*' }))).toEqual([
      {
        line: 0,
        text: 'annotation driftwise.io/ignore: *',
        negated: false,
        resource: 'k8s/deployment/shop/api',
        path: null,
      },
    ]);
  });

  it('skips empty entries', () => {
    const rules = annotationIgnoreRules(withAnnotations({ 'driftwise.io/ignore': ',spec.replicas,,' }));
    expect(rules.map((rule) => rule.path)).toEqual(['spec.replicas']);
  });

  it('gives no rules without the annotation', () => {
    expect(annotationIgnoreRules(withAnnotations({ other: 'x' }))).toEqual([]);
  });
});

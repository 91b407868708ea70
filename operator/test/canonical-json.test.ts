import { secretHasher, textBytes } from '@driftwise/core';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.ts';
import { toReportResource } from '../src/to-report-resource.ts';

const hasher = secretHasher(new Uint8Array(32).fill(7), 'k1test');

// The API server sends objects as JSON text and `JSON.parse` keeps a `__proto__` key as an own key: it is a
// valid ConfigMap or Secret data key, so the report body must carry it too.
describe('canonicalJson', () => {
  it('keeps a __proto__ and a constructor data key when it sorts the keys', () => {
    const configMap = JSON.parse(
      '{"kind":"ConfigMap","data":{"mode":"fast","constructor":"c","__proto__":"x"}}',
    );

    expect(canonicalJson(configMap)).toBe(
      '{"data":{"__proto__":"x","constructor":"c","mode":"fast"},"kind":"ConfigMap"}',
    );
  });

  it('sends a Secret value under a __proto__ key as its keyed hash', () => {
    const secret = JSON.parse(
      `{"metadata":{"name":"db","uid":"u1"},"data":{"__proto__":"${btoa('hunter2')}"}}`,
    );
    const body = canonicalJson(toReportResource(secret, { kind: 'Secret', apiVersion: 'v1', hasher }));

    expect(JSON.parse(body).properties.data).toEqual(
      JSON.parse(`{"__proto__":"${hasher(textBytes('hunter2'))}"}`),
    );
    expect(Object.keys(JSON.parse(body).properties.data)).toEqual(['__proto__']);
    expect(body).not.toContain(btoa('hunter2'));
  });
});

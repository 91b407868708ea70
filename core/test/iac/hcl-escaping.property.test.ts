import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import { hclOutline } from '../../src/iac/hcl-outline.ts';
import { operatorReportRequestSchema, secretHasher, toLiveResources } from '../../src/index.ts';

// Any text a ConfigMap may hold: every code point, quotes, backslashes, newlines, `${`, `%{`.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.constantFrom('${', '%{', '$${', '"', '\\', '\n', '\t', '}', 'a', '#', '//', '/*', '<<EOF'), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
);

// `__proto__` and `constructor` are valid ConfigMap keys that an assignment to a plain object would lose
// or misread: drawn often on purpose (a random draw of `__proto__` found the bug once).
const key = fc.oneof(
  text.filter((k) => k !== ''),
  fc.constantFrom('__proto__', 'constructor'),
);
const literal = (value: string) => value.replaceAll('$${', '${').replaceAll('%%{', '%{');

function liveOf(data: Record<string, string>) {
  const report = operatorReportRequestSchema.parse({
    cluster_id: 'prod',
    namespace: 'shop',
    resources: [
      {
        id: 'u',
        normalized_type: 'k8s/configmap',
        provider_type: 'configmap',
        provider: 'kubernetes',
        name: 'any',
        properties: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'any', namespace: 'shop' },
          data,
        },
      },
    ],
  });
  return toLiveResources(report, { secretHasher: secretHasher('k', 'k1test') });
}

describe('generateIac escaping', () => {
  it('writes any key and value so that hashicorp/hcl reads them back unchanged (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }), async (data) => {
        const { content } = generateIac({ live: liveOf(data), scope: 'all' });
        // hcl2json answers Terraform JSON, where a literal `${` / `%{` is written `$${` / `%%{`.
        const file = (await parse('generated.tf', content)) as {
          resource: { kubernetes_config_map_v1: { shop_any: Array<{ data: Record<string, string> }> } };
        };
        const read = file.resource.kubernetes_config_map_v1.shop_any[0]?.data ?? {};

        // HCL normalizes every string to Unicode NFC (hclsyntax, "Unicode normalization"): so does Terraform.
        const nfc = Object.fromEntries(
          Object.entries(data).map(([k, v]) => [k.normalize('NFC'), v.normalize('NFC')]),
        );
        expect(Object.fromEntries(Object.entries(read).map(([k, v]) => [literal(k), literal(v)]))).toEqual(
          nfc,
        );
        expect(hclOutline(content).resources).toEqual(['kubernetes_config_map_v1.shop_any']);
      }),
      { numRuns: 150 },
    );
    // Many parses by a WebAssembly parser: minutes on a loaded machine, not vitest's default 5 s.
  }, 120_000);

  it('writes any value so that .tf.json reads it back unchanged (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }), (data) => {
        const { content } = generateIac({ live: liveOf(data), scope: 'all', format: 'terraform-json' });
        const body = JSON.parse(content).resource.kubernetes_config_map_v1.shop_any;
        const read = Object.fromEntries(
          Object.entries(body.data as Record<string, string>).map(([k, v]) => [literal(k), literal(v)]),
        );

        expect(read).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });
});

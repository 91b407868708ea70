import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import { hclOutline } from '../../src/iac/hcl-outline.ts';
import { IAC_FORMATS } from '../../src/iac/iac-options.ts';
import {
  type JsonObject,
  type JsonValue,
  operatorReportRequestSchema,
  secretHasher,
  toLiveResources,
} from '../../src/index.ts';

const KINDS = [
  'Deployment',
  'Service',
  'ConfigMap',
  'Secret',
  'Pod',
  'CronJob',
  'Namespace',
  'Widget',
] as const;
const API_VERSIONS: Record<(typeof KINDS)[number], string> = {
  Deployment: 'apps/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Pod: 'v1',
  CronJob: 'batch/v1',
  Namespace: 'v1',
  Widget: 'example.org/v1',
};

// Objects of known kinds with arbitrary JSON where their fields go: shapes no API server would send.
const object = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,20}[a-z0-9])?$/),
  // Numbers a report may carry: the schema refuses integers beyond ±(2^53 − 1) (they cannot be stored exactly).
  spec: fc.jsonValue({ maxDepth: 4 }).filter((value) => !hasUnsafeInteger(value)),
  data: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.base64String({ maxLength: 12 }), {
    maxKeys: 3,
  }),
});

function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(hasUnsafeInteger);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnsafeInteger);
  return false;
}

describe('generateIac on arbitrary objects', () => {
  it('never throws and always writes code that hashicorp/hcl parses, with every resource (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(object, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...IAC_FORMATS),
        async (objects, format) => {
          const report = operatorReportRequestSchema.parse({
            cluster_id: 'c',
            namespace: 'shop',
            resources: objects.map((o, i) => {
              const properties: JsonObject = {
                apiVersion: API_VERSIONS[o.kind],
                kind: o.kind,
                metadata: { name: o.name },
                spec: o.spec as JsonValue,
              };
              if (o.kind === 'Secret' || o.kind === 'ConfigMap') properties.data = o.data;
              const kind = o.kind.toLowerCase();
              return {
                id: `u${i}`,
                normalized_type: `k8s/${kind}`,
                provider_type: kind,
                provider: 'kubernetes',
                name: o.name,
                properties,
              };
            }),
          });
          const live = toLiveResources(report, { secretHasher: secretHasher('k', 'k1test') });
          const result = generateIac({ live, scope: 'all', format });
          const resources =
            format === 'terraform-json'
              ? Object.values(JSON.parse(result.content).resource ?? {}).flatMap((byName) =>
                  Object.keys(byName as object),
                )
              : hclOutline(result.content).resources;

          expect(resources.length).toBe(result.resource_count);
          if (format !== 'terraform-json')
            await expect(parse('generated.tf', result.content)).resolves.toBeDefined();
          expect(result.content).not.toContain('hmac-sha256');
        },
      ),
      { numRuns: 150 },
    );
    // Many parses by a WebAssembly parser: minutes on a loaded machine, not vitest's default 5 s.
  }, 120_000);
});

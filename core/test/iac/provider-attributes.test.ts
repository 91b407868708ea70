import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate-iac.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/index.ts';
import { REPORT_FIXTURES, readFixture } from './iac-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// Paths the provider's schema has (kubernetes/schema_network_policy.go `ip_block.cidr`,
// schema_volume_source.go `host_path.path`) but no fixture state happens to hold for that type.
const NOT_SAMPLED: ReadonlySet<string> = new Set([
  'kubernetes_network_policy.spec.ingress.from.ip_block.cidr',
  'kubernetes_deployment.spec.template.spec.volume.host_path.path',
]);

/** `kubernetes_deployment_v1` and `kubernetes_deployment` share a schema; so do the DaemonSet names. */
const schemaName = (type: string) =>
  type.replace(/_v\d$/, '').replace('kubernetes_daemonset', 'kubernetes_daemon_set');

/** Every attribute and block path of a body (`spec.template.spec.container.image`), blocks walked. */
function paths(body: JsonObject, prefix: string, out: Set<string>): Set<string> {
  for (const [key, value] of Object.entries(body)) {
    const path = `${prefix}.${key}`;
    out.add(path);
    if (Array.isArray(value) && value.length > 0 && value.every((item) => isJsonObject(item as JsonValue))) {
      for (const item of value) paths(item as JsonObject, path, out);
    }
  }
  return out;
}

/**
 * The attribute paths the provider wrote into the fixtures' state files (typed state holds every schema
 * attribute of the blocks it has, zero-filled), by schema: the provider's names, sampled.
 */
function providerPaths(): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  for (const report of REPORT_FIXTURES) {
    // `<case>/report.json` → `<case>/state.tfstate`; the bench template `in-sync.report.json` → `in-sync.tfstate`.
    const statePath = `${ROOT}${report.replace(/(\/|\.)report\.json$/, (_, sep: string) => (sep === '/' ? '/state.tfstate' : '.tfstate'))}`;
    if (!existsSync(statePath)) continue;
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
      resources: Array<{ type: string; instances: Array<{ attributes: JsonObject }> }>;
    };
    for (const resource of state.resources) {
      const name = schemaName(resource.type);
      const set = known.get(name) ?? new Set<string>();
      for (const instance of resource.instances) paths(instance.attributes, name, set);
      known.set(name, set);
    }
  }
  return known;
}

describe('generateIac typed resources', () => {
  it('uses only attribute names the provider writes for the same type', () => {
    const known = providerPaths();
    const unknown: string[] = [];
    for (const path of REPORT_FIXTURES) {
      const { content } = generateIac({
        live: readFixture(path).live,
        scope: 'all',
        format: 'terraform-json',
      });
      const resources = (JSON.parse(content).resource ?? {}) as Record<string, Record<string, JsonObject>>;
      for (const [type, byName] of Object.entries(resources)) {
        if (type === 'kubernetes_manifest') continue;
        const sample = known.get(schemaName(type));
        for (const body of Object.values(byName)) {
          for (const attribute of paths(body, schemaName(type), new Set())) {
            if (!sample?.has(attribute) && !NOT_SAMPLED.has(attribute)) unknown.push(`${path}: ${attribute}`);
          }
        }
      }
    }

    expect(known.size).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DriftwiseError } from '../../src/errors.ts';
import type { JsonObject } from '../../src/json.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { asShowJson } from '../support/as-show-json.ts';

const hash = secretHasher('show-json-tests', 'k1test');
const EXAMPLES = ['in-sync', 'hand-edits', 'missing-extra-manifest'];

function exampleState(name: string): JsonObject {
  return JSON.parse(
    readFileSync(new URL(`../../../examples/${name}/state.tfstate`, import.meta.url), 'utf8'),
  );
}

describe('readTerraformState on terraform show -json output', () => {
  it.each(EXAMPLES)('reads the same Kubernetes objects as the raw state of %s', (name) => {
    const raw = readTerraformState(exampleState(name), { secretHasher: hash, stateSource: 'main' });
    const shown = readTerraformState(asShowJson(exampleState(name)), {
      secretHasher: hash,
      stateSource: 'main',
    });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(shown.resources.sort(byId)).toEqual(raw.resources.sort(byId));
    expect(shown.k8s_resource_count).toBe(raw.k8s_resource_count);
    expect(shown.resource_count).toBe(raw.resource_count);
  });

  it('has no serial or lineage', () => {
    const shown = readTerraformState(asShowJson(exampleState('hand-edits')), { secretHasher: hash });
    expect([shown.serial, shown.lineage]).toEqual([null, null]);
  });

  it('keeps module addresses of nested child modules', () => {
    const show = {
      format_version: '1.0',
      values: {
        root_module: {
          child_modules: [
            {
              address: 'module.a',
              child_modules: [
                {
                  address: 'module.a.module.b',
                  resources: [
                    {
                      address: 'module.a.module.b.kubernetes_config_map_v1.rules["x"]',
                      mode: 'managed',
                      type: 'kubernetes_config_map_v1',
                      name: 'rules',
                      index: 'x',
                      provider_name: 'registry.terraform.io/hashicorp/kubernetes',
                      values: { metadata: [{ name: 'rules', namespace: 'fleet' }], data: { A: '1' } },
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    };
    const [resource] = readTerraformState(show, { secretHasher: hash }).resources;
    expect(resource!.origin.address).toBe('module.a.module.b.kubernetes_config_map_v1.rules["x"]');
    expect(resource!.declared.data).toEqual({ A: '1' });
  });

  it('leaves deposed objects out', () => {
    const show = asShowJson(exampleState('hand-edits'));
    const root = (show.values as JsonObject).root_module as JsonObject;
    const resources = root.resources as JsonObject[];
    resources.push({ ...resources[0]!, deposed_key: 'abcd1234' });
    const raw = readTerraformState(exampleState('hand-edits'), { secretHasher: hash });
    expect(readTerraformState(show, { secretHasher: hash }).k8s_resource_count).toBe(raw.k8s_resource_count);
  });

  it('reads an empty state (no values at all)', () => {
    const read = readTerraformState({ format_version: '1.0' }, { secretHasher: hash });
    expect([read.resource_count, read.k8s_resource_count]).toEqual([0, 0]);
  });

  it('refuses another major format version', () => {
    expect(() => readTerraformState({ format_version: '2.0', values: {} }, { secretHasher: hash })).toThrow(
      expect.objectContaining({ code: 'unsupported_state_version' }),
    );
  });

  it('names both accepted formats when a file is neither', () => {
    try {
      readTerraformState({ resources: [] }, { secretHasher: hash });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DriftwiseError);
      expect((error as DriftwiseError).code).toBe('invalid_state');
      expect((error as DriftwiseError).message).toMatch(/format version 4.*terraform show -json/);
    }
  });

  it('names the path of a resource that is not Terraform-shaped', () => {
    const show = { format_version: '1.0', values: { root_module: { resources: [{ address: 1 }] } } };
    try {
      readTerraformState(show, { secretHasher: hash });
      expect.unreachable();
    } catch (error) {
      expect((error as DriftwiseError).issues.map((issue) => issue.path)).toContain(
        'values.root_module.resources.0.address',
      );
    }
  });
});

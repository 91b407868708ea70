import { describe, expect, it } from 'vitest';
import { parseTerraformAddress } from './parse-terraform-address.ts';

describe('parseTerraformAddress', () => {
  it.each([
    [
      'kubernetes_deployment_v1.tracker',
      { modules: [], type: 'kubernetes_deployment_v1', name: 'tracker', key: null },
    ],
    [
      'module.dispatch.kubernetes_config_map_v1.rules',
      { modules: ['dispatch'], type: 'kubernetes_config_map_v1', name: 'rules', key: null },
    ],
    [
      'kubernetes_deployment_v1.site["ja"]',
      { modules: [], type: 'kubernetes_deployment_v1', name: 'site', key: 'ja' },
    ],
    ['kubernetes_service_v1.web[1]', { modules: [], type: 'kubernetes_service_v1', name: 'web', key: 1 }],
    [
      'module.app["eu.west"].module.db.kubernetes_manifest.x["a]b"]',
      { modules: ['app', 'db'], type: 'kubernetes_manifest', name: 'x', key: 'a]b' },
    ],
  ])('splits %s into modules, type, name and key', (address, expected) => {
    expect(parseTerraformAddress(address)).toEqual(expected);
  });

  it.each([
    ['data.kubernetes_namespace_v1.ns'],
    ['kubernetes_deployment_v1'],
    ['module.app'],
    ['kubernetes_deployment_v1.site[ja]'],
    ['kubernetes_deployment_v1.site["ja"'],
    ['a.b.c'],
  ])('returns null when %s is not a managed resource instance', (address) => {
    expect(parseTerraformAddress(address)).toBeNull();
  });
});

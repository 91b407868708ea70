import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/json.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { type StatePathStep, toStatePath } from '../../src/state/state-path.ts';
import { findApiRule, NAME_RULES } from '../../src/state/terraform-names.ts';

const POD_STEPS: StatePathStep[] = [{ attribute: 'spec' }, { attribute: 'template' }, { attribute: 'spec' }];

describe('toStatePath', () => {
  it.each<[string, string, StatePathStep[]]>([
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.containers[api].image',
      [
        { attribute: 'spec' },
        { attribute: 'template' },
        { attribute: 'spec' },
        { attribute: 'container', name: 'api' },
        { attribute: 'image' },
      ],
    ],
    ['kubernetes_config_map_v1', 'data.MAX', [{ attribute: 'data' }, { key: 'MAX' }]],
    [
      'kubernetes_service_v1',
      'spec.ports[0].port',
      [{ attribute: 'spec' }, { attribute: 'port', index: 0 }, { attribute: 'port' }],
    ],
    [
      'kubernetes_manifest',
      'spec.schedule',
      [{ attribute: 'manifest' }, { key: 'spec' }, { key: 'schedule' }],
    ],
    [
      'kubernetes_manifest',
      'spec.template.spec.containers[web].image',
      [
        { attribute: 'manifest' },
        { key: 'spec' },
        { key: 'template' },
        { key: 'spec' },
        { attribute: 'containers', name: 'web' },
        { key: 'image' },
      ],
    ],
    [
      'kubernetes_manifest',
      'metadata.labels.app.kubernetes.io/name',
      [{ attribute: 'manifest' }, { key: 'metadata' }, { key: 'labels' }, { key: 'app.kubernetes.io/name' }],
    ],
    [
      'kubernetes_deployment_v1',
      'metadata.labels.app.kubernetes.io/name',
      [{ attribute: 'metadata' }, { attribute: 'labels' }, { key: 'app.kubernetes.io/name' }],
    ],
    [
      'kubernetes_deployment_v1',
      'metadata.annotations.example.com/owner',
      [{ attribute: 'metadata' }, { attribute: 'annotations' }, { key: 'example.com/owner' }],
    ],
    [
      'kubernetes_service_v1',
      'spec.selector.app.kubernetes.io/name',
      [{ attribute: 'spec' }, { attribute: 'selector' }, { key: 'app.kubernetes.io/name' }],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.selector.matchLabels.app',
      [{ attribute: 'spec' }, { attribute: 'selector' }, { attribute: 'match_labels' }, { key: 'app' }],
    ],
    ['kubernetes_secret_v1', 'data.tls.crt', [{ attribute: 'data' }, { key: 'tls.crt' }]],
    ['kubernetes_config_map_v1', 'binaryData.logo.png', [{ attribute: 'binary_data' }, { key: 'logo.png' }]],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.nodeSelector.kubernetes.io/os',
      [
        { attribute: 'spec' },
        { attribute: 'template' },
        { attribute: 'spec' },
        { attribute: 'node_selector' },
        { key: 'kubernetes.io/os' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.containers[api].resources.limits.nvidia.com/gpu',
      [
        { attribute: 'spec' },
        { attribute: 'template' },
        { attribute: 'spec' },
        { attribute: 'container', name: 'api' },
        { attribute: 'resources' },
        { attribute: 'limits' },
        { key: 'nvidia.com/gpu' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.containers[api].env[APP.MODE].valueFrom.configMapKeyRef.key',
      [
        { attribute: 'spec' },
        { attribute: 'template' },
        { attribute: 'spec' },
        { attribute: 'container', name: 'api' },
        { attribute: 'env', name: 'APP.MODE' },
        { attribute: 'value_from' },
        { attribute: 'config_map_key_ref' },
        { attribute: 'key' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.initContainers[migrate].volumeMounts[data].mountPath',
      [
        { attribute: 'spec' },
        { attribute: 'template' },
        { attribute: 'spec' },
        { attribute: 'init_container', name: 'migrate' },
        { attribute: 'volume_mount', name: 'data' },
        { attribute: 'mount_path' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.hostIPC',
      [{ attribute: 'spec' }, { attribute: 'template' }, { attribute: 'spec' }, { attribute: 'host_ipc' }],
    ],
    ['kubernetes_service_v1', 'spec.clusterIP', [{ attribute: 'spec' }, { attribute: 'cluster_ip' }]],
    [
      'kubernetes_service_v1',
      'spec.externalIPs[1]',
      [{ attribute: 'spec' }, { attribute: 'external_ips', index: 1 }],
    ],
    [
      'kubernetes_daemon_set_v1',
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      [
        { attribute: 'spec' },
        { attribute: 'strategy' },
        { attribute: 'rolling_update' },
        { attribute: 'max_unavailable' },
      ],
    ],
    [
      'kubernetes_stateful_set_v1',
      'spec.updateStrategy.type',
      [{ attribute: 'spec' }, { attribute: 'update_strategy' }, { attribute: 'type' }],
    ],
    [
      'kubernetes_cluster_role_v1',
      'rules[0].nonResourceURLs[0]',
      [
        { attribute: 'rule', index: 0 },
        { attribute: 'non_resource_urls', index: 0 },
      ],
    ],
    ['kubernetes_role_binding_v1', 'roleRef.name', [{ attribute: 'role_ref' }, { attribute: 'name' }]],
    [
      'kubernetes_network_policy_v1',
      'spec.ingress[0].from[1].ipBlock.except[0]',
      [
        { attribute: 'spec' },
        { attribute: 'ingress', index: 0 },
        { attribute: 'from', index: 1 },
        { attribute: 'ip_block' },
        { attribute: 'except', index: 0 },
      ],
    ],
    [
      'kubernetes_network_policy_v1',
      'spec.egress[0].ports[0].port',
      [
        { attribute: 'spec' },
        { attribute: 'egress', index: 0 },
        { attribute: 'ports', index: 0 },
        { attribute: 'port' },
      ],
    ],
    [
      'kubernetes_limit_range_v1',
      'spec.limits[0].defaultRequest.cpu',
      [
        { attribute: 'spec' },
        { attribute: 'limit', index: 0 },
        { attribute: 'default_request' },
        { key: 'cpu' },
      ],
    ],
    ['kubernetes_cron_job_v1', 'spec.timeZone', [{ attribute: 'spec' }, { attribute: 'timezone' }]],
    ['kubernetes_storage_class_v1', 'provisioner', [{ attribute: 'storage_provisioner' }]],
    [
      'kubernetes_ingress_v1',
      'spec.rules[0].http.paths[1].backend.service.port.number',
      [
        { attribute: 'spec' },
        { attribute: 'rule', index: 0 },
        { attribute: 'http' },
        { attribute: 'path', index: 1 },
        { attribute: 'backend' },
        { attribute: 'service' },
        { attribute: 'port' },
        { attribute: 'number' },
      ],
    ],
    [
      'kubernetes_service_account_v1',
      'imagePullSecrets[regcred]',
      [{ attribute: 'image_pull_secret', name: 'regcred' }],
    ],
    [
      'kubernetes_horizontal_pod_autoscaler_v2',
      'spec.metrics[0].resource.target.averageUtilization',
      [
        { attribute: 'spec' },
        { attribute: 'metric', index: 0 },
        { attribute: 'resource' },
        { attribute: 'target' },
        { attribute: 'average_utilization' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.containers[api].resources.requests.nvidia.com/gpu',
      [
        ...POD_STEPS,
        { attribute: 'container', name: 'api' },
        { attribute: 'resources' },
        { attribute: 'requests' },
        { key: 'nvidia.com/gpu' },
      ],
    ],
    [
      'kubernetes_storage_class_v1',
      'parameters.csi.storage.k8s.io/fstype',
      [{ attribute: 'parameters' }, { key: 'csi.storage.k8s.io/fstype' }],
    ],
    ...(['default', 'max', 'min', 'maxLimitRequestRatio'] as const).map(
      (map) =>
        [
          'kubernetes_limit_range_v1',
          `spec.limits[1].${map}.example.com/dongle`,
          [
            { attribute: 'spec' },
            { attribute: 'limit', index: 1 },
            { attribute: map === 'maxLimitRequestRatio' ? 'max_limit_request_ratio' : map },
            { key: 'example.com/dongle' },
          ],
        ] as [string, string, StatePathStep[]],
    ),
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.volumes[s].csi.volumeAttributes.csi.example.com/mode',
      [
        ...POD_STEPS,
        { attribute: 'volume', name: 's' },
        { attribute: 'csi' },
        { attribute: 'volume_attributes' },
        { key: 'csi.example.com/mode' },
      ],
    ],
    [
      'kubernetes_deployment_v1',
      'spec.template.spec.volumes[f].flexVolume.options.example.com/x',
      [
        ...POD_STEPS,
        { attribute: 'volume', name: 'f' },
        { attribute: 'flex_volume' },
        { attribute: 'options' },
        { key: 'example.com/x' },
      ],
    ],
  ])('maps %s %s', (type, path, steps) => {
    expect(toStatePath(type, path)).toEqual(steps);
  });

  it.each(['kubernetes_labels', 'helm_release', 'kubernetes_config_map_v1_data'])(
    'is null for the type %s',
    (type) => {
      expect(toStatePath(type, 'metadata.name')).toBeNull();
    },
  );
});

/** Every leaf path of an API object, in the matcher's syntax (named items by name, others by index). */
function leafPaths(value: JsonValue, path = '', out: string[] = []): string[] {
  if (Array.isArray(value) && value.length > 0) {
    const named = value.every((item) => isJsonObject(item) && typeof item.name === 'string');
    value.forEach((item, i) => {
      leafPaths(item, `${path}[${named ? (item as JsonObject).name : i}]`, out);
    });
  } else if (isJsonObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value))
      leafPaths(item, path === '' ? key : `${path}.${key}`, out);
  } else out.push(path);
  return out;
}

/** Follows state path steps through a typed instance's attributes (blocks are lists). */
function follow(attributes: JsonValue, steps: StatePathStep[]): JsonValue | undefined {
  let current: JsonValue | undefined = attributes;
  for (const step of steps) {
    if (Array.isArray(current) && current.length === 1 && isJsonObject(current[0])) current = current[0];
    if (!isJsonObject(current)) return undefined;
    if ('key' in step) {
      current = current[step.key];
      continue;
    }
    const value: JsonValue | undefined = current[step.attribute];
    if ('name' in step)
      current = Array.isArray(value) ? value.find((i) => isJsonObject(i) && i.name === step.name) : undefined;
    else if ('index' in step) current = Array.isArray(value) ? value[step.index] : undefined;
    else current = value;
  }
  return current;
}

describe('toStatePath on the all-types fixture', () => {
  const text = readFileSync(new URL('../fixtures/state/all-types.tfstate', import.meta.url), 'utf8');
  const state = JSON.parse(text) as {
    resources: { type: string; module?: string; name: string; instances: JsonObject[] }[];
  };
  const read = readTerraformState(text, { secretHasher: secretHasher('k', 'k1test') });
  // Secrets fold binary_data into data and hash it; the legacy Ingress is restructured into v1: their
  // API paths have no one-to-one state attribute.
  const cases = read.resources.filter(
    (r) => r.kind !== 'secret' && r.terraform_type !== 'kubernetes_ingress',
  );

  it.each(cases.map((r) => [r.origin.address, r] as const))(
    'leads every declared leaf of %s to its state attribute',
    (address, resource) => {
      const block = state.resources.find((r) =>
        address.startsWith(`${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`),
      )!;
      const instance = block.instances.find(
        (i) =>
          i.deposed === undefined &&
          address.endsWith(i.index_key === undefined ? block.name : `[${JSON.stringify(i.index_key)}]`),
      )!;
      const attributes = instance.attributes as JsonObject;
      const missing = leafPaths(resource.declared)
        .filter((path) => path !== 'apiVersion' && path !== 'kind')
        .filter((path) => {
          const steps = toStatePath(resource.terraform_type, path)!;
          const root =
            resource.terraform_type === 'kubernetes_manifest'
              ? { manifest: (attributes.manifest as JsonObject).value! }
              : attributes;
          return follow(root, steps) === undefined;
        });
      expect(missing).toEqual([]);
    },
  );
});

describe('the name table', () => {
  it.each(
    NAME_RULES.filter((rule) => rule.shape !== 'drop').map((rule) => [rule.state, rule.api, rule] as const),
  )('walks %s → %s back to the same state name', (_, __, rule) => {
    const type = rule.types?.[0] ?? 'kubernetes_widget_v1';
    expect(findApiRule(type, rule.within ?? '(anywhere)', rule.api)?.state).toBe(rule.state);
  });
});

describe('toStatePath on a v1 HorizontalPodAutoscaler', () => {
  it('leads the CPU metric back to target_cpu_utilization_percentage', () => {
    expect(
      toStatePath(
        'kubernetes_horizontal_pod_autoscaler_v1',
        'spec.metrics[0].resource.target.averageUtilization',
      ),
    ).toEqual([{ attribute: 'spec' }, { attribute: 'target_cpu_utilization_percentage' }]);
  });
});

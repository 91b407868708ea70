// Bodies for the concurrency tests (issue 7, defects 4 and 5), shared by the workerd and the Node suites.

/** A v4 state of one ConfigMap with the given serial. */
export function stateWithSerial(serial: number, lineage = '3f8f6a8e-0c3d-4b8e-9d55-7b2f0b0c1a10'): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    serial,
    lineage,
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'kubernetes_config_map_v1',
        name: 'settings',
        provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
        instances: [
          {
            schema_version: 0,
            attributes: {
              id: 'payments/settings',
              metadata: [{ name: 'settings', namespace: 'payments', labels: {}, annotations: {} }],
              data: { serial: String(serial) },
            },
          },
        ],
      },
    ],
  });
}

function configMap(name: string, value: string) {
  return {
    id: `uid-${name}`,
    normalized_type: 'k8s/configmap',
    provider_type: 'configmap',
    provider: 'kubernetes',
    name,
    region: 'eu-west-1',
    tags: {},
    properties: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'payments', uid: `uid-${name}`, labels: {}, annotations: {} },
      data: { value },
    },
  };
}

/** The shared objects every report of {@link raceReport} carries. */
export const SHARED_OBJECTS = 50;

/**
 * Report `n` of a race: {@link SHARED_OBJECTS} ConfigMaps common to every report (with a value of its
 * own, so each report rewrites them) plus `n + 1` objects only this report has. So the stored live rows
 * tell which report they came from, and mixing two reports shows.
 */
export function raceReport(n: number, clusterId = 'race-cluster') {
  const shared = Array.from({ length: SHARED_OBJECTS }, (_, i) => configMap(`shared-${i}`, `report-${n}`));
  const own = Array.from({ length: n + 1 }, (_, i) => configMap(`own-${n}-${i}`, `report-${n}`));
  return { cluster_id: clusterId, namespace: 'payments', resources: [...shared, ...own] };
}

/** The live rows (`resource_id → object`) report `n` leaves, as `resource_id`s. */
export function raceReportIds(n: number): string[] {
  return raceReport(n)
    .resources.map((resource) => `k8s/configmap/payments/${resource.name}`)
    .sort();
}

/** `lock` for ingestReport that queues nothing: the reports race on the store's version check alone. */
export const NO_LOCK = { run: <T>(_key: string, task: () => Promise<T>) => task() };

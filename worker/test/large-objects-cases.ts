// Bodies for the large-object tests (issue 7, defect 7), shared by the workerd and the Node suites.

/**
 * A text of about `bytes` UTF-8 bytes mixing what makes cutting hard: multi-byte characters, a surrogate
 * pair (emoji), quotes and backslashes that JSON escapes.
 */
export function awkwardText(bytes: number): string {
  const unit = 'abc-é-"-\\-😀-日本-'; // 27 bytes of UTF-8
  return unit.repeat(Math.ceil(bytes / 27));
}

/** A report of one ConfigMap `big` holding `value`. */
export function bigConfigMapReport(value: string, clusterId = 'big-cluster') {
  return {
    cluster_id: clusterId,
    namespace: 'payments',
    resources: [
      {
        id: 'uid-big',
        normalized_type: 'k8s/configmap',
        provider_type: 'configmap',
        provider: 'kubernetes',
        name: 'big',
        tags: {},
        properties: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'big', namespace: 'payments', uid: 'uid-big', labels: {}, annotations: {} },
          data: { value },
        },
      },
    ],
  };
}

/** A v4 state declaring the ConfigMap `big` with `value`. */
export function bigConfigMapState(value: string, serial = 1): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    serial,
    lineage: '9d0f2f7e-2b7c-4f7e-8d7e-1c2b3a4d5e6f',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'kubernetes_config_map_v1',
        name: 'big',
        provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
        instances: [
          {
            schema_version: 0,
            attributes: {
              id: 'payments/big',
              metadata: [{ name: 'big', namespace: 'payments', labels: {}, annotations: {} }],
              data: { value },
            },
          },
        ],
      },
    ],
  });
}

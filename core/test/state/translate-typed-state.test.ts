import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/json.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { typedState, valueAt } from './state-builder.ts';

const hash = secretHasher('translate-tests', 'k1test');

/** The `declared` object of a one-resource state. */
function declaredOf(type: string, attributes: JsonObject, namespace: string | null = 'apps'): JsonObject {
  const read = readTerraformState(typedState(type, attributes, namespace), { secretHasher: hash });
  return read.resources[0]!.declared;
}

const DEPLOYMENT = 'kubernetes_deployment_v1';
const podTemplate = (spec: JsonObject): JsonObject => ({
  spec: [{ replicas: '1', template: [{ metadata: [{ labels: { app: 'web' } }], spec: [spec] }] }],
});
const container = (fields: JsonObject): JsonObject =>
  podTemplate({ container: [{ name: 'web', ...fields }] });
const POD = 'spec.template.spec';
const C0 = `${POD}.containers.0`;

describe('readTerraformState: typed state → API shape', () => {
  // [what, type, attributes, path in declared, expected value there]
  it.each<[string, string, JsonObject, string, JsonValue | undefined]>([
    // A max-one block is an object; repeated blocks are plural lists, even with one item.
    ['metadata[0] → metadata', DEPLOYMENT, {}, 'metadata.name', 'web'],
    [
      'spec[0].template[0].spec[0] → objects',
      DEPLOYMENT,
      podTemplate({ dns_policy: 'None' }),
      `${POD}.dnsPolicy`,
      'None',
    ],
    ['container → containers', DEPLOYMENT, container({ image: 'nginx' }), `${C0}.image`, 'nginx'],
    [
      'init_container → initContainers',
      DEPLOYMENT,
      podTemplate({ init_container: [{ name: 'i' }] }),
      `${POD}.initContainers.0.name`,
      'i',
    ],
    [
      'port → ports (container)',
      DEPLOYMENT,
      container({ port: [{ container_port: 80 }] }),
      `${C0}.ports.0.containerPort`,
      80,
    ],
    [
      'volume_mount → volumeMounts',
      DEPLOYMENT,
      container({ volume_mount: [{ name: 'v', mount_path: '/v' }] }),
      `${C0}.volumeMounts.0.mountPath`,
      '/v',
    ],
    ['volume → volumes', DEPLOYMENT, podTemplate({ volume: [{ name: 'v' }] }), `${POD}.volumes.0.name`, 'v'],
    [
      'env stays env (a list)',
      DEPLOYMENT,
      container({ env: [{ name: 'A', value: '1' }] }),
      `${C0}.env.0.value`,
      '1',
    ],
    [
      'env_from → envFrom',
      DEPLOYMENT,
      container({ env_from: [{ prefix: 'P_' }] }),
      `${C0}.envFrom.0.prefix`,
      'P_',
    ],
    [
      'value_from → valueFrom, secret_key_ref → secretKeyRef',
      DEPLOYMENT,
      container({ env: [{ name: 'A', value_from: [{ secret_key_ref: [{ name: 's', key: 'k' }] }] }] }),
      `${C0}.env.0.valueFrom.secretKeyRef.key`,
      'k',
    ],
    [
      'toleration → tolerations',
      DEPLOYMENT,
      podTemplate({ toleration: [{ key: 'k' }] }),
      `${POD}.tolerations.0.key`,
      'k',
    ],
    [
      'image_pull_secrets stays a list',
      DEPLOYMENT,
      podTemplate({ image_pull_secrets: [{ name: 'r' }] }),
      `${POD}.imagePullSecrets.0.name`,
      'r',
    ],
    [
      'http_header → httpHeaders',
      DEPLOYMENT,
      container({ liveness_probe: [{ http_get: [{ http_header: [{ name: 'X', value: 'y' }] }] }] }),
      `${C0}.livenessProbe.httpGet.httpHeaders.0.name`,
      'X',
    ],
    [
      'dns_config.option → options',
      DEPLOYMENT,
      podTemplate({ dns_config: [{ option: [{ name: 'ndots' }] }] }),
      `${POD}.dnsConfig.options.0.name`,
      'ndots',
    ],
    [
      'security_context.sysctl → sysctls',
      DEPLOYMENT,
      podTemplate({ security_context: [{ sysctl: [{ name: 'n' }] }] }),
      `${POD}.securityContext.sysctls.0.name`,
      'n',
    ],
    [
      'host_aliases stays a list',
      DEPLOYMENT,
      podTemplate({ host_aliases: [{ ip: '10.0.0.1' }] }),
      `${POD}.hostAliases.0.ip`,
      '10.0.0.1',
    ],
    [
      'readiness_gate → readinessGates',
      DEPLOYMENT,
      podTemplate({ readiness_gate: [{ condition_type: 'c' }] }),
      `${POD}.readinessGates.0.conditionType`,
      'c',
    ],
    [
      'topology_spread_constraint → topologySpreadConstraints',
      DEPLOYMENT,
      podTemplate({ topology_spread_constraint: [{ max_skew: 1 }] }),
      `${POD}.topologySpreadConstraints.0.maxSkew`,
      1,
    ],
    [
      'match_expressions stays a list',
      DEPLOYMENT,
      { spec: [{ selector: [{ match_expressions: [{ key: 'a', operator: 'Exists', values: [] }] }] }] },
      'spec.selector.matchExpressions.0.key',
      'a',
    ],
    [
      'node affinity: required term is one object with nodeSelectorTerms',
      DEPLOYMENT,
      podTemplate({
        affinity: [
          {
            node_affinity: [
              {
                required_during_scheduling_ignored_during_execution: [
                  { node_selector_term: [{ match_fields: [] }] },
                ],
              },
            ],
          },
        ],
      }),
      `${POD}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchFields`,
      [],
    ],
    [
      'pod anti-affinity: required terms stay a list',
      DEPLOYMENT,
      podTemplate({
        affinity: [
          {
            pod_anti_affinity: [
              { required_during_scheduling_ignored_during_execution: [{ topology_key: 'zone' }] },
            ],
          },
        ],
      }),
      `${POD}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.0.topologyKey`,
      'zone',
    ],
    [
      'preferred terms stay a list',
      DEPLOYMENT,
      podTemplate({
        affinity: [
          { pod_affinity: [{ preferred_during_scheduling_ignored_during_execution: [{ weight: 5 }] }] },
        ],
      }),
      `${POD}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.weight`,
      5,
    ],
    [
      'projected sources stay a list',
      DEPLOYMENT,
      podTemplate({
        volume: [{ name: 'p', projected: [{ sources: [{ service_account_token: [{ path: 't' }] }] }] }],
      }),
      `${POD}.volumes.0.projected.sources.0.serviceAccountToken.path`,
      't',
    ],
    [
      'Service port → ports',
      'kubernetes_service_v1',
      { spec: [{ port: [{ port: 80 }] }] },
      'spec.ports.0.port',
      80,
    ],
    [
      'NetworkPolicy ingress/from/ports stay lists',
      'kubernetes_network_policy_v1',
      {
        spec: [
          {
            ingress: [
              {
                from: [{ ip_block: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }],
                ports: [{ port: '80' }],
              },
            ],
          },
        ],
      },
      'spec.ingress.0.from.0.ipBlock.except.0',
      '10.1.0.0/16',
    ],
    [
      'NetworkPolicy egress/to stay lists',
      'kubernetes_network_policy_v1',
      { spec: [{ egress: [{ to: [{ pod_selector: [{ match_labels: { a: 'b' } }] }] }] }] },
      'spec.egress.0.to.0.podSelector.matchLabels.a',
      'b',
    ],
    [
      'Role rule → rules',
      'kubernetes_role_v1',
      { rule: [{ api_groups: [''], verbs: ['get'] }] },
      'rules.0.apiGroups',
      [''],
    ],
    [
      'RoleBinding subject → subjects, role_ref → roleRef',
      'kubernetes_role_binding_v1',
      {
        role_ref: [{ api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }],
        subject: [{ kind: 'User', name: 'u' }],
      },
      'subjects.0.name',
      'u',
    ],
    [
      'Ingress rule → rules, http.path → paths',
      'kubernetes_ingress_v1',
      { spec: [{ rule: [{ http: [{ path: [{ path: '/a', path_type: 'Prefix' }] }] }] }] },
      'spec.rules.0.http.paths.0.pathType',
      'Prefix',
    ],
    [
      'Ingress backend port is one object',
      'kubernetes_ingress_v1',
      { spec: [{ default_backend: [{ service: [{ name: 's', port: [{ number: 80 }] }] }] }] },
      'spec.defaultBackend.service.port.number',
      80,
    ],
    [
      'HPA metric → metrics, policy → policies',
      'kubernetes_horizontal_pod_autoscaler_v2',
      { spec: [{ metric: [{ type: 'Resource' }], behavior: [{ scale_up: [{ policy: [{ value: 4 }] }] }] }] },
      'spec.behavior.scaleUp.policies.0.value',
      4,
    ],
    [
      'HPA scale_target_ref → scaleTargetRef',
      'kubernetes_horizontal_pod_autoscaler_v2',
      { spec: [{ scale_target_ref: [{ api_version: 'apps/v1', kind: 'Deployment', name: 'web' }] }] },
      'spec.scaleTargetRef.apiVersion',
      'apps/v1',
    ],
    [
      'LimitRange limit → limits',
      'kubernetes_limit_range_v1',
      { spec: [{ limit: [{ type: 'Container' }] }] },
      'spec.limits.0.type',
      'Container',
    ],
    [
      'ResourceQuota match_expression → matchExpressions',
      'kubernetes_resource_quota_v1',
      { spec: [{ scope_selector: [{ match_expression: [{ scope_name: 'PriorityClass' }] }] }] },
      'spec.scopeSelector.matchExpressions.0.scopeName',
      'PriorityClass',
    ],
    [
      'StatefulSet volume_claim_template → volumeClaimTemplates',
      'kubernetes_stateful_set_v1',
      { spec: [{ volume_claim_template: [{ metadata: [{ name: 'data' }] }] }] },
      'spec.volumeClaimTemplates.0.metadata.name',
      'data',
    ],
    [
      'ephemeral volume_claim_template is one object',
      DEPLOYMENT,
      podTemplate({
        volume: [
          { name: 'e', ephemeral: [{ volume_claim_template: [{ spec: [{ storage_class_name: 'x' }] }] }] },
        ],
      }),
      `${POD}.volumes.0.ephemeral.volumeClaimTemplate.spec.storageClassName`,
      'x',
    ],
    [
      'ServiceAccount secret → secrets',
      'kubernetes_service_account_v1',
      { secret: [{ name: 's' }] },
      'secrets.0.name',
      's',
    ],
    [
      'default ServiceAccount secret → secrets',
      'kubernetes_default_service_account_v1',
      { secret: [{ name: 's' }] },
      'secrets.0.name',
      's',
    ],
    [
      'ServiceAccount image_pull_secret → imagePullSecrets',
      'kubernetes_service_account_v1',
      { image_pull_secret: [{ name: 'r' }] },
      'imagePullSecrets.0.name',
      'r',
    ],
    [
      'ClusterRole aggregation_rule.cluster_role_selectors stays a list',
      'kubernetes_cluster_role_v1',
      { aggregation_rule: [{ cluster_role_selectors: [{ match_labels: { a: 'b' } }] }] },
      'aggregationRule.clusterRoleSelectors.0.matchLabels.a',
      'b',
    ],
    [
      'StorageClass allowed_topologies stays a list',
      'kubernetes_storage_class_v1',
      { allowed_topologies: [{ match_label_expressions: [{ key: 'zone', values: ['a'] }] }] },
      'allowedTopologies.0.matchLabelExpressions.0.key',
      'zone',
    ],
    [
      'Job pod_failure_policy.rule → rules, on_pod_condition → onPodConditions',
      'kubernetes_job_v1',
      { spec: [{ pod_failure_policy: [{ rule: [{ on_pod_condition: [{ type: 'DisruptionTarget' }] }] }] }] },
      'spec.podFailurePolicy.rules.0.onPodConditions.0.type',
      'DisruptionTarget',
    ],
    [
      'volume_device → volumeDevices',
      DEPLOYMENT,
      container({ volume_device: [{ name: 'b', device_path: '/dev/b' }] }),
      `${C0}.volumeDevices.0.devicePath`,
      '/dev/b',
    ],
    [
      'resize_policy stays a list',
      DEPLOYMENT,
      container({ resize_policy: [{ resource_name: 'cpu' }] }),
      `${C0}.resizePolicy.0.resourceName`,
      'cpu',
    ],
    [
      'match_fields stays a list',
      DEPLOYMENT,
      podTemplate({
        affinity: [
          {
            node_affinity: [
              {
                required_during_scheduling_ignored_during_execution: [
                  { node_selector_term: [{ match_fields: [{ key: 'metadata.name' }] }] },
                ],
              },
            ],
          },
        ],
      }),
      `${POD}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchFields.0.key`,
      'metadata.name',
    ],
    [
      'Ingress tls stays a list',
      'kubernetes_ingress_v1',
      { spec: [{ tls: [{ secret_name: 't' }] }] },
      'spec.tls.0.secretName',
      't',
    ],
    [
      'an unlisted block with several items stays a list',
      DEPLOYMENT,
      { spec: [{ widget: [{ a: 1 }, { a: 2 }] }] },
      'spec.widget.1.a',
      2,
    ],
  ])('%s', (_, type, attributes, path, expected) => {
    expect(valueAt(declaredOf(type, attributes), path)).toEqual(expected);
  });

  it.each<[string, string, JsonObject, string, JsonValue | undefined]>([
    [
      'cluster_ip → clusterIP',
      'kubernetes_service_v1',
      { spec: [{ cluster_ip: '10.0.0.1' }] },
      'spec.clusterIP',
      '10.0.0.1',
    ],
    [
      'cluster_ips → clusterIPs',
      'kubernetes_service_v1',
      { spec: [{ cluster_ips: ['10.0.0.1'] }] },
      'spec.clusterIPs',
      ['10.0.0.1'],
    ],
    [
      'external_ips → externalIPs',
      'kubernetes_service_v1',
      { spec: [{ external_ips: ['1.2.3.4'] }] },
      'spec.externalIPs',
      ['1.2.3.4'],
    ],
    [
      'load_balancer_ip → loadBalancerIP',
      'kubernetes_service_v1',
      { spec: [{ load_balancer_ip: '1.2.3.4' }] },
      'spec.loadBalancerIP',
      '1.2.3.4',
    ],
    [
      'session_affinity_config.client_ip → clientIP',
      'kubernetes_service_v1',
      { spec: [{ session_affinity_config: [{ client_ip: [{ timeout_seconds: 60 }] }] }] },
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
      60,
    ],
    [
      'host_ip → hostIP',
      DEPLOYMENT,
      container({ port: [{ host_ip: '0.0.0.0' }] }),
      `${C0}.ports.0.hostIP`,
      '0.0.0.0',
    ],
    ['host_ipc → hostIPC', DEPLOYMENT, podTemplate({ host_ipc: true }), `${POD}.hostIPC`, true],
    ['host_pid → hostPID', DEPLOYMENT, podTemplate({ host_pid: true }), `${POD}.hostPID`, true],
    [
      'host_network → hostNetwork',
      DEPLOYMENT,
      podTemplate({ host_network: true }),
      `${POD}.hostNetwork`,
      true,
    ],
    [
      'se_linux_options → seLinuxOptions',
      DEPLOYMENT,
      container({ security_context: [{ se_linux_options: [{ level: 's0' }] }] }),
      `${C0}.securityContext.seLinuxOptions.level`,
      's0',
    ],
    [
      'tcp_socket → tcpSocket',
      DEPLOYMENT,
      container({ liveness_probe: [{ tcp_socket: [{ port: 'http' }] }] }),
      `${C0}.livenessProbe.tcpSocket.port`,
      'http',
    ],
    [
      'grpc → grpc',
      DEPLOYMENT,
      container({ startup_probe: [{ grpc: [{ port: 9090 }] }] }),
      `${C0}.startupProbe.grpc.port`,
      9090,
    ],
    [
      'windows run_as_username → runAsUserName',
      DEPLOYMENT,
      podTemplate({ security_context: [{ windows_options: [{ run_as_username: 'ContainerUser' }] }] }),
      `${POD}.securityContext.windowsOptions.runAsUserName`,
      'ContainerUser',
    ],
    [
      'downward_api → downwardAPI',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'd', downward_api: [{ items: [] }] }] }),
      `${POD}.volumes.0.downwardAPI.items`,
      [],
    ],
    [
      'ceph_fs → cephfs',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'c', ceph_fs: [{ path: '/x' }] }] }),
      `${POD}.volumes.0.cephfs.path`,
      '/x',
    ],
    [
      'aws volume_id → volumeID',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'a', aws_elastic_block_store: [{ volume_id: 'vol-1' }] }] }),
      `${POD}.volumes.0.awsElasticBlockStore.volumeID`,
      'vol-1',
    ],
    [
      'rbd rbd_image → image (inside rbd only)',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'r', rbd: [{ rbd_image: 'img', ceph_monitors: ['m'] }] }] }),
      `${POD}.volumes.0.rbd.image`,
      'img',
    ],
    [
      'rbd ceph_monitors/rbd_pool/rados_user → monitors/pool/user',
      DEPLOYMENT,
      podTemplate({
        volume: [{ name: 'r', rbd: [{ ceph_monitors: ['m:6789'], rbd_pool: 'p', rados_user: 'u' }] }],
      }),
      `${POD}.volumes.0.rbd`,
      { monitors: ['m:6789'], pool: 'p', user: 'u' },
    ],
    [
      'azure_disk data_disk_uri → diskURI',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'a', azure_disk: [{ data_disk_uri: 'https://d' }] }] }),
      `${POD}.volumes.0.azureDisk.diskURI`,
      'https://d',
    ],
    [
      'photon pd_id → pdID',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'p', photon_persistent_disk: [{ pd_id: 'pd-1' }] }] }),
      `${POD}.volumes.0.photonPersistentDisk.pdID`,
      'pd-1',
    ],
    [
      'flocker dataset_uuid → datasetUUID',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'f', flocker: [{ dataset_uuid: 'u-1' }] }] }),
      `${POD}.volumes.0.flocker.datasetUUID`,
      'u-1',
    ],
    [
      'fc target_ww_ns → targetWWNs',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'f', fc: [{ target_ww_ns: ['w'] }] }] }),
      `${POD}.volumes.0.fc.targetWWNs`,
      ['w'],
    ],
    ['pod_ip → podIP', 'kubernetes_pod_v1', { spec: [{ pod_ip: '10.1.2.3' }] }, 'spec.podIP', '10.1.2.3'],
    [
      'api_groups → apiGroups, non_resource_urls → nonResourceURLs',
      'kubernetes_cluster_role_v1',
      { rule: [{ non_resource_urls: ['/healthz'] }] },
      'rules.0.nonResourceURLs',
      ['/healthz'],
    ],
    [
      'CronJob timezone → timeZone',
      'kubernetes_cron_job_v1',
      { spec: [{ timezone: 'Europe/Berlin' }] },
      'spec.timeZone',
      'Europe/Berlin',
    ],
    [
      'StorageClass storage_provisioner → provisioner',
      'kubernetes_storage_class_v1',
      { storage_provisioner: 'ebs.csi.aws.com' },
      'provisioner',
      'ebs.csi.aws.com',
    ],
    [
      'PriorityClass value/global_default at the top level',
      'kubernetes_priority_class_v1',
      { value: 1000, global_default: false },
      'value',
      1000,
    ],
    ['ConfigMap data at the top level', 'kubernetes_config_map_v1', { data: { A: '1' } }, 'data.A', '1'],
    [
      'ConfigMap binary_data → binaryData',
      'kubernetes_config_map_v1',
      { binary_data: { b: 'AA==' } },
      'binaryData.b',
      'AA==',
    ],
    [
      'DaemonSet strategy → updateStrategy',
      'kubernetes_daemon_set_v1',
      { spec: [{ strategy: [{ type: 'OnDelete' }] }] },
      'spec.updateStrategy.type',
      'OnDelete',
    ],
    [
      'legacy DaemonSet strategy → updateStrategy',
      'kubernetes_daemonset',
      { spec: [{ strategy: [{ type: 'OnDelete' }] }] },
      'spec.updateStrategy.type',
      'OnDelete',
    ],
    [
      'Deployment strategy stays strategy',
      DEPLOYMENT,
      { spec: [{ strategy: [{ type: 'Recreate' }] }] },
      'spec.strategy.type',
      'Recreate',
    ],
  ])('names: %s', (_, type, attributes, path, expected) => {
    expect(valueAt(declaredOf(type, attributes), path)).toEqual(expected);
  });

  it('declares a v1 HPA CPU target as the autoscaling/v2 metric the API server converts it to', () => {
    const declared = declaredOf('kubernetes_horizontal_pod_autoscaler_v1', {
      spec: [{ target_cpu_utilization_percentage: 80 }],
    });
    expect(valueAt(declared, 'spec.targetCPUUtilizationPercentage')).toBeUndefined();
    expect(valueAt(declared, 'spec.metrics')).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
  });

  it('keeps a container image named image when not inside rbd', () => {
    expect(valueAt(declaredOf(DEPLOYMENT, container({ image: 'nginx' })), `${C0}.image`)).toBe('nginx');
  });

  it.each<[string, string, JsonObject, string, JsonValue | undefined]>([
    ['replicas "2" → 2', DEPLOYMENT, { spec: [{ replicas: '2' }] }, 'spec.replicas', 2],
    ['replicas "" stays "" (unset)', DEPLOYMENT, { spec: [{ replicas: '' }] }, 'spec.replicas', ''],
    [
      'run_as_user "65532" → 65532',
      DEPLOYMENT,
      container({ security_context: [{ run_as_user: '65532' }] }),
      `${C0}.securityContext.runAsUser`,
      65532,
    ],
    [
      'run_as_group "" stays ""',
      DEPLOYMENT,
      container({ security_context: [{ run_as_group: '' }] }),
      `${C0}.securityContext.runAsGroup`,
      '',
    ],
    [
      'run_as_group "3000" → 3000',
      DEPLOYMENT,
      podTemplate({ security_context: [{ run_as_group: '3000' }] }),
      `${POD}.securityContext.runAsGroup`,
      3000,
    ],
    [
      'fs_group "2000" → 2000',
      DEPLOYMENT,
      podTemplate({ security_context: [{ fs_group: '2000' }] }),
      `${POD}.securityContext.fsGroup`,
      2000,
    ],
    [
      'toleration_seconds "300" → 300',
      DEPLOYMENT,
      podTemplate({ toleration: [{ toleration_seconds: '300' }] }),
      `${POD}.tolerations.0.tolerationSeconds`,
      300,
    ],
    [
      'ttl_seconds_after_finished "3600" → 3600',
      'kubernetes_job_v1',
      { spec: [{ ttl_seconds_after_finished: '3600' }] },
      'spec.ttlSecondsAfterFinished',
      3600,
    ],
    [
      'target_port "9464" → 9464',
      'kubernetes_service_v1',
      { spec: [{ port: [{ target_port: '9464' }] }] },
      'spec.ports.0.targetPort',
      9464,
    ],
    [
      'target_port "rest" stays',
      'kubernetes_service_v1',
      { spec: [{ port: [{ target_port: 'rest' }] }] },
      'spec.ports.0.targetPort',
      'rest',
    ],
    [
      'probe port "8088" → 8088',
      DEPLOYMENT,
      container({ readiness_probe: [{ http_get: [{ port: '8088' }] }] }),
      `${C0}.readinessProbe.httpGet.port`,
      8088,
    ],
    [
      'probe port "http" stays',
      DEPLOYMENT,
      container({ readiness_probe: [{ http_get: [{ port: 'http' }] }] }),
      `${C0}.readinessProbe.httpGet.port`,
      'http',
    ],
    [
      'max_surge "25%" stays',
      DEPLOYMENT,
      { spec: [{ strategy: [{ rolling_update: [{ max_surge: '25%' }] }] }] },
      'spec.strategy.rollingUpdate.maxSurge',
      '25%',
    ],
    [
      'max_surge "1" → 1',
      DEPLOYMENT,
      { spec: [{ strategy: [{ rolling_update: [{ max_surge: '1' }] }] }] },
      'spec.strategy.rollingUpdate.maxSurge',
      1,
    ],
    [
      'max_unavailable "1" → 1',
      DEPLOYMENT,
      { spec: [{ strategy: [{ rolling_update: [{ max_unavailable: '1' }] }] }] },
      'spec.strategy.rollingUpdate.maxUnavailable',
      1,
    ],
    [
      'NetworkPolicy port "53" → 53',
      'kubernetes_network_policy_v1',
      { spec: [{ egress: [{ ports: [{ port: '53' }] }] }] },
      'spec.egress.0.ports.0.port',
      53,
    ],
    [
      'PDB min_available "2" → 2',
      'kubernetes_pod_disruption_budget_v1',
      { spec: [{ min_available: '2' }] },
      'spec.minAvailable',
      2,
    ],
    [
      'default_mode "0644" → 420',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 'c', config_map: [{ default_mode: '0644' }] }] }),
      `${POD}.volumes.0.configMap.defaultMode`,
      420,
    ],
    [
      'items mode "0440" → 288',
      DEPLOYMENT,
      podTemplate({ volume: [{ name: 's', secret: [{ items: [{ key: 'k', mode: '0440', path: 'p' }] }] }] }),
      `${POD}.volumes.0.secret.items.0.mode`,
      288,
    ],
    [
      'container_port is already a number',
      DEPLOYMENT,
      container({ port: [{ container_port: 8080 }] }),
      `${C0}.ports.0.containerPort`,
      8080,
    ],
  ])('values: %s', (_, type, attributes, path, expected) => {
    expect(valueAt(declaredOf(type, attributes), path)).toEqual(expected);
  });

  it.each<[string, string, JsonObject, JsonObject]>([
    [
      'labels',
      DEPLOYMENT,
      {
        metadata: [{ name: 'web', namespace: 'a', labels: { 'app.kubernetes.io/name': 'x', some_key: 'y' } }],
      },
      { 'app.kubernetes.io/name': 'x', some_key: 'y' },
    ],
    [
      'annotations',
      DEPLOYMENT,
      { metadata: [{ name: 'web', namespace: 'a', annotations: { 'team_owner/x': 'y' } }] },
      { 'team_owner/x': 'y' },
    ],
  ])('keeps map keys as they are: %s', (key, type, attributes, expected) => {
    expect(valueAt(declaredOf(type, attributes), `metadata.${key}`)).toEqual(expected);
  });

  it.each<[string, string, JsonObject, string]>([
    ['data', 'kubernetes_config_map_v1', { data: { MAX_STOPS: '24', 'app.conf': 'x' } }, 'data'],
    [
      'node_selector',
      DEPLOYMENT,
      podTemplate({ node_selector: { 'kubernetes.io/os': 'linux', disk_type: 'ssd' } }),
      `${POD}.nodeSelector`,
    ],
    [
      'match_labels',
      DEPLOYMENT,
      { spec: [{ selector: [{ match_labels: { some_label: 'a' } }] }] },
      'spec.selector.matchLabels',
    ],
    [
      'resources.limits',
      DEPLOYMENT,
      container({ resources: [{ limits: { 'nvidia.com/gpu': '1' } }] }),
      `${C0}.resources.limits`,
    ],
    [
      'Service selector',
      'kubernetes_service_v1',
      { spec: [{ selector: { app_name: 'x' } }] },
      'spec.selector',
    ],
  ])('keeps map keys as they are: %s', (_, type, attributes, path) => {
    const map = valueAt(declaredOf(type, attributes), path) as JsonObject;
    const source = JSON.stringify(attributes);
    for (const key of Object.keys(map)) expect(source).toContain(JSON.stringify(key));
    expect(Object.keys(map).length).toBeGreaterThan(0);
  });

  it.each<[string, string, JsonObject, string]>([
    ['id', DEPLOYMENT, { id: 'apps/web' }, 'id'],
    ['timeouts', DEPLOYMENT, { timeouts: null }, 'timeouts'],
    ['wait_for_rollout', DEPLOYMENT, { wait_for_rollout: true }, 'waitForRollout'],
    [
      'wait_for_load_balancer',
      'kubernetes_service_v1',
      { wait_for_load_balancer: true },
      'waitForLoadBalancer',
    ],
    [
      'wait_for_service_account_token',
      'kubernetes_secret_v1',
      { wait_for_service_account_token: true },
      'waitForServiceAccountToken',
    ],
    ['wait_for_completion', 'kubernetes_job_v1', { wait_for_completion: true }, 'waitForCompletion'],
    [
      'wait_until_bound',
      'kubernetes_persistent_volume_claim_v1',
      { wait_until_bound: true },
      'waitUntilBound',
    ],
    [
      'wait_for_default_service_account',
      'kubernetes_namespace_v1',
      { wait_for_default_service_account: false },
      'waitForDefaultServiceAccount',
    ],
    [
      'the Service status block',
      'kubernetes_service_v1',
      { status: [{ load_balancer: [{ ingress: [] }] }] },
      'status',
    ],
    ['the Pod target_state', 'kubernetes_pod_v1', { target_state: null }, 'targetState'],
    [
      'default_secret_name',
      'kubernetes_service_account_v1',
      { default_secret_name: '' },
      'defaultSecretName',
    ],
    ['write-only Secret data_wo', 'kubernetes_secret_v1', { data_wo: null }, 'dataWo'],
    ['write-only Secret data_wo_revision', 'kubernetes_secret_v1', { data_wo_revision: 2 }, 'dataWoRevision'],
    [
      'metadata.self_link',
      DEPLOYMENT,
      { metadata: [{ name: 'web', namespace: 'a', self_link: '/apis/x' }] },
      'metadata.selfLink',
    ],
    ['metadata.uid', DEPLOYMENT, {}, 'metadata.uid'],
    ['metadata.resource_version', DEPLOYMENT, {}, 'metadata.resourceVersion'],
    ['metadata.generation', DEPLOYMENT, {}, 'metadata.generation'],
    [
      'template metadata uid/resource_version/generation',
      DEPLOYMENT,
      { spec: [{ template: [{ metadata: [{ uid: '', resource_version: '', generation: 0 }] }] }] },
      'spec.template.metadata.generation',
    ],
    [
      'allocate_load_balancer_node_ports of a ClusterIP Service',
      'kubernetes_service_v1',
      { spec: [{ type: 'ClusterIP', allocate_load_balancer_node_ports: true }] },
      'spec.allocateLoadBalancerNodePorts',
    ],
    [
      'the server-generated selector of a Job without manual_selector',
      'kubernetes_job_v1',
      { spec: [{ manual_selector: false, selector: [{ match_labels: { 'controller-uid': 'u' } }] }] },
      'spec.selector',
    ],
    [
      'HPA v2 target_cpu_utilization_percentage (no such field in autoscaling/v2)',
      'kubernetes_horizontal_pod_autoscaler_v2',
      { spec: [{ target_cpu_utilization_percentage: 80 }] },
      'spec.targetCPUUtilizationPercentage',
    ],
  ])('drops %s', (_, type, attributes, path) => {
    expect(valueAt(declaredOf(type, attributes), path)).toBeUndefined();
  });

  it('keeps the selector of a Job with manual_selector', () => {
    const declared = declaredOf('kubernetes_job_v1', {
      spec: [{ manual_selector: true, selector: [{ match_labels: { job: 'x' } }] }],
    });
    expect(valueAt(declared, 'spec.selector.matchLabels')).toEqual({ job: 'x' });
  });

  it('keeps allocate_load_balancer_node_ports of a LoadBalancer Service', () => {
    const declared = declaredOf('kubernetes_service_v1', {
      spec: [{ type: 'LoadBalancer', allocate_load_balancer_node_ports: false }],
    });
    expect(valueAt(declared, 'spec.allocateLoadBalancerNodePorts')).toBe(false);
  });

  it.each<[string, JsonObject, string, JsonValue]>([
    ['""', container({ working_dir: '' }), `${C0}.workingDir`, ''],
    ['0', podTemplate({ active_deadline_seconds: 0 }), `${POD}.activeDeadlineSeconds`, 0],
    ['false', podTemplate({ host_network: false }), `${POD}.hostNetwork`, false],
    ['null', container({ command: null }), `${C0}.command`, null],
    ['[] (an unset block)', container({ lifecycle: [] }), `${C0}.lifecycle`, []],
    ['{} (an empty map)', {}, 'metadata.annotations', {}],
  ])('keeps a zero value: %s', (_, attributes, path, zero) => {
    const declared = declaredOf(DEPLOYMENT, attributes);
    expect(valueAt(declared, path.split('.').slice(0, -1).join('.'))).toHaveProperty(
      [path.split('.').at(-1)!],
      zero,
    );
  });

  it.each([
    ['kubernetes_deployment_v1', 'apps/v1', 'Deployment'],
    ['kubernetes_daemonset', 'apps/v1', 'DaemonSet'],
    ['kubernetes_cron_job_v1', 'batch/v1', 'CronJob'],
    ['kubernetes_ingress_v1', 'networking.k8s.io/v1', 'Ingress'],
    ['kubernetes_horizontal_pod_autoscaler_v2', 'autoscaling/v2', 'HorizontalPodAutoscaler'],
  ])('sets apiVersion and kind from the type %s', (type, apiVersion, kind) => {
    const declared = declaredOf(type, {});
    expect([declared.apiVersion, declared.kind]).toEqual([apiVersion, kind]);
  });

  it('translates a legacy Ingress backend into networking.k8s.io/v1 shape', () => {
    const declared = declaredOf('kubernetes_ingress', {
      spec: [
        {
          backend: [{ service_name: 'docs', service_port: '80' }],
          rule: [
            {
              host: 'h',
              http: [{ path: [{ path: '/', backend: [{ service_name: 'docs', service_port: 'http' }] }] }],
            },
          ],
        },
      ],
    });
    expect(valueAt(declared, 'spec.defaultBackend')).toEqual({
      service: { name: 'docs', port: { number: 80 } },
    });
    expect(valueAt(declared, 'spec.rules.0.http.paths.0.backend')).toEqual({
      service: { name: 'docs', port: { name: 'http' } },
    });
  });
});

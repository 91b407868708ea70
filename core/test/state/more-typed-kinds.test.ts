import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/json.ts';
import { matchDrift } from '../../src/match/match-drift.ts';
import type { LiveResource } from '../../src/model.ts';
import { secretHasher } from '../../src/secret/secret-hasher.ts';
import { readTerraformState } from '../../src/state/read-terraform-state.ts';
import { toStatePath } from '../../src/state/state-path.ts';
import { metadataBlock, stateFile, stateResource, typedInstance } from './state-builder.ts';

const hash = secretHasher('more-kinds', 'k1test');
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const CA_BASE64 = btoa(CA);

/**
 * Each case: a typed resource's attributes as the provider stores them after an apply (its flatten
 * functions at v2.3x: every block a list, unset scalars zero), the live object the API returns for it
 * (server defaults and server-written fields included), and one hand edit with the path it must give.
 */
interface Case {
  type: string;
  namespace: string | null;
  attributes: JsonObject;
  live: JsonObject;
  edit: (live: JsonObject) => void;
  path: string;
}

const liveMeta = (name: string, namespace: string | null) => ({
  name,
  ...(namespace === null ? {} : { namespace }),
  uid: `uid-${name}`,
  resourceVersion: '5001',
  creationTimestamp: '2026-11-01T10:00:00Z',
  managedFields: [
    { manager: 'HashiCorp', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T10:00:00Z' },
  ],
});

const CASES: Record<string, Case> = {
  kubernetes_persistent_volume_v1: {
    type: 'kubernetes_persistent_volume_v1',
    namespace: null,
    attributes: {
      spec: [
        {
          access_modes: ['ReadWriteOnce'],
          capacity: { storage: '10Gi' },
          claim_ref: [],
          mount_options: null,
          node_affinity: [
            {
              required: [
                {
                  node_selector_term: [
                    {
                      match_expressions: [
                        { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] },
                      ],
                      match_fields: [],
                    },
                  ],
                },
              ],
            },
          ],
          persistent_volume_reclaim_policy: 'Retain',
          persistent_volume_source: [
            {
              host_path: [],
              local: [{ path: '/mnt/disks/ssd1' }],
              nfs: [],
              csi: [],
            },
          ],
          storage_class_name: 'local-storage',
          volume_mode: 'Filesystem',
        },
      ],
      wait_until_bound: true,
    },
    live: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { ...liveMeta('web', null), finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '10Gi' },
        local: { path: '/mnt/disks/ssd1' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] }] },
            ],
          },
        },
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'local-storage',
        volumeMode: 'Filesystem',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: 'apps',
          name: 'data',
          uid: 'c1',
          apiVersion: 'v1',
        },
      },
      status: { phase: 'Bound' },
    },
    edit: (live) => {
      ((live.spec as JsonObject).local as JsonObject).path = '/mnt/disks/ssd2';
    },
    path: 'spec.local.path',
  },
  kubernetes_ingress_class_v1: {
    type: 'kubernetes_ingress_class_v1',
    namespace: null,
    attributes: {
      spec: [
        {
          controller: 'k8s.io/ingress-nginx',
          parameters: [
            {
              api_group: 'k8s.example.com',
              kind: 'IngressParameters',
              name: 'external-lb',
              namespace: '',
              scope: 'Cluster',
            },
          ],
        },
      ],
    },
    live: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: liveMeta('web', null),
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: {
          apiGroup: 'k8s.example.com',
          kind: 'IngressParameters',
          name: 'external-lb',
          scope: 'Cluster',
        },
      },
    },
    edit: (live) => {
      (live.spec as JsonObject).controller = 'example.com/other';
    },
    path: 'spec.controller',
  },
  kubernetes_runtime_class_v1: {
    type: 'kubernetes_runtime_class_v1',
    namespace: null,
    attributes: { handler: 'runsc' },
    live: {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: liveMeta('web', null),
      handler: 'runsc',
    },
    edit: (live) => {
      live.handler = 'runc';
    },
    path: 'handler',
  },
  kubernetes_csi_driver_v1: {
    type: 'kubernetes_csi_driver_v1',
    namespace: null,
    attributes: {
      spec: [
        {
          attach_required: true,
          pod_info_on_mount: false,
          volume_lifecycle_modes: ['Persistent', 'Ephemeral'],
        },
      ],
    },
    live: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: liveMeta('web', null),
      spec: {
        attachRequired: true,
        podInfoOnMount: false,
        volumeLifecycleModes: ['Ephemeral', 'Persistent'],
        fsGroupPolicy: 'ReadWriteOnceWithFSType',
        requiresRepublish: false,
        seLinuxMount: false,
        storageCapacity: false,
      },
    },
    edit: (live) => {
      (live.spec as JsonObject).attachRequired = false;
    },
    path: 'spec.attachRequired',
  },
  kubernetes_api_service_v1: {
    type: 'kubernetes_api_service_v1',
    namespace: null,
    attributes: {
      spec: [
        {
          ca_bundle: CA,
          group: 'metrics.k8s.io',
          group_priority_minimum: 100,
          insecure_skip_tls_verify: false,
          service: [{ name: 'metrics-server', namespace: 'kube-system', port: 443 }],
          version: 'v1beta1',
          version_priority: 100,
        },
      ],
    },
    live: {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: liveMeta('web', null),
      spec: {
        caBundle: CA_BASE64,
        group: 'metrics.k8s.io',
        groupPriorityMinimum: 100,
        service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
        version: 'v1beta1',
        versionPriority: 100,
      },
    },
    edit: (live) => {
      (live.spec as JsonObject).insecureSkipTLSVerify = true;
    },
    path: 'spec.insecureSkipTLSVerify',
  },
  kubernetes_certificate_signing_request_v1: {
    type: 'kubernetes_certificate_signing_request_v1',
    namespace: null,
    attributes: {
      auto_approve: true,
      certificate: '-----BEGIN CERTIFICATE-----\n…',
      spec: [
        {
          expiration_seconds: 86400,
          request: '-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n',
          signer_name: 'kubernetes.io/kube-apiserver-client',
          usages: ['client auth'],
        },
      ],
    },
    live: {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: liveMeta('web', null),
      spec: {
        expirationSeconds: 86400,
        request: btoa('-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n'),
        signerName: 'kubernetes.io/kube-apiserver-client',
        usages: ['client auth'],
        username: 'terraform',
        groups: ['system:masters', 'system:authenticated'],
      },
      status: { certificate: 'LS0t…' },
    },
    edit: (live) => {
      (live.spec as JsonObject).signerName = 'example.com/signer';
    },
    path: 'spec.signerName',
  },
  kubernetes_validating_webhook_configuration_v1: {
    type: 'kubernetes_validating_webhook_configuration_v1',
    namespace: null,
    attributes: {
      webhook: [
        {
          admission_review_versions: ['v1'],
          client_config: [
            {
              ca_bundle: '',
              service: [{ name: 'policy', namespace: 'policy-system', path: '/validate', port: 443 }],
              url: '',
            },
          ],
          failure_policy: 'Fail',
          match_policy: 'Equivalent',
          name: 'validate.policy.example.com',
          namespace_selector: [],
          object_selector: [],
          rule: [
            {
              api_groups: ['apps'],
              api_versions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['deployments'],
              scope: '*',
            },
          ],
          side_effects: 'None',
          timeout_seconds: 10,
        },
      ],
    },
    live: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: liveMeta('web', null),
      webhooks: [
        {
          admissionReviewVersions: ['v1'],
          // Injected by cert-manager's cainjector after the apply: not a hand edit.
          clientConfig: {
            caBundle: CA_BASE64,
            service: { name: 'policy', namespace: 'policy-system', path: '/validate', port: 443 },
          },
          failurePolicy: 'Fail',
          matchPolicy: 'Equivalent',
          name: 'validate.policy.example.com',
          namespaceSelector: {},
          objectSelector: {},
          rules: [
            {
              apiGroups: ['apps'],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['deployments'],
              scope: '*',
            },
          ],
          sideEffects: 'None',
          timeoutSeconds: 10,
        },
      ],
    },
    edit: (live) => {
      ((live.webhooks as JsonObject[])[0] as JsonObject).failurePolicy = 'Ignore';
    },
    path: 'webhooks[validate.policy.example.com].failurePolicy',
  },
  kubernetes_endpoints_v1: {
    type: 'kubernetes_endpoints_v1',
    namespace: 'apps',
    attributes: {
      subset: [
        {
          address: [{ hostname: '', ip: '10.0.0.7', node_name: '' }],
          not_ready_address: [],
          port: [{ name: 'https', port: 443, protocol: 'TCP' }],
        },
      ],
    },
    live: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: liveMeta('web', 'apps'),
      subsets: [{ addresses: [{ ip: '10.0.0.7' }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
    },
    edit: (live) => {
      (((live.subsets as JsonObject[])[0]!.addresses as JsonObject[])[0] as JsonObject).ip = '10.0.0.9';
    },
    path: 'subsets[0].addresses[0].ip',
  },
  kubernetes_endpoint_slice_v1: {
    type: 'kubernetes_endpoint_slice_v1',
    namespace: 'apps',
    attributes: {
      address_type: 'IPv4',
      endpoint: [
        {
          addresses: ['10.0.0.7'],
          condition: [{ ready: true, serving: false, terminating: false }],
          hostname: '',
          node_name: '',
          target_ref: [],
          zone: '',
        },
      ],
      port: [{ app_protocol: '', name: 'https', port: '443', protocol: 'TCP' }],
    },
    live: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: liveMeta('web', 'apps'),
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.7'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
    },
    edit: (live) => {
      ((live.ports as JsonObject[])[0] as JsonObject).port = 8443;
    },
    path: 'ports[https].port',
  },
};

function live(c: Case, object: JsonObject): LiveResource {
  const kind = (object.kind as string).toLowerCase();
  return {
    id: c.namespace === null ? `k8s/${kind}/web` : `k8s/${kind}/${c.namespace}/web`,
    kind,
    namespace: c.namespace,
    name: 'web',
    uid: 'uid-web',
    controlled: false,
    object,
  };
}

function driftOf(c: Case, object: JsonObject) {
  const state = stateFile([
    stateResource(c.type, [
      typedInstance({ id: 'x', metadata: metadataBlock('web', c.namespace), ...c.attributes }),
    ]),
  ]);
  const { resources, skipped } = readTerraformState(state, { secretHasher: hash });
  expect(skipped).toEqual({});
  return matchDrift({ live: [live(c, object)], iac: resources, namespace: '*' });
}

describe('typed kinds read from every provider resource type', () => {
  it.each(Object.keys(CASES))('%s applied and untouched is in sync', (type) => {
    const c = CASES[type]!;
    const result = driftOf(c, structuredClone(c.live));
    expect(result.items).toEqual([]);
    expect(result.summary).toMatchObject({ live: 1, iac: 1, in_sync: 1 });
  });

  it.each(Object.keys(CASES))('%s with one hand edit gives that one change', (type) => {
    const c = CASES[type]!;
    const edited = structuredClone(c.live);
    c.edit(edited);
    const result = driftOf(c, edited);
    expect(result.items.flatMap((item) => item.changes.map((change) => change.path))).toEqual([c.path]);
  });

  it('walks a PersistentVolume source path back into persistent_volume_source', () => {
    expect(toStatePath('kubernetes_persistent_volume_v1', 'spec.local.path')).toEqual([
      { attribute: 'spec' },
      { attribute: 'persistent_volume_source' },
      { attribute: 'local' },
      { attribute: 'path' },
    ]);
    expect(toStatePath('kubernetes_persistent_volume_v1', 'spec.storageClassName')).toEqual([
      { attribute: 'spec' },
      { attribute: 'storage_class_name' },
    ]);
  });

  it('walks a webhook path back to its block', () => {
    expect(
      toStatePath(
        'kubernetes_validating_webhook_configuration_v1',
        'webhooks[v.example.com].clientConfig.caBundle',
      ),
    ).toEqual([
      { attribute: 'webhook', name: 'v.example.com' },
      { attribute: 'client_config' },
      { attribute: 'ca_bundle' },
    ]);
  });

  it('reports a CA bundle that differs from a declared one', () => {
    const c = CASES.kubernetes_api_service_v1!;
    const edited = structuredClone(c.live);
    (edited.spec as JsonObject).caBundle = btoa('another CA');
    expect(driftOf(c, edited).items.flatMap((item) => item.changes.map((change) => change.path))).toEqual([
      'spec.caBundle',
    ]);
  });
});

describe('generated typed resources of the newly read kinds', () => {
  it.each(Object.keys(CASES))('%s round-trips through toTypedAttributes and the reader', async (type) => {
    const { toTypedAttributes } = await import('../../src/iac/to-typed-attributes.ts');
    const { withoutServerFields } = await import('../../src/iac/without-server-fields.ts');
    const c = CASES[type]!;
    const object = withoutServerFields((c.live.kind as string).toLowerCase(), structuredClone(c.live));
    const attributes = toTypedAttributes(type, object);
    const state = stateFile([stateResource(type, [typedInstance({ id: 'x', ...attributes })])]);
    const { resources } = readTerraformState(state, { secretHasher: hash });
    const result = matchDrift({ live: [live(c, structuredClone(c.live))], iac: resources, namespace: '*' });
    expect(result.items).toEqual([]);
  });
});

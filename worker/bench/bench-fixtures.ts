// Generated inputs for the worker benchmarks: full Deployments as the API server returns them (server
// defaults and status, no managedFields), and a Terraform state declaring some of them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'hand-edits');

type Json = Record<string, unknown>;
const report = JSON.parse(readFileSync(join(fixtures, 'report.json'), 'utf8')) as { resources: Json[] };
const state = JSON.parse(readFileSync(join(fixtures, 'state.tfstate'), 'utf8')) as Json & {
  resources: Json[];
};
const template = report.resources.find(
  (r) => r.normalized_type === 'k8s/deployment' && r.name === 'tracker',
)!;
const stateTemplate = state.resources.find(
  (r) => r.type === 'kubernetes_deployment_v1' && r.name === 'tracker',
)!;

/** `count` Deployments named `app-<i>` in `namespace`. */
export function deployments(count: number, namespace: string): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const resource = structuredClone(template) as Json & { properties: Json & { metadata: Json } };
    const name = `app-${i}`;
    const uid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const metadata = resource.properties.metadata;
    delete metadata.managedFields;
    metadata.name = name;
    metadata.namespace = namespace;
    metadata.uid = uid;
    resource.id = uid;
    resource.name = name;
    return resource;
  });
}

/** An operator report of `resources`. */
export function reportBody(clusterId: string, namespace: string, resources: Json[]): string {
  return JSON.stringify({ cluster_id: clusterId, namespace, resources });
}

/** A state declaring Deployments `app-0` … `app-<count-1>` in `namespace`. */
export function stateBody(count: number, namespace: string): string {
  const resources = Array.from({ length: count }, (_, i) => {
    const resource = structuredClone(stateTemplate) as Json & { instances: { attributes: Json }[] };
    resource.name = `app_${i}`;
    for (const instance of resource.instances) {
      const metadata = (instance.attributes.metadata as Json[])[0]!;
      metadata.name = `app-${i}`;
      metadata.namespace = namespace;
      metadata.uid = '';
      instance.attributes.id = `${namespace}/app-${i}`;
    }
    return resource;
  });
  return JSON.stringify({ ...state, serial: 1, resources });
}

/** `perNamespace` Deployments in each of `ns-<from>` … `ns-<to - 1>`, with uids unique over the cluster. */
export function clusterDeployments(from: number, to: number, perNamespace: number): Json[] {
  const resources: Json[] = [];
  for (let n = from; n < to; n++) {
    for (const resource of deployments(perNamespace, `ns-${n}`)) {
      const uid = `00000000-0000-4000-8${String(n).padStart(3, '0')}-${String(resource.name).slice(4).padStart(12, '0')}`;
      resource.id = uid;
      (resource.properties as { metadata: { uid: string } }).metadata.uid = uid;
      resources.push(resource);
    }
  }
  return resources;
}

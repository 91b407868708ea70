import { readFileSync } from 'node:fs';

// Templates: the shared `in-sync` example (a Deployment with two containers, probes, volumes and a hardened
// securityContext; a Service; a ConfigMap), as the provider writes state and as the API server returns objects.
const TEMPLATE_STATE = JSON.parse(
  readFileSync(new URL('templates/in-sync.tfstate', import.meta.url), 'utf8'),
);
const TEMPLATE_REPORT = JSON.parse(
  readFileSync(new URL('templates/in-sync.report.json', import.meta.url), 'utf8'),
);
const KINDS = ['deployment', 'service', 'configmap'] as const;
const TF_TYPES = {
  deployment: 'kubernetes_deployment_v1',
  service: 'kubernetes_service_v1',
  configmap: 'kubernetes_config_map_v1',
};
const NAMESPACES = 50;

// biome-ignore lint/suspicious/noExplicitAny: templates are walked by hand-picked paths; typing them buys nothing here.
type Json = any;

function template<T>(list: T[], pick: (item: T) => boolean): T {
  const found = list.find(pick);
  if (!found) throw new Error('bench template is missing a resource');
  return found;
}

/** Replaces every occurrence of the template's name/namespace/uid in a JSON text. */
function rename(text: string, from: { name: string; namespace: string; uid: string }, to: typeof from): Json {
  return JSON.parse(
    text
      .replaceAll(`"${from.uid}"`, `"${to.uid}"`)
      .replaceAll(`"${from.namespace}"`, `"${to.namespace}"`)
      .replaceAll(`"${from.name}"`, `"${to.name}"`)
      .replaceAll(`${from.namespace}/${from.name}`, `${to.namespace}/${to.name}`),
  );
}

function uid(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** One hand edit of a declared field, as an operator would see it live. */
function handEdit(kind: (typeof KINDS)[number], object: Json): void {
  if (kind === 'deployment') object.spec.template.spec.containers[0].image += '-hotfix';
  else if (kind === 'service') object.spec.ports[0].port += 1;
  else object.data[Object.keys(object.data)[0]!] = 'edited by hand';
}

export interface GeneratedCluster {
  stateText: string;
  reportText: string;
  /** How many objects were hand-edited live (1% unless `driftEvery` says otherwise). */
  drifted: number;
}

/**
 * A synthetic cluster of `count` objects (Deployments, Services and ConfigMaps in turn, over 50 namespaces)
 * with its Terraform state, 1% of the objects hand-edited live. Deterministic.
 */
export function generateCluster(count: number, { driftEvery = 100 } = {}): GeneratedCluster {
  const stateResources: Json[] = [];
  const reportResources: Json[] = [];
  let drifted = 0;
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const tfType = TF_TYPES[kind];
    const stateTemplate = template(TEMPLATE_STATE.resources as Json[], (r) => r.type === tfType);
    const liveTemplate = template(
      TEMPLATE_REPORT.resources as Json[],
      (r) => r.normalized_type === `k8s/${kind}`,
    );
    const from = {
      name: liveTemplate.name,
      namespace: liveTemplate.properties.metadata.namespace,
      uid: liveTemplate.properties.metadata.uid,
    };
    const to = { name: `${from.name}-${i}`, namespace: `team-${i % NAMESPACES}`, uid: uid(i) };
    const state = rename(JSON.stringify(stateTemplate), from, to);
    state.name = `${state.name}_${i}`;
    stateResources.push(state);
    const live = rename(JSON.stringify(liveTemplate), from, to);
    if (i % driftEvery === Math.floor(driftEvery / 2)) {
      handEdit(kind, live.properties);
      drifted++;
    }
    reportResources.push(live);
  }
  const state = { ...TEMPLATE_STATE, resources: stateResources };
  const report = { ...TEMPLATE_REPORT, cluster_id: 'bench', namespace: '*', resources: reportResources };
  return { stateText: JSON.stringify(state), reportText: JSON.stringify(report), drifted };
}

import { isJsonObject, type JsonValue } from '../json.ts';
import type { DriftStatus, Severity } from '../model.ts';
import { formatChangePath, type PathSegment } from './change-path.ts';

const RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

const RBAC_ROLE_KINDS: ReadonlySet<string> = new Set(['role', 'clusterrole']);
const RBAC_BINDING_KINDS: ReadonlySet<string> = new Set(['rolebinding', 'clusterrolebinding']);
const RBAC_FIELDS: ReadonlySet<string> = new Set(['rules', 'roleRef', 'subjects', 'aggregationRule']);
const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'deployment',
  'statefulset',
  'daemonset',
  'replicaset',
  'replicationcontroller',
  'pod',
  'job',
  'cronjob',
]);
const CONTAINER_LISTS: ReadonlySet<string> = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const HOST_NAMESPACES: ReadonlySet<string> = new Set(['hostNetwork', 'hostPID', 'hostIPC']);
const EXPOSED_SERVICE_TYPES: ReadonlySet<JsonValue> = new Set(['NodePort', 'LoadBalancer']);
const SERVICE_EXPOSURE_FIELDS: ReadonlySet<string> = new Set([
  'externalIPs',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
]);
// Capabilities that amount to root on the node.
const ROOT_CAPABILITIES: ReadonlySet<string> = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN', 'ALL']);

/**
 * The highest of some severities (`fallback` when there are none).
 *
 * @example
 * highestSeverity(['low', 'high', 'medium']) // 'high'
 */
export function highestSeverity(severities: Iterable<Severity>, fallback: Severity = 'low'): Severity {
  let highest: Severity | null = null;
  for (const severity of severities) {
    if (highest === null || RANK[severity] > RANK[highest]) highest = severity;
  }
  return highest ?? fallback;
}

function strings(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function containsString(value: JsonValue | undefined, wanted: string): boolean {
  if (value === wanted) return true;
  if (Array.isArray(value)) return value.some((item) => containsString(item, wanted));
  if (isJsonObject(value)) return Object.values(value).some((item) => containsString(item, wanted));
  return false;
}

/**
 * How dangerous a pod spec, or a part of one (a container, a securityContext, a volume), is to the node:
 * `critical` for privileged containers, `hostPID` and root-equivalent capabilities, `high` for the other
 * host namespaces, hostPath volumes, privilege escalation, running as UID 0 and any added capability.
 */
function podRisk(value: JsonValue | undefined): Severity | null {
  const found: Severity[] = [];
  const visit = (node: JsonValue | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if ((key === 'privileged' || key === 'hostPID') && child === true) found.push('critical');
      else if (HOST_NAMESPACES.has(key) && child === true) found.push('high');
      else if (key === 'allowPrivilegeEscalation' && child === true) found.push('high');
      else if (key === 'runAsUser' && (child === 0 || child === '0')) found.push('high');
      else if (key === 'hostPath' && isJsonObject(child)) found.push('high');
      else if (key === 'capabilities' && isJsonObject(child)) {
        const added = strings(child.add);
        if (added.some((cap) => ROOT_CAPABILITIES.has(cap))) found.push('critical');
        else if (added.length > 0) found.push('high');
      }
      visit(child);
    }
  };
  visit(value);
  return found.length === 0 ? null : highestSeverity(found);
}

/** What {@link changeSeverity} rates. */
export interface ChangeSeverityInput {
  kind: string;
  segments: readonly PathSegment[];
  iac: JsonValue;
  live: JsonValue;
}

/**
 * The severity of one changed field. Security-relevant changes rank at least `high` (securityContext,
 * host namespaces, capabilities, hostPath volumes, RBAC rules/roleRef/subjects, NetworkPolicy specs,
 * Service exposure, Ingress hosts and TLS, a hand-added container, a Namespace's Pod Security labels); a change that makes the live object
 * privileged, share the host PID namespace, gain SYS_ADMIN or grant a wildcard RBAC rule is `critical`.
 * Otherwise labels, annotations and `spec.replicas` are `low`, everything else `medium`.
 *
 * @example
 * changeSeverity({ kind: 'deployment', segments: [{ key: 'spec' }, { key: 'replicas' }], iac: 2, live: 4 }) // 'low'
 */
export function changeSeverity({ kind, segments, iac, live }: ChangeSeverityInput): Severity {
  const keys = segments.flatMap((segment) => ('key' in segment ? [segment.key] : []));
  const last = segments[segments.length - 1];
  const leaf = keys[keys.length - 1] ?? '';
  const levels: Severity[] = [];

  const metadataAt = keys.lastIndexOf('metadata');
  const inLabels = metadataAt !== -1 && ['labels', 'annotations'].includes(keys[metadataAt + 1] ?? '');
  const path = formatChangePath(segments);
  levels.push(inLabels || path === 'spec.replicas' ? 'low' : 'medium');

  if (keys.includes('securityContext') || keys.includes('capabilities') || keys.includes('hostPath')) {
    levels.push('high');
  }
  if (HOST_NAMESPACES.has(leaf)) levels.push('high');
  if (last && 'name' in last && CONTAINER_LISTS.has(leaf) && iac === null) levels.push('high');
  // Look at what the live side now holds, in the context of its key (`privileged: true`).
  const liveInContext = last && 'key' in last ? { [last.key]: live } : live;
  levels.push(podRisk(liveInContext) ?? 'low');
  if (
    keys.includes('capabilities') &&
    leaf === 'add' &&
    strings(live).some((c) => ROOT_CAPABILITIES.has(c))
  ) {
    levels.push('critical');
  }

  const top = keys[0] ?? '';
  if ((RBAC_ROLE_KINDS.has(kind) || RBAC_BINDING_KINDS.has(kind)) && RBAC_FIELDS.has(top)) {
    levels.push('high');
    if (top === 'rules' && containsString(live, '*')) levels.push('critical');
    if (top === 'roleRef' && containsString(live, 'cluster-admin')) levels.push('critical');
  }
  if (kind === 'networkpolicy' && top === 'spec') levels.push('high');
  // Pod Security admission is configured by namespace labels: relaxing one lets privileged pods in.
  if (kind === 'namespace' && inLabels && leaf.startsWith('pod-security.kubernetes.io/')) levels.push('high');
  if (kind === 'service') {
    if (path === 'spec.type' && (EXPOSED_SERVICE_TYPES.has(iac) || EXPOSED_SERVICE_TYPES.has(live))) {
      levels.push('high');
    }
    if (keys.some((key) => SERVICE_EXPOSURE_FIELDS.has(key))) levels.push('high');
  }
  if (kind === 'ingress' && (keys.includes('tls') || keys.includes('host') || (leaf === 'rules' && !!last))) {
    levels.push('high');
  }
  return highestSeverity(levels);
}

/** What {@link resourceSeverity} rates. */
export interface ResourceSeverityInput {
  kind: string;
  status: Exclude<DriftStatus, 'changed'>;
  /** The live object for `extra` items, the declared one for `missing` ones. */
  object: JsonValue;
}

/**
 * The severity of a whole missing or extra resource: RBAC kinds and NetworkPolicies `high`, everything
 * else `medium`. An extra object is rated by what it grants: a workload by its pod spec (privileged,
 * host namespaces, hostPath…), a role with a wildcard rule or a binding to `cluster-admin` `critical`,
 * a NodePort/LoadBalancer Service or an Ingress `high`.
 *
 * @example
 * resourceSeverity({ kind: 'networkpolicy', status: 'missing', object: {} }) // 'high'
 */
export function resourceSeverity({ kind, status, object }: ResourceSeverityInput): Severity {
  const levels: Severity[] = [];
  const rbac = RBAC_ROLE_KINDS.has(kind) || RBAC_BINDING_KINDS.has(kind);
  levels.push(rbac || kind === 'networkpolicy' ? 'high' : 'medium');
  if (status === 'extra' && isJsonObject(object)) {
    if (WORKLOAD_KINDS.has(kind)) levels.push(podRisk(object.spec) ?? 'low');
    if (RBAC_ROLE_KINDS.has(kind) && containsString(object.rules, '*')) levels.push('critical');
    if (RBAC_BINDING_KINDS.has(kind) && containsString(object.roleRef, 'cluster-admin'))
      levels.push('critical');
    if (kind === 'service' && isJsonObject(object.spec)) {
      const spec = object.spec;
      if (EXPOSED_SERVICE_TYPES.has(spec.type ?? null) || strings(spec.externalIPs).length > 0) {
        levels.push('high');
      }
    }
    if (kind === 'ingress') levels.push('high');
  }
  return highestSeverity(levels);
}

import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import type { PathSegment } from './change-path.ts';
import { valueAt } from './value-at.ts';

/** Fields the server fills whatever their value: allocated addresses and ports, bindings, scheduling. */
export const ALLOCATED: ReadonlySet<string> = new Set([
  'nodePort',
  'healthCheckNodePort',
  'clusterIP',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'nodeName',
  // CA bundles of webhooks, APIServices and CRD conversion webhooks are injected by controllers
  // (cert-manager's cainjector, the aggregator): a declared "" never means "no CA" to anyone.
  'caBundle',
]);

/** Fields the server defaults to one known value when they are unset. */
export const DEFAULTED: Readonly<Record<string, JsonValue>> = {
  externalTrafficPolicy: 'Cluster',
  internalTrafficPolicy: 'Cluster',
  sessionAffinity: 'None',
  serviceAccountName: 'default',
  serviceAccount: 'default',
  volumeMode: 'Filesystem',
};

/** PVC fields the binding and the default-StorageClass admission plugin fill. */
const PVC_FILLED: ReadonlySet<string> = new Set(['volumeName', 'storageClassName']);

/**
 * True when a field the IaC side leaves unset (a zero in typed state) holds a value live that the API
 * server wrote, not a person: an allocated `nodePort` once someone switched a Service to NodePort, the
 * `externalTrafficPolicy: Cluster` it defaults with it, a PVC's bound volume, a container's `hostPort`
 * that `hostNetwork: true` forces to the container port. The change that caused it (the `type`, the
 * `hostNetwork`) is reported; the consequence is not drift of its own (CONTRACT: "a field the API
 * server adds or defaults is not drift"). A declared zero against any other non-zero value stays drift.
 */
export function isServerFilledZero(
  kind: string,
  segments: readonly PathSegment[],
  live: JsonValue,
  liveRoot: JsonObject,
): boolean {
  const last = segments.at(-1);
  if (last === undefined || !('key' in last)) return false;
  const key = last.key;
  if (ALLOCATED.has(key)) return true;
  if (Object.hasOwn(DEFAULTED, key)) return DEFAULTED[key] === live;
  if (kind === 'persistentvolumeclaim' && PVC_FILLED.has(key)) return true;
  if (key === 'hostPort') {
    // Pod validation forces hostPort = containerPort under hostNetwork; hostNetwork itself is compared.
    const port = valueAt(liveRoot, segments.slice(0, -1));
    const containers = segments.findLastIndex(
      (segment) => 'key' in segment && (segment.key === 'containers' || segment.key === 'initContainers'),
    );
    const podSpec = containers > 0 ? valueAt(liveRoot, segments.slice(0, containers)) : undefined;
    return (
      isJsonObject(port) &&
      port.containerPort === live &&
      isJsonObject(podSpec) &&
      podSpec.hostNetwork === true
    );
  }
  return false;
}

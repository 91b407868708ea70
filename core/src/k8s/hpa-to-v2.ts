import { isJsonObject, type JsonObject } from '../json.ts';

/**
 * A HorizontalPodAutoscaler in autoscaling/v2 shape. An autoscaling/v1 object's
 * `spec.targetCPUUtilizationPercentage: N` is what v2 writes as one CPU Utilization metric; the API
 * server converts between the two, and an operator reads HPAs at the preferred version (v2 since 1.23)
 * while a typed `kubernetes_horizontal_pod_autoscaler(_v1)` declares v1. Both sides go through this so
 * they compare, whichever version each was written or read at. Other objects pass through unchanged.
 *
 * @example
 * hpaToV2({ spec: { targetCPUUtilizationPercentage: 75 } })
 * // { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }] } }
 */
export function hpaToV2(object: JsonObject): JsonObject {
  const spec = object.spec;
  if (!isJsonObject(spec) || !('targetCPUUtilizationPercentage' in spec)) return object;
  const { targetCPUUtilizationPercentage: target, ...rest } = spec;
  // A v1 zero means unset (typed state's fill): no metric, as the v1 object had none.
  if (typeof target !== 'number' || target === 0) return { ...object, spec: rest };
  const metrics = Array.isArray(rest.metrics) ? rest.metrics : [];
  const cpu = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
  };
  return { ...object, spec: { ...rest, metrics: [...metrics, cpu] } };
}

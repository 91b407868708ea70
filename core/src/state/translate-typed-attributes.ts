import { defineField } from '../define-field.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { encodeBase64 } from '../secret/base64.ts';
import { textBytes } from '../secret/secret-hasher.ts';
import type { TerraformKind } from './terraform-kinds.ts';
import {
  findStateRule,
  type NameRule,
  snakeToCamel,
  type ValueConversion,
  type ValueKind,
} from './terraform-names.ts';

const DIGITS = /^[+-]?\d+$/;
const OCTAL = /^0?[0-7]+$/;

function convertScalar(value: JsonValue, conversion: ValueConversion | undefined): JsonValue {
  if (conversion === undefined || typeof value !== 'string' || value === '') return value;
  if (conversion === 'octal') return OCTAL.test(value) ? Number.parseInt(value, 8) : value;
  if (conversion === 'base64') return encodeBase64(textBytes(value));
  return DIGITS.test(value) ? Number(value) : value;
}

function kindOf(value: JsonValue): ValueKind {
  // An empty list counts as a block: that is how state writes an unset block.
  if (Array.isArray(value)) return value.every(isJsonObject) ? 'block' : 'scalar';
  if (isJsonObject(value)) return 'map';
  return 'scalar';
}

function translateValue(
  type: string,
  apiKey: string,
  rule: NameRule | undefined,
  value: JsonValue,
): JsonValue {
  if (Array.isArray(value)) {
    if (!value.every(isJsonObject)) return value.map((item) => convertScalar(item, rule?.convert));
    // An empty block list is an unset block (or an empty repeated block): a zero either way, kept.
    if (value.length === 0) return [];
    // A block the table does not call repeated is a max-one block (`metadata[0]`), unless the state
    // holds several items: then it is repeated after all and nothing is dropped.
    const repeated = rule?.shape === 'list' || (rule?.shape !== 'object' && value.length > 1);
    if (repeated) return value.map((item) => translateBlock(type, apiKey, item as JsonObject));
    return translateBlock(type, apiKey, value[0] as JsonObject);
  }
  // Every JSON object in typed state is a map attribute (blocks are lists): keys are user strings.
  if (isJsonObject(value)) return { ...value };
  return convertScalar(value, rule?.convert);
}

/**
 * One block of typed state (its attributes, snake_case) in API shape. `within` is the API key of the
 * attribute holding the block (`''` for the resource itself).
 */
function translateBlock(type: string, within: string, attributes: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(attributes)) {
    const rule = findStateRule(type, within, key, kindOf(value));
    if (rule?.shape === 'drop') continue;
    if (rule?.shape === 'inline') {
      // Its attributes belong to the enclosing object, translated as if they stood there.
      const inner = Array.isArray(value) ? value[0] : undefined;
      if (isJsonObject(inner))
        for (const [field, item] of Object.entries(translateBlock(type, within, inner)))
          defineField(out, field, item);
      continue;
    }
    const apiKey = rule?.api ?? snakeToCamel(key);
    defineField(out, apiKey, translateValue(type, apiKey, rule, value));
  }
  return out;
}

/** A legacy Ingress backend (`service_name`, `service_port`) in networking.k8s.io/v1's shape. */
function ingressV1Backend(backend: JsonValue | undefined): JsonValue | undefined {
  if (!isJsonObject(backend) || !('serviceName' in backend || 'servicePort' in backend)) return backend;
  const { serviceName, servicePort, ...rest } = backend;
  const port: JsonObject =
    typeof servicePort === 'number' ? { number: servicePort } : servicePort ? { name: servicePort } : {};
  return { ...rest, service: { name: serviceName ?? '', port } };
}

/** Type-specific meaning of state values, following the provider's flatten/expand code. */
function applyProviderSemantics(type: string, object: JsonObject): void {
  const spec = object.spec;
  if (!isJsonObject(spec)) return;
  if (type === 'kubernetes_service' || type === 'kubernetes_service_v1') {
    // The provider stores `allocate_load_balancer_node_ports = true` (its schema default) for every
    // Service, but the API keeps the field only for type LoadBalancer: elsewhere it means nothing.
    if (spec.type !== 'LoadBalancer') delete spec.allocateLoadBalancerNodePorts;
  }
  if (type === 'kubernetes_job' || type === 'kubernetes_job_v1') {
    // Unless `manual_selector` is set, the API server generates a Job's selector (`controller-uid`)
    // and the provider strips that label from the copy it keeps: state's selector is not a declaration.
    if (spec.manualSelector !== true) delete spec.selector;
  }
  if (type === 'kubernetes_ingress') {
    if ('defaultBackend' in spec) spec.defaultBackend = ingressV1Backend(spec.defaultBackend) ?? null;
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    for (const rule of rules) {
      const http = isJsonObject(rule) ? rule.http : undefined;
      const paths = isJsonObject(http) && Array.isArray(http.paths) ? http.paths : [];
      for (const path of paths) {
        if (isJsonObject(path) && 'backend' in path) path.backend = ingressV1Backend(path.backend) ?? null;
      }
    }
  }
}

/**
 * The attributes of one typed `kubernetes_*` instance as the Kubernetes object they declare:
 * `apiVersion`/`kind` from the type, then `metadata`, `spec`, `data`, … in API shape. Zero values are
 * kept (they mean "unset"); Terraform-only attributes are dropped.
 *
 * @example
 * translateTypedAttributes('kubernetes_config_map_v1', { kind: 'ConfigMap', apiVersion: 'v1' },
 *   { id: 'ns/a', metadata: [{ name: 'a', namespace: 'ns', uid: 'u' }], data: { K: 'v' } })
 * // { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' }, data: { K: 'v' } }
 */
export function translateTypedAttributes(
  type: string,
  kind: TerraformKind,
  attributes: JsonObject,
): JsonObject {
  const object: JsonObject = {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    ...translateBlock(type, '', attributes),
  };
  applyProviderSemantics(type, object);
  return object;
}

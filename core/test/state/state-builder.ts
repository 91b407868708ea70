import type { JsonObject, JsonValue } from '../../src/json.ts';

export const KUBERNETES_PROVIDER = 'provider["registry.terraform.io/hashicorp/kubernetes"]';

/** One resource block of a state file, with the defaults a typed Kubernetes resource has. */
export function stateResource(
  type: string,
  instances: JsonObject[],
  extra: Partial<Record<'module' | 'mode' | 'name' | 'provider' | 'each', string>> = {},
): JsonObject {
  return {
    ...(extra.module ? { module: extra.module } : {}),
    mode: extra.mode ?? 'managed',
    type,
    name: extra.name ?? 'this',
    ...(extra.each ? { each: extra.each } : {}),
    provider: extra.provider ?? KUBERNETES_PROVIDER,
    instances,
  };
}

/** One instance of a typed resource: `attributes` plus state's bookkeeping fields. */
export function typedInstance(attributes: JsonObject, extra: JsonObject = {}): JsonObject {
  return { schema_version: 0, attributes, sensitive_attributes: [], ...extra };
}

/** The `metadata` block of typed state, as the provider writes it. */
export function metadataBlock(
  name: string,
  namespace: string | null = 'apps',
  extra: JsonObject = {},
): JsonValue {
  return [
    {
      annotations: {},
      generate_name: '',
      generation: 1,
      labels: {},
      name,
      ...(namespace === null ? {} : { namespace }),
      resource_version: '1001',
      uid: `uid-${name}`,
      ...extra,
    },
  ];
}

/** A whole version-4 state file around `resources`. */
export function stateFile(resources: JsonObject[], extra: JsonObject = {}): JsonObject {
  return {
    version: 4,
    terraform_version: '1.9.8',
    serial: 3,
    lineage: '00000000-0000-4000-8000-000000000000',
    outputs: {},
    resources,
    check_results: null,
    ...extra,
  };
}

/** A state file with one typed resource of `type` whose attributes are `metadata` plus `attributes`. */
export function typedState(
  type: string,
  attributes: JsonObject,
  namespace: string | null = 'apps',
): JsonObject {
  return stateFile([
    stateResource(type, [
      typedInstance({ id: 'x', metadata: metadataBlock('web', namespace), ...attributes }),
    ]),
  ]);
}

/** Reads a value at a dotted path (`spec.ports.0.port`) of a JSON value. */
export function valueAt(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

// Deliberately independent of src/state: a plain walk of the file's JSON, so that what the reader drops
// without a word shows up as a difference between the two counts.

/** One managed instance of a Kubernetes-related type, as the raw JSON of a state file lists it. */
export interface CountedInstance {
  address: string;
  type: string;
  /** The object's `metadata.name` as the raw attributes hold it, where the type names one object. */
  name?: string;
}

/** What {@link countKubernetesInstances} finds. */
export interface InstanceCount {
  /** `4` (terraform state pull), `'show-json'` (terraform show -json), or what the file says it is. */
  format: number | string | null;
  /** Managed, not deposed: each must be read or counted as skipped. */
  managed: CountedInstance[];
  /** Data sources of those types: read nothing, by design. */
  data: number;
  /** Deposed objects (create-before-destroy leftovers): not declared, by design. */
  deposed: number;
}

const KUBERNETES_TYPE = /^(kubernetes_|kubectl_|helm_)/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function address(module: Json | undefined, type: string, name: Json | undefined, key: Json | undefined) {
  const prefix = typeof module === 'string' && module !== '' ? `${module}.` : '';
  const index =
    typeof key === 'string' ? `[${JSON.stringify(key)}]` : typeof key === 'number' ? `[${key}]` : '';
  return `${prefix}${type}.${String(name)}${index}`;
}

/** `{ value, type }`, as a raw state wraps a dynamic attribute. */
function unwrap(value: Json | undefined): Json | undefined {
  return isObject(value) && 'value' in value && 'type' in value ? value.value : value;
}

function objectName(type: string, attributes: Json | undefined): string | undefined {
  if (!isObject(attributes)) return undefined;
  let name: Json | undefined;
  if (type === 'kubernetes_manifest') {
    const manifest = unwrap(attributes.manifest);
    name = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata.name : undefined;
  } else if (type === 'kubectl_manifest') {
    name = attributes.name;
  } else if (type.startsWith('kubernetes_') && Array.isArray(attributes.metadata)) {
    const metadata = attributes.metadata[0];
    name = isObject(metadata) ? metadata.name : undefined;
  }
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function counted(address: string, type: string, attributes: Json | undefined): CountedInstance {
  const name = objectName(type, attributes);
  return name === undefined ? { address, type } : { address, type, name };
}

function walkShowJsonModule(module: Json | undefined, count: InstanceCount): void {
  if (!isObject(module)) return;
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(resource) || typeof resource.type !== 'string' || !KUBERNETES_TYPE.test(resource.type))
      continue;
    if (resource.mode === 'data') count.data++;
    else count.managed.push(counted(String(resource.address), resource.type, resource.values));
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) {
    walkShowJsonModule(child, count);
  }
}

/**
 * Every instance of a `kubernetes_*`, `kubectl_*` or `helm_*` resource in a state file's JSON (format 4
 * or `terraform show -json`), found without core's reader.
 *
 * @example
 * countKubernetesInstances({ version: 4, resources: [{ mode: 'managed', type: 'kubernetes_namespace_v1',
 *   name: 'a', instances: [{ attributes: {} }] }] }).managed // [{ address: 'kubernetes_namespace_v1.a', … }]
 */
export function countKubernetesInstances(state: unknown): InstanceCount {
  const count: InstanceCount = { format: null, managed: [], data: 0, deposed: 0 };
  if (!isObject(state)) return count;
  if (typeof state.format_version === 'string' && isObject(state.values)) {
    count.format = 'show-json';
    walkShowJsonModule(state.values.root_module, count);
    return count;
  }
  count.format = typeof state.version === 'number' ? state.version : null;
  for (const resource of Array.isArray(state.resources) ? state.resources : []) {
    if (!isObject(resource) || typeof resource.type !== 'string' || !KUBERNETES_TYPE.test(resource.type))
      continue;
    for (const instance of Array.isArray(resource.instances) ? resource.instances : []) {
      if (!isObject(instance)) continue;
      if (resource.mode === 'data') count.data++;
      else if (instance.deposed !== undefined) count.deposed++;
      else
        count.managed.push(
          counted(
            address(resource.module, resource.type, resource.name, instance.index_key),
            resource.type,
            instance.attributes,
          ),
        );
    }
  }
  return count;
}

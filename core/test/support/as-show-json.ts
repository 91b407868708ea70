import type { JsonObject } from '../../src/json.ts';

/**
 * What `terraform show -json` prints for a format-4 state (Terraform's jsonstate package): resources by
 * module, each instance with its full address, `index`, `provider_name` and `values`; manifest attributes
 * unwrapped from `{ value, type }`. Shared by the worker's and the CLI's tests of the upload.
 *
 * @example
 * asShowJson(JSON.parse(stateFileText)); // { format_version: '1.0', values: { root_module: … } }
 */
export function asShowJson(state: JsonObject): JsonObject {
  const modules = new Map<string, JsonObject[]>();
  for (const resource of state.resources as JsonObject[]) {
    const module = (resource.module as string | undefined) ?? '';
    const provider = /provider\["(.+)"\]/.exec(resource.provider as string)![1]!;
    for (const instance of resource.instances as JsonObject[]) {
      const index = instance.index_key;
      const suffix =
        typeof index === 'string'
          ? `[${JSON.stringify(index)}]`
          : typeof index === 'number'
            ? `[${index}]`
            : '';
      const attributes = Object.fromEntries(
        Object.entries(instance.attributes as JsonObject).map(([key, value]) => [
          key,
          value !== null && typeof value === 'object' && 'value' in value && 'type' in value
            ? value.value
            : value,
        ]),
      );
      const list = modules.get(module) ?? [];
      list.push({
        address: `${module === '' ? '' : `${module}.`}${resource.type}.${resource.name}${suffix}`,
        mode: resource.mode as string,
        type: resource.type as string,
        name: resource.name as string,
        ...(index === undefined ? {} : { index }),
        provider_name: provider,
        schema_version: instance.schema_version as number,
        values: attributes as JsonObject,
        sensitive_values: {},
      });
      modules.set(module, list);
    }
  }
  const child_modules = [...modules]
    .filter(([module]) => module !== '')
    .map(([address, resources]) => ({ address, resources }));
  return {
    format_version: '1.0',
    terraform_version: state.terraform_version as string,
    values: { outputs: {}, root_module: { resources: modules.get('') ?? [], child_modules } },
  };
}

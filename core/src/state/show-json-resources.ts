import { DriftwiseError, type InputIssue } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';

/** The major version of `terraform show -json` this reader understands (`format_version` "1.x"). */
const FORMAT_MAJOR = '1';
/** Modules nest; a state deeper than this is not one Terraform wrote (and would be walked for nothing). */
const MAX_MODULE_DEPTH = 64;

/** True when a parsed file is `terraform show -json` output rather than a raw state file. */
export function isShowJson(state: JsonObject): boolean {
  return typeof state.format_version === 'string' && state.version === undefined;
}

interface Grouped {
  resource: JsonObject;
  instances: JsonObject[];
}

/**
 * The resources of `terraform show -json` output (`values.root_module` and its `child_modules`) in the shape
 * of a format-4 state's `resources` list, so one reader serves both: instances of one resource block are
 * grouped under it, `index` becomes `index_key`, `values` become `attributes`, `provider_name` becomes the
 * `provider["…"]` string, and deposed objects are left out as the raw reader leaves them out.
 *
 * @throws DriftwiseError `unsupported_state_version` for a `format_version` other than 1.x, `invalid_state`
 *   for shapes that are not Terraform's.
 */
export function showJsonResources(state: JsonObject): JsonObject[] {
  const version = state.format_version as string;
  if (version.split('.')[0] !== FORMAT_MAJOR) {
    throw new DriftwiseError(
      'unsupported_state_version',
      `terraform show -json format_version ${JSON.stringify(version.slice(0, 20))} is not supported; only 1.x is.`,
      { issues: [{ path: 'format_version', message: 'expected "1.x"' }] },
    );
  }
  const issues: InputIssue[] = [];
  const groups = new Map<string, Grouped>();
  const values = state.values;
  if (values !== undefined && values !== null && !isJsonObject(values)) {
    issues.push({ path: 'values', message: 'expected an object' });
  }
  const root = isJsonObject(values) ? values.root_module : undefined;
  // Iterative over the module tree: each entry is a module object and its path in the file.
  const pending: { module: JsonValue | undefined; path: string; depth: number }[] = [
    { module: root, path: 'values.root_module', depth: 0 },
  ];
  while (pending.length > 0) {
    const { module, path, depth } = pending.pop()!;
    if (module === undefined || module === null) continue;
    if (!isJsonObject(module) || depth > MAX_MODULE_DEPTH) {
      issues.push({
        path,
        message: depth > MAX_MODULE_DEPTH ? 'modules nest too deeply' : 'expected an object',
      });
      continue;
    }
    const resources = module.resources ?? [];
    if (!Array.isArray(resources)) {
      issues.push({ path: `${path}.resources`, message: 'expected a list' });
    } else {
      for (const [index, resource] of resources.entries()) {
        group(resource, `${path}.resources.${index}`, groups, issues);
      }
    }
    const children = module.child_modules ?? [];
    if (!Array.isArray(children)) {
      issues.push({ path: `${path}.child_modules`, message: 'expected a list' });
    } else {
      for (const [index, child] of children.entries()) {
        pending.push({ module: child, path: `${path}.child_modules.${index}`, depth: depth + 1 });
      }
    }
    if (issues.length >= 100) break;
  }
  if (issues.length > 0) {
    throw new DriftwiseError('invalid_state', 'The terraform show -json output has unexpected shapes.', {
      issues: issues.slice(0, 100),
    });
  }
  return [...groups.values()].map(({ resource, instances }) => ({ ...resource, instances }));
}

function group(value: JsonValue, path: string, groups: Map<string, Grouped>, issues: InputIssue[]): void {
  if (!isJsonObject(value)) {
    issues.push({ path, message: 'expected an object' });
    return;
  }
  const before = issues.length;
  for (const key of ['address', 'mode', 'type', 'name', 'provider_name'] as const) {
    if (typeof value[key] !== 'string') issues.push({ path: `${path}.${key}`, message: 'expected a string' });
  }
  if (value.values !== undefined && !isJsonObject(value.values)) {
    issues.push({ path: `${path}.values`, message: 'expected an object' });
  }
  if (issues.length > before) return;
  if (typeof value.deposed_key === 'string') return;
  const address = value.address as string;
  const type = value.type as string;
  const name = value.name as string;
  // `module.a.module.b.kubernetes_x.y[…]` → the module part is everything before `<type>.<name>`.
  const at = address.lastIndexOf(`${value.mode === 'data' ? 'data.' : ''}${type}.${name}`);
  const module = at > 0 ? address.slice(0, at - 1) : '';
  const key = `${module} ${value.mode as string} ${type} ${name}`;
  let entry = groups.get(key);
  if (entry === undefined) {
    entry = {
      resource: {
        mode: value.mode as string,
        type,
        name,
        provider: `provider["${value.provider_name as string}"]`,
        ...(module === '' ? {} : { module }),
      },
      instances: [],
    };
    groups.set(key, entry);
  }
  entry.instances.push({
    ...(value.index === undefined ? {} : { index_key: value.index }),
    schema_version: typeof value.schema_version === 'number' ? value.schema_version : 0,
    attributes: isJsonObject(value.values) ? value.values : {},
  });
}

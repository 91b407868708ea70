import { isPatchType } from './read-patch-resource.ts';
import { terraformKind } from './terraform-kinds.ts';
import { camelToSnake, findApiRule, findInlineRule } from './terraform-names.ts';

/** One step from a resource block in HCL/state to the attribute a change is about. */
export type StatePathStep =
  /** An attribute or block name in HCL/state (snake_case). */
  | { attribute: string }
  /** A repeated block (or a list item) picked by its `name` attribute: `container "api"`. */
  | { attribute: string; name: string }
  /** A repeated block (or a list item) picked by position. */
  | { attribute: string; index: number }
  /** A key inside a map or object value (labels, data, a manifest's fields). */
  | { key: string };

const MANIFEST = 'kubernetes_manifest';
const INDEX = /^\d+$/;

/** Reads an API change path (`a.b[name].c[0]`) one piece at a time. */
class PathReader {
  readonly #path: string;
  #pos = 0;

  constructor(path: string) {
    this.#path = path;
  }

  get done(): boolean {
    return this.#pos >= this.#path.length;
  }

  /** The next object key, up to `.` or `[`. */
  key(): string {
    const start = this.#pos;
    while (!this.done && this.#path[this.#pos] !== '.' && this.#path[this.#pos] !== '[') this.#pos++;
    return this.#path.slice(start, this.#pos);
  }

  /** The selector after a key (`[api]` → `api`), or `undefined`. Names may hold dots. */
  selector(): string | undefined {
    if (this.#path[this.#pos] !== '[') return undefined;
    const end = this.#path.indexOf(']', this.#pos);
    const close = end === -1 ? this.#path.length : end;
    const selector = this.#path.slice(this.#pos + 1, close);
    this.#pos = close + 1;
    return selector;
  }

  /** Skips the `.` before the next key; true when there is one. */
  dot(): boolean {
    if (this.#path[this.#pos] !== '.') return false;
    this.#pos++;
    return true;
  }

  /** Everything left: a map key, which may itself hold dots and slashes. */
  rest(): string {
    const rest = this.#path.slice(this.#pos);
    this.#pos = this.#path.length;
    return rest;
  }
}

function pick(attribute: string, selector: string): StatePathStep {
  return INDEX.test(selector) ? { attribute, index: Number(selector) } : { attribute, name: selector };
}

/** A path under a patch-style resource's declaration → its attribute (`labels`, `env "X"`, `taint`). */
function patchStatePath(terraformType: string, apiPath: string): StatePathStep[] | null {
  const map = (attribute: string, prefix: RegExp): StatePathStep[] | null => {
    const match = prefix.exec(apiPath);
    if (match === null) return null;
    const rest = apiPath.slice(match[0].length);
    return rest === '' ? [{ attribute }] : [{ attribute }, { key: rest }];
  };
  const TEMPLATE = /^spec\.(?:jobTemplate\.spec\.)?template\.metadata\./;
  switch (terraformType) {
    case 'kubernetes_labels':
      return (
        map('labels', /^metadata\.labels\.?/) ??
        map('template_labels', new RegExp(`${TEMPLATE.source}labels\\.?`))
      );
    case 'kubernetes_annotations':
      return (
        map('annotations', /^metadata\.annotations\.?/) ??
        map('template_annotations', new RegExp(`${TEMPLATE.source}annotations\\.?`))
      );
    case 'kubernetes_config_map_v1_data':
    case 'kubernetes_secret_v1_data':
      return map('data', /^data\.?/);
    case 'kubernetes_node_taint':
      // Taint blocks have no name to pick one by: the first `taint` block stands for them.
      return /^spec\.taints(\[|$)/.test(apiPath) ? [{ attribute: 'taint' }] : null;
    case 'kubernetes_env': {
      const match = /\.(?:initContainers|containers)\[[^\]]*\]\.env(?=\[|$)/.exec(apiPath);
      if (match === null) return null;
      // An env item's fields are a typed container's (`value_from`, `secret_key_ref`, …).
      const steps = toStatePath(
        'kubernetes_deployment_v1',
        `spec.template.spec.containers[x].env${apiPath.slice(match.index + match[0].length)}`,
      );
      return steps === null ? null : steps.slice(4);
    }
    default:
      return null;
  }
}

/**
 * The HCL/state steps to the attribute that an API change path (the matcher's `changes[].path`)
 * points at, for a resource of `terraformType`; `null` when the type is not one the reader translates.
 * The inverse of the reader's name table: `containers[api]` → `container "api"`, `clusterIP` →
 * `cluster_ip`, DaemonSet `updateStrategy` → `strategy`. After a map attribute (`labels`, `data`,
 * `node_selector`, a Service's `selector`, …) the rest of the path is one key. In a
 * `kubernetes_manifest` every field is a key under `manifest`, and a list item is
 * `{ attribute: <list key>, name | index }`.
 *
 * @example
 * toStatePath('kubernetes_deployment_v1', 'spec.template.spec.containers[api].image')
 * // [{ attribute: 'spec' }, { attribute: 'template' }, { attribute: 'spec' },
 * //  { attribute: 'container', name: 'api' }, { attribute: 'image' }]
 * toStatePath('kubernetes_config_map_v1', 'data.MAX') // [{ attribute: 'data' }, { key: 'MAX' }]
 */
export function toStatePath(terraformType: string, apiPath: string): StatePathStep[] | null {
  if (isPatchType(terraformType)) return patchStatePath(terraformType, apiPath);
  const manifest = terraformType === MANIFEST;
  const kind = terraformKind(terraformType);
  if (!manifest && kind === undefined) return null;
  // A v1 HPA's `target_cpu_utilization_percentage` is declared as one v2 CPU metric (hpaToV2).
  if (kind?.apiVersion === 'autoscaling/v1' && /^spec\.metrics(\[|$)/.test(apiPath)) {
    return [{ attribute: 'spec' }, { attribute: 'target_cpu_utilization_percentage' }];
  }
  const steps: StatePathStep[] = manifest ? [{ attribute: 'manifest' }] : [];
  const reader = new PathReader(apiPath);
  let within = '';
  while (!reader.done) {
    const key = reader.key();
    const rule = findApiRule(terraformType, within, key);
    // A key the API keeps in this object but state nests in an `inline` block: step into the block first.
    const inline = manifest ? undefined : findInlineRule(terraformType, within, key);
    if (inline !== undefined) steps.push({ attribute: inline.state });
    const attribute = manifest ? key : (rule?.state ?? camelToSnake(key));
    const selector = reader.selector();
    if (selector !== undefined) steps.push(pick(attribute, selector));
    else steps.push(manifest ? { key } : { attribute });
    if (!reader.dot()) break;
    if (rule?.shape === 'map' && selector === undefined) {
      const rest = reader.rest();
      if (rest !== '') steps.push({ key: rest });
      break;
    }
    within = key;
  }
  return steps;
}

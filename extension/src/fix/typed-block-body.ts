import { toStatePath as coreToStatePath, type StatePathStep } from '@driftwise/core';
import { hclLiteral } from './hcl-literal.ts';
import { alignedLines } from './lib/hcl-syntax.ts';

export interface TypedBlockBodyOptions {
  /** A typed resource type (`kubernetes_deployment_v1`). */
  terraformType: string;
  /** The API path of `value` in the object (`spec.template.spec.containers[api].env[LOG]`). */
  path: string;
  /** The live value in the API's shape (camelCase keys, lists of objects). */
  value: Record<string, unknown>;
  /** Indentation of the body's lines. */
  indent: string;
  toStatePath?: (terraformType: string, apiPath: string) => StatePathStep[] | null;
}

/**
 * The body lines of a typed-provider block for a live API object: names translated through core's
 * `toStatePath` (the one table the state reader uses, so `containerPort` → `container_port`,
 * `ports[0]` → a `port` block), maps (`labels`, `limits`) as `= { … }`, nested objects as blocks,
 * attributes first with aligned `=`, then blocks. `null` fields are left out (the provider omits them).
 * @example typedBlockBody({ terraformType: 'kubernetes_deployment_v1',
 *   path: 'spec.template.spec.containers[api].env[LOG]', value: { name: 'LOG', value: 'debug' }, indent: '  ' })
 * // ['  name  = "LOG"', '  value = "debug"']
 */
export function typedBlockBody({
  terraformType,
  path,
  value,
  indent,
  toStatePath = coreToStatePath,
}: TypedBlockBodyOptions): string[] {
  const nameOf = (apiPath: string, fallback: string) => {
    const last = toStatePath(terraformType, apiPath)?.at(-1);
    return last && 'attribute' in last ? last.attribute : fallback;
  };
  const isMap = (apiPath: string) => {
    const last = toStatePath(terraformType, `${apiPath}.x`)?.at(-1);
    return last !== undefined && 'key' in last;
  };
  const attributes: [string, string][] = [];
  const blocks: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    if (child === null || child === undefined) continue;
    const childPath = `${path}.${key}`;
    if (Array.isArray(child) && child.some(isObject)) {
      child.forEach((item, index) => {
        if (!isObject(item)) return;
        // Named list items are addressed by name, the others by index (CONTRACT `changes[].path`).
        const itemPath = `${childPath}[${typeof item.name === 'string' ? item.name : index}]`;
        blocks.push(blockLines(nameOf(itemPath, key), itemPath, item));
      });
    } else if (isObject(child) && !isMap(childPath)) {
      blocks.push(blockLines(nameOf(childPath, key), childPath, child));
    } else {
      attributes.push([nameOf(childPath, key), hclLiteral(child, { indent })]);
    }
  }
  function blockLines(name: string, itemPath: string, item: Record<string, unknown>): string[] {
    const body = typedBlockBody({
      terraformType,
      path: itemPath,
      value: item,
      indent: `${indent}  `,
      toStatePath,
    });
    return [`${indent}${name} {`, ...body, `${indent}}`];
  }
  const lines = alignedLines(attributes, indent);
  for (const block of blocks) {
    if (lines.length > 0) lines.push('');
    lines.push(...block);
  }
  return lines;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

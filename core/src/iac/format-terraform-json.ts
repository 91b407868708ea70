import { defineField } from '../define-field.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { ownField } from '../own-field.ts';
import { type HclBodyItem, type HclDocument, HclReference, type HclValue } from './hcl-document.ts';

// In Terraform's JSON syntax every string is a template: `${` and `%{` are doubled to stay literal, and a
// reference is written as the one interpolation `"${var.x}"` ("JSON Configuration Syntax", Expression
// Mapping). Object keys are templates too. Static addresses (`import.to`) are plain traversal strings.
function literal(text: string): string {
  return text.replaceAll('${', () => '$${').replaceAll('%{', '%%{');
}

function value(input: HclValue): JsonValue {
  if (input instanceof HclReference) return input.static ? input.traversal : `\${${input.traversal}}`;
  if (typeof input === 'string') return literal(input);
  if (input === null || typeof input !== 'object') return input;
  if (Array.isArray(input)) return input.map(value);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(input)) defineField(out, literal(key), value(item));
  return out;
}

/**
 * A block body as a JSON object. Nested blocks are always arrays of bodies, even when there is one, so a
 * reader can tell a block (`"spec": [{…}]`) from a map attribute (`"labels": {…}`) without the schema.
 */
function body(items: readonly HclBodyItem[]): JsonObject {
  const out: JsonObject = {};
  for (const item of items) {
    if ('attribute' in item) {
      defineField(out, item.attribute, value(item.value));
      continue;
    }
    const list = (ownField(out, item.block.type) ?? []) as JsonValue[];
    list.push(body(item.block.body));
    defineField(out, item.block.type, list);
  }
  return out;
}

/**
 * The same document in `.tf.json` syntax: `variable`/`resource` keyed by their labels, `import` a list,
 * the comments under the `"//"` key Terraform ignores. Two-space indented, final newline.
 *
 * @example
 * formatTerraformJson({ comments: ['generated'], blocks: [
 *   { type: 'import', labels: [], body: [{ attribute: 'id', value: 'shop' }] }] })
 * // '{\n  "//": "generated",\n  "import": [\n    {\n      "id": "shop"\n    }\n  ]\n}\n'
 */
export function formatTerraformJson(document: HclDocument): string {
  const out: JsonObject = {};
  if (document.comments.length > 0) out['//'] = document.comments.join('\n');
  for (const block of document.blocks) {
    if (block.labels.length === 0) {
      const list = (ownField(out, block.type) ?? []) as JsonValue[];
      list.push(body(block.body));
      defineField(out, block.type, list);
      continue;
    }
    let node = (ownField(out, block.type) ?? {}) as JsonObject;
    defineField(out, block.type, node);
    for (const label of block.labels.slice(0, -1)) {
      const child = (ownField(node, label) ?? {}) as JsonObject;
      defineField(node, label, child);
      node = child;
    }
    defineField(node, block.labels.at(-1) as string, body(block.body));
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

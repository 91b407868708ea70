/** A managed resource instance address, split into the parts that find its block. */
export interface TerraformAddress {
  /** Module call names from the root: `module.app.module.db.x.y` → `['app', 'db']`. */
  modules: string[];
  type: string;
  name: string;
  /** The `count` index or `for_each` key of the instance (`0`, `"ja"`), or `null`. Module keys are dropped. */
  key: string | number | null;
}

/**
 * Parses a Terraform resource instance address as the drift's `iac.address` carries it. Instance keys
 * (`[0]`, `["ja"]`) are kept for display but do not pick a block: every instance comes from one block.
 * Returns `null` for data sources and anything that is not a managed resource address.
 * @example parseTerraformAddress('module.app["eu"].kubernetes_deployment_v1.site["ja"]')
 *   // { modules: ['app'], type: 'kubernetes_deployment_v1', name: 'site', key: 'ja' }
 */
export function parseTerraformAddress(address: string): TerraformAddress | null {
  const parts = splitAddress(address);
  if (!parts) return null;
  const modules: string[] = [];
  let index = 0;
  while (parts[index]?.name === 'module') {
    const call = parts[index + 1];
    if (!call || call.key !== null || parts[index]?.key !== null) return null;
    modules.push(call.name);
    index += 2;
  }
  const typePart = parts[index];
  const namePart = parts[index + 1];
  if (!typePart || !namePart || parts.length !== index + 2 || typePart.key !== null) return null;
  if (typePart.name === 'data') return null;
  return { modules, type: typePart.name, name: namePart.name, key: namePart.key };
}

interface AddressPart {
  name: string;
  key: string | number | null;
}

/** `module.app["a.b"].x.y[0]` → name/key parts; dots inside a quoted key do not split. */
function splitAddress(address: string): AddressPart[] | null {
  const parts: AddressPart[] = [];
  let position = 0;
  while (position < address.length) {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(address.slice(position));
    if (!match) return null;
    const part: AddressPart = { name: match[0], key: null };
    position += match[0].length;
    if (address[position] === '[') {
      const close = findKeyEnd(address, position + 1);
      if (close < 0) return null;
      const raw = address.slice(position + 1, close);
      const key = parseKey(raw);
      if (key === null) return null;
      part.key = key;
      position = close + 1;
    }
    parts.push(part);
    if (position === address.length) break;
    if (address[position] !== '.') return null;
    position += 1;
  }
  // A module instance `module.app["x"]` carries its key on the call name: move it off so the walk above
  // sees a plain call name (the block is the same for every instance).
  for (let index = 0; index + 1 < parts.length; index += 1) {
    const part = parts[index];
    const next = parts[index + 1];
    if (part?.name === 'module' && part.key === null && next && index + 2 < parts.length) next.key = null;
  }
  return parts;
}

/** The index of the `]` closing an instance key, honouring quotes and escapes inside `"…"`. */
function findKeyEnd(address: string, start: number): number {
  let inString = false;
  for (let index = start; index < address.length; index += 1) {
    const char = address[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ']') return index;
  }
  return -1;
}

/** `0` → 0, `"ja"` → 'ja' (a JSON string: Terraform quotes keys the same way). */
function parseKey(raw: string): string | number | null {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!raw.startsWith('"')) return null;
  try {
    const key: unknown = JSON.parse(raw);
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}

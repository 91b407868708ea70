/** 32-bit FNV-1a of a string as 8 hex digits: a short, stable suffix for colliding names. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `payments/api-v2.1` → `payments_api_v2_1`: a Terraform name (letters, digits, `_`; not a digit first). */
export function sanitizeName(parts: readonly string[]): string {
  const joined = parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (joined === '') return '_';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/**
 * Unique Terraform names for keyed entries within one namespace of names (a resource type, or the
 * variables): each entry's `base`, and where several entries share a base, every one but the first (in
 * key order) gets `_<8 hex digits of its key's hash>`, so the result does not depend on input order.
 *
 * @example
 * uniqueNames([{ key: 'k8s/configmap/a/b-c', base: 'a_b_c' }, { key: 'k8s/configmap/a/b.c', base: 'a_b_c' }])
 * // Map { 'k8s/configmap/a/b-c' => 'a_b_c', 'k8s/configmap/a/b.c' => 'a_b_c_1f0e3dad' }
 */
export function uniqueNames(entries: ReadonlyArray<{ key: string; base: string }>): Map<string, string> {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const { key, base } of sorted) {
    let name = used.has(base) ? `${base}_${fnv1a(key)}` : base;
    // A hash suffix can itself collide with another entry's base: extend it until it is free.
    for (let n = 2; used.has(name); n++) name = `${base}_${fnv1a(`${key}#${n}`)}`;
    used.add(name);
    names.set(key, name);
  }
  return names;
}

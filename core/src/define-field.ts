/**
 * Gives `object` the own enumerable field `key` (ECMA-262 CreateDataProperty, what `JSON.parse` and
 * `Object.fromEntries` do), for every key that comes from data: a ConfigMap's `data`, a Secret's, a
 * CRD's spec, a state attribute map. Plain `object[key] = value` is a [[Set]], and for the key
 * `__proto__` it calls `Object.prototype`'s accessor (ECMA-262 Annex B, "Object.prototype.__proto__"),
 * which replaces the prototype and adds no key: a valid Kubernetes data key would vanish silently.
 * Every other key assigns as usual (assignment is what V8 makes fast; `Object.prototype` has no other
 * setter).
 *
 * @example
 * const out: Record<string, string> = {};
 * defineField(out, '__proto__', 'x');
 * Object.keys(out) // ['__proto__']
 */
export function defineField<T>(object: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value; // own-field: not __proto__, so [[Set]] creates the own field
  }
}

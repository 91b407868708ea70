/**
 * The field `key` of `object` when it is its own, else `undefined`: never one `Object.prototype` lends
 * (a data key `constructor` read on an object without it would be `Object`, `__proto__` the prototype).
 * The read side of `defineField`, for every key that comes from data.
 *
 * @example
 * ownField({}, 'constructor') // undefined ({}.constructor is Object)
 * ownField(JSON.parse('{"__proto__":"x"}'), '__proto__') // 'x'
 */
export function ownField<T>(object: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

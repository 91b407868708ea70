import { isJsonObject, type JsonValue } from './json.ts';

/** Literal output waiting on the stack (a comma, a closing bracket, a key), told apart from JSON values. */
class Text {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * JSON text with object keys in sorted order, so equal values give equal text whatever order their keys
 * arrived in (the API server and a state file order keys differently). Iterative: values can nest deeply.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: JsonValue): string {
  let out = '';
  const stack: (JsonValue | Text)[] = [value];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next instanceof Text) {
      out += next.text;
    } else if (Array.isArray(next)) {
      out += '[';
      stack.push(new Text(']'));
      for (let index = next.length - 1; index >= 0; index -= 1) {
        stack.push(next[index]!);
        if (index > 0) stack.push(new Text(','));
      }
    } else if (isJsonObject(next)) {
      const keys = Object.keys(next).sort();
      out += '{';
      stack.push(new Text('}'));
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index]!;
        stack.push(next[key]!);
        stack.push(new Text(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
    } else {
      out += JSON.stringify(next);
    }
  }
  return out;
}

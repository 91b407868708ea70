/**
 * What a JSON column holds instead of a text stored in `value_parts`: `@parts:<id>:<count>`. No JSON text
 * starts with `@`, so a reader tells a reference from an inline value by its first character.
 *
 * @example
 * partsReference.format('ab12', 3); // '@parts:ab12:3'
 * partsReference.parse('@parts:ab12:3'); // { id: 'ab12', count: 3 }
 * partsReference.parse('{"a":1}'); // undefined
 */
export const partsReference = {
  format(id: string, count: number): string {
    return `@parts:${id}:${count}`;
  },
  parse(value: string): { id: string; count: number } | undefined {
    if (!value.startsWith('@parts:')) return undefined;
    const [, id = '', count = ''] = value.split(':');
    return { id, count: Number(count) };
  },
};

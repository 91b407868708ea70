import type { Span } from './span.ts';

/**
 * A block's syntax as plain data: what drift mapping needs (names, `name = "…"` values, object keys,
 * positions) and nothing else. Built once per drifted block from its syntax tree, then reused by every
 * refresh without touching WebAssembly memory again.
 */
export interface HclBlock {
  kind: 'block';
  type: string;
  labels: string[];
  /** The first line up to `{`. */
  head: Span;
  /** The whole block, through its closing `}`: where quick fixes insert or delete. */
  span: Span;
  body: HclBodyItem[];
}

/** `name = value` inside a block body. */
export interface HclAttribute {
  kind: 'attribute';
  name: string;
  head: Span;
  value: HclValue;
}

export type HclBodyItem = HclBlock | HclAttribute;

/** `key = value` inside an object value; `key` is `null` when computed (`(var.k) = …`). */
export interface HclObjectElem {
  key: string | null;
  head: Span;
  value: HclValue;
}

/** The value shapes mapping can walk into; everything else (calls, references, numbers) is `other`. */
export type HclValue =
  | { kind: 'object'; head: Span; elems: HclObjectElem[] }
  | { kind: 'tuple'; head: Span; items: HclValue[] }
  /** `text` is `null` for an interpolated string: its value is unknown before plan. */
  | { kind: 'string'; head: Span; text: string | null }
  | { kind: 'other'; head: Span };

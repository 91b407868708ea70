/**
 * A reference to a named value (`var.billing_db_password`): written bare in HCL and as `"${…}"` in
 * `.tf.json`, never as a quoted string. A `static` one is an address Terraform reads without evaluating
 * (an `import` block's `to`): `.tf.json` writes it as the plain string.
 */
export class HclReference {
  readonly traversal: string;
  readonly static: boolean;

  constructor(traversal: string, options: { static?: boolean } = {}) {
    this.traversal = traversal;
    this.static = options.static ?? false;
  }
}

/** An attribute value: JSON plus references. Objects are HCL object (map) expressions. */
export type HclValue =
  | null
  | boolean
  | number
  | string
  | HclReference
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

/** One item of a block body, in the order it is written. */
export type HclBodyItem =
  | { readonly attribute: string; readonly value: HclValue }
  | { readonly block: HclBlock };

/** `type "label" "label" { body }`. */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly HclBodyItem[];
}

/** A generated file: leading comment lines and top-level blocks. */
export interface HclDocument {
  readonly comments: readonly string[];
  readonly blocks: readonly HclBlock[];
}

// JSON texts that no `JSON.stringify` of a test value writes (issue 7 defect 6): nesting far past the
// call stack, built as text so that no test helper recurses. Shared by workerd and Node/libSQL tests.

/** `levels` times `open`, a `1`, then `levels` times `close`: `nested(3, '[', ']')` is `[[[1]]]`. */
export function nested(levels: number, open: string, close: string): string {
  return `${open.repeat(levels)}1${close.repeat(levels)}`;
}

/** A version-4 state file text with one resource instance whose `attributes` is the given JSON text. */
export function stateText(attributesJson: string, serial = '1', type = 'kubernetes_config_map_v1'): string {
  return `{"version":4,"serial":${serial},"lineage":"l-1","terraform_version":"1.9.8","resources":[{"mode":"managed","type":"${type}","name":"a","provider":"provider[\\"registry.terraform.io/hashicorp/kubernetes\\"]","instances":[{"attributes":${attributesJson}}]}]}`;
}

/** The `iac_format` values the report accepts (CONTRACT "IaC generation"). */
export const IAC_FORMATS = ['terraform', 'terraform-json', 'opentofu'] as const;

/** `terraform`: HCL; `terraform-json`: `.tf.json` syntax; `opentofu`: HCL for OpenTofu. */
export type IacFormat = (typeof IAC_FORMATS)[number];

/** The `iac_scope` values: the scan's `extra` objects (default) or `all` non-controller-owned ones. */
export const IAC_SCOPES = ['extra', 'all'] as const;

export type IacScope = (typeof IAC_SCOPES)[number];

/** One note about the generated code (`secret_variables`, `manifest_fallback`, …). */
export interface IacWarning {
  code: string;
  message: string;
}

/** The `iac` object of the report response and of `GET …/scans/:id/iac`. */
export interface IacResult {
  format: IacFormat;
  scope: IacScope;
  content: string;
  /** Objects generated (one resource and one import block each). */
  resource_count: number;
  warnings: IacWarning[];
}

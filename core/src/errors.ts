/**
 * The closed set of error codes core throws. Callers branch on `code`, never on `message`.
 *
 * - `invalid_state`: the input is not a readable Terraform state file.
 * - `unsupported_state_version`: a state file whose `version` is not 4.
 * - `invalid_ignore_rule`: a `.driftignore` line that does not parse (`line` says which).
 * - `invalid_report`: an operator report that fails its schema (see `issues`).
 */
export type DriftwiseErrorCode =
  | 'invalid_state'
  | 'unsupported_state_version'
  | 'invalid_ignore_rule'
  | 'invalid_report';

/** One problem in an input, addressed by a dotted path (`resources.3.normalized_type`). */
export interface InputIssue {
  path: string;
  message: string;
}

/**
 * Bad input, as a typed error with a stable `code`.
 *
 * @example
 * try { readTerraformState(text) } catch (e) {
 *   if (e instanceof DriftwiseError && e.code === 'unsupported_state_version') …
 * }
 */
export class DriftwiseError extends Error {
  readonly code: DriftwiseErrorCode;
  readonly issues: InputIssue[];
  /** 1-based line of the input the error is about, where that applies (ignore rules). */
  readonly line: number | undefined;

  constructor(
    code: DriftwiseErrorCode,
    message: string,
    options: { issues?: InputIssue[]; line?: number } = {},
  ) {
    super(message);
    this.name = 'DriftwiseError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.line = options.line;
  }
}

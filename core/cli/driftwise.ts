import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type DriftResult,
  DriftwiseError,
  type IacResource,
  type IgnoreRule,
  matchDrift,
  operatorReportRequestSchema,
  parseIgnoreRules,
  parsePersonTools,
  readTerraformState,
  type StateSourceInfo,
  secretHasher,
  toInputIssues,
  toLiveResources,
} from '../src/index.ts';
import { formatDriftText } from './format-drift-text.ts';

/** Exit statuses, driftctl's convention: usable as a CI gate. */
export const EXIT = { inSync: 0, drift: 1, error: 2 } as const;

const USAGE = `Usage: driftwise diff --state <terraform.tfstate> [--state <more.tfstate> …] --live <report.json>
                      [--ignore <.driftignore>] [--format text|json] [--allow-empty] [--now <RFC 3339>]

Compares the Kubernetes objects of an operator report (the body of POST /api/v2/operator/report)
with the Kubernetes resources of one or more Terraform state files (format version 4).

  --allow-empty  exit 0/1 even when nothing is in scope (by default an empty scope, usually a
                 mistyped namespace, exits 2)
  --now          the time "changed … ago" is measured against (default: now)

Exit status: 0 in sync, 1 drift found, 2 error or empty scope.`;

/** Where the command writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readText: (path: string) => Promise<string>;
  /** The clock, for "changed … ago" (`--now` overrides it). */
  now?: () => Date;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readText: (path) => readFile(path, 'utf8'),
  now: () => new Date(),
};

class UsageError extends Error {}

function parseNow(text: string | undefined, io: CliIo): Date {
  if (text === undefined) return (io.now ?? (() => new Date()))();
  // RFC 3339 only: Date.parse would also take "tomorrow"-ish locale forms on some engines.
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)
    ? new Date(text)
    : null;
  if (date === null || Number.isNaN(date.getTime()))
    throw new UsageError(`--now: "${text}" is not an RFC 3339 time`);
  return date;
}

async function readJson(io: CliIo, path: string): Promise<unknown> {
  const text = await io.readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

async function diff(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      state: { type: 'string', multiple: true },
      live: { type: 'string' },
      ignore: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'allow-empty': { type: 'boolean', default: false },
      now: { type: 'string' },
    },
    strict: true,
  });
  if (!values.state?.length || !values.live) throw new UsageError('diff needs --state and --live');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format is text or json');
  const now = parseNow(values.now, io);

  // A fresh key per run: hashes only need to agree within this comparison, and never leave the process.
  const hasher = secretHasher(randomBytes(32));
  const iac: IacResource[] = [];
  const stateSources: StateSourceInfo[] = [];
  for (const path of values.state) {
    const name = basename(path).replace(/\.tfstate$/, '');
    const state = readTerraformState(await io.readText(path), { secretHasher: hasher, stateSource: name });
    iac.push(...state.resources);
    stateSources.push({ name, skipped: state.skipped });
  }

  const parsed = operatorReportRequestSchema.safeParse(await readJson(io, values.live));
  if (!parsed.success) {
    throw new DriftwiseError('invalid_report', `${values.live}: not a valid operator report`, {
      issues: toInputIssues(parsed.error.issues),
    });
  }
  const report = parsed.data;
  const ignoreText = values.ignore ? await io.readText(values.ignore) : '';
  const ignoreRules: IgnoreRule[] = parseIgnoreRules(ignoreText);
  const result: DriftResult = matchDrift({
    live: toLiveResources(report, { secretHasher: hasher }),
    iac,
    namespace: report.namespace,
    ignoreRules,
    personTools: parsePersonTools(ignoreText),
    stateSources,
  });

  if (values.format === 'json') {
    io.stdout(
      `${JSON.stringify({ cluster_id: report.cluster_id, namespace: report.namespace, ...result }, null, 2)}\n`,
    );
  } else {
    io.stdout(formatDriftText(result, { clusterId: report.cluster_id, namespace: report.namespace, now }));
  }
  // A mistyped namespace would otherwise read "in sync, coverage 100%" and pass the gate.
  if (!values['allow-empty'] && result.warnings.some((warning) => warning.code === 'empty_scope')) {
    io.stderr('driftwise: nothing in scope (empty_scope); pass --allow-empty if that is expected\n');
    return EXIT.error;
  }
  const { missing, extra, changed } = result.summary;
  return missing + extra + changed > 0 ? EXIT.drift : EXIT.inSync;
}

function describeError(error: unknown): string {
  if (error instanceof DriftwiseError) {
    const where = error.line !== undefined ? ` (line ${error.line})` : '';
    const issues = error.issues.map((issue) => `\n  ${issue.path || '(root)'}: ${issue.message}`).join('');
    return `driftwise: ${error.code}: ${error.message}${where}${issues}`;
  }
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `driftwise: ${(error as Error).message}\n\n${USAGE}`;
  }
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError.code === 'ENOENT' || nodeError.code === 'EISDIR' || nodeError.code === 'EACCES') {
    return `driftwise: cannot read ${nodeError.path}: ${nodeError.code}`;
  }
  return `driftwise: ${(error as Error).message ?? String(error)}`;
}

/**
 * Runs the `driftwise` command and returns its exit status.
 *
 * @example
 * process.exitCode = await main(['diff', '--state', 'terraform.tfstate', '--live', 'report.json']);
 */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined ? EXIT.error : EXIT.inSync;
  }
  if (command !== 'diff') {
    io.stderr(`driftwise: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  try {
    return await diff(args, io);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return EXIT.error;
  }
}

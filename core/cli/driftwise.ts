import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type DriftResult,
  DriftwiseError,
  generateIac,
  IAC_FORMATS,
  IAC_SCOPES,
  type IacFormat,
  type IacResource,
  type IacScope,
  type IgnoreRule,
  matchDrift,
  operatorReportRequestSchema,
  parseIgnoreRules,
  readTerraformState,
  secretHasher,
  toInputIssues,
  toLiveResources,
} from '../src/index.ts';
import { formatDriftText } from './format-drift-text.ts';

/** Exit statuses, driftctl's convention: usable as a CI gate. */
export const EXIT = { inSync: 0, drift: 1, error: 2 } as const;

const USAGE = `Usage: driftwise diff --state <terraform.tfstate> [--state <more.tfstate> …] --live <report.json>
                      [--ignore <.driftignore>] [--format text|json]

Compares the Kubernetes objects of an operator report (the body of POST /api/v2/operator/report)
with the Kubernetes resources of one or more Terraform state files (format version 4).

Exit status: 0 in sync, 1 drift found, 2 error.

       driftwise iac --live <report.json> [--state <terraform.tfstate> …] [--ignore <.driftignore>]
                     [--format terraform|terraform-json|opentofu] [--scope extra|all]

Prints Terraform (with import blocks) for the report's objects that no state declares (--scope extra,
the default; without --state that is every object) or for all of them; warnings go to stderr.
Exit status: 0, or 2 on error.`;

/** Where the command writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readText: (path: string) => Promise<string>;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readText: (path) => readFile(path, 'utf8'),
};

class UsageError extends Error {}

async function readJson(io: CliIo, path: string): Promise<unknown> {
  const text = await io.readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** The `iac` command: the drift as `diff` computes it, then the generated code on stdout. */
async function iac(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      state: { type: 'string', multiple: true },
      live: { type: 'string' },
      ignore: { type: 'string' },
      format: { type: 'string', default: 'terraform' },
      scope: { type: 'string', default: 'extra' },
    },
    strict: true,
  });
  if (!values.live) throw new UsageError('iac needs --live');
  const format = values.format as IacFormat;
  const scope = values.scope as IacScope;
  if (!IAC_FORMATS.includes(format)) throw new UsageError(`--format is one of ${IAC_FORMATS.join(', ')}`);
  if (!IAC_SCOPES.includes(scope)) throw new UsageError(`--scope is one of ${IAC_SCOPES.join(', ')}`);
  const { report, live, result } = await compare(values.state ?? [], values.live, values.ignore, io);
  const generated = generateIac({
    live,
    drift: result,
    format,
    scope,
    clusterId: report.cluster_id,
    namespace: report.namespace,
  });
  io.stdout(generated.content);
  for (const warning of generated.warnings)
    io.stderr(`driftwise: warning ${warning.code}: ${warning.message}\n`);
  return EXIT.inSync;
}

/** Reads the states, the report and the ignore rules, and matches them (shared by `diff` and `iac`). */
async function compare(statePaths: string[], livePath: string, ignorePath: string | undefined, io: CliIo) {
  // A fresh key per run: hashes only need to agree within this comparison, and never leave the process.
  const hasher = secretHasher(randomBytes(32));
  const iacResources: IacResource[] = [];
  for (const path of statePaths) {
    const state = readTerraformState(await io.readText(path), {
      secretHasher: hasher,
      stateSource: basename(path).replace(/\.tfstate$/, ''),
    });
    iacResources.push(...state.resources);
  }
  const parsed = operatorReportRequestSchema.safeParse(await readJson(io, livePath));
  if (!parsed.success) {
    throw new DriftwiseError('invalid_report', `${livePath}: not a valid operator report`, {
      issues: toInputIssues(parsed.error.issues),
    });
  }
  const report = parsed.data;
  const ignoreRules: IgnoreRule[] = ignorePath ? parseIgnoreRules(await io.readText(ignorePath)) : [];
  const live = toLiveResources(report, { secretHasher: hasher });
  const result: DriftResult = matchDrift({
    live,
    iac: iacResources,
    namespace: report.namespace,
    ignoreRules,
  });
  return { report, live, result };
}

async function diff(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      state: { type: 'string', multiple: true },
      live: { type: 'string' },
      ignore: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    strict: true,
  });
  if (!values.state?.length || !values.live) throw new UsageError('diff needs --state and --live');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format is text or json');

  const { report, result } = await compare(values.state, values.live, values.ignore, io);

  if (values.format === 'json') {
    io.stdout(
      `${JSON.stringify({ cluster_id: report.cluster_id, namespace: report.namespace, ...result }, null, 2)}\n`,
    );
  } else {
    io.stdout(formatDriftText(result, { clusterId: report.cluster_id, namespace: report.namespace }));
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
  if (command !== 'diff' && command !== 'iac') {
    io.stderr(`driftwise: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  try {
    return command === 'iac' ? await iac(args, io) : await diff(args, io);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return EXIT.error;
  }
}

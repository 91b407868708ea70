import { randomBytes } from 'node:crypto';
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
import type { CliIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { EXIT } from './exit.ts';
import { formatDriftText } from './format-drift-text.ts';
import { parseJson } from './parse-json.ts';
import { parseNow } from './parse-now.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: driftwise diff --state [name=]<terraform.tfstate> [--state …] --live <report.json>
                      [--ignore <.driftignore>] [--format text|json] [--allow-empty] [--now <RFC 3339>]

Compares the Kubernetes objects of an operator report (the body of POST /api/v2/operator/report)
with the Kubernetes resources of one or more Terraform state files (format version 4), offline.

  --state [name=]path  a state file; repeat for several. The drift names it as its state source:
                       "name" when given (prod=envs/prod/terraform.tfstate), else the path as written.
  --live path          the operator report
  --ignore path        ignore rules, .driftignore syntax
  --format text|json   text for people (default), json for tools
  --allow-empty        exit 0/1 even when nothing is in scope (by default an empty scope, usually a
                       mistyped namespace, exits 2)
  --now time           the time "changed … ago" is measured against (RFC 3339; default: now)

Exit status: 0 in sync, 1 drift found, 2 error or empty scope.`;

// A source name as the API accepts it (docs/worker.md, state sources); anything else before `=` is part of a path.
const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Splits `--state name=path`. Without a name the source is the path itself, not its basename, so that
 * `envs/a/terraform.tfstate` and `envs/b/terraform.tfstate` stay two sources.
 */
export function parseStateArgument(value: string): { name: string; path: string } {
  const at = value.indexOf('=');
  if (at > 0 && SOURCE_NAME.test(value.slice(0, at)))
    return { name: value.slice(0, at), path: value.slice(at + 1) };
  return { name: value, path: value };
}

/** The files of a local comparison, as the command line names them. */
export interface LocalFiles {
  /** `[name=]path` arguments (see {@link parseStateArgument}); may be empty. */
  states: readonly string[];
  live: string;
  ignore?: string | undefined;
}

/**
 * Reads state files, an operator report and ignore rules, and matches them as the service would (shared by
 * `diff` and `iac`): the report, its live objects and the drift.
 */
export async function compareLocalFiles(files: LocalFiles, io: CliIo) {
  const sources = files.states.map(parseStateArgument);
  const names = sources.map((source) => source.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new UsageError(`--state ${twice} is given twice`);

  // A fresh key per run: hashes only need to agree within this comparison, and never leave the process.
  const hasher = secretHasher(randomBytes(32), 'k1cli');
  const iac: IacResource[] = [];
  const stateSources: StateSourceInfo[] = [];
  for (const source of sources) {
    const state = readTerraformState(await io.readText(source.path), {
      secretHasher: hasher,
      stateSource: source.name,
    });
    iac.push(...state.resources);
    stateSources.push({ name: source.name, skipped: state.skipped });
  }

  const parsed = operatorReportRequestSchema.safeParse(parseJson(await io.readText(files.live), files.live));
  if (!parsed.success) {
    throw new DriftwiseError('invalid_report', `${files.live}: not a valid operator report`, {
      issues: toInputIssues(parsed.error.issues),
    });
  }
  const report = parsed.data;
  const ignoreText = files.ignore ? await io.readText(files.ignore) : '';
  const ignoreRules: IgnoreRule[] = parseIgnoreRules(ignoreText);
  const live = toLiveResources(report, { secretHasher: hasher });
  const result: DriftResult = matchDrift({
    live,
    iac,
    namespace: report.namespace,
    ignoreRules,
    personTools: parsePersonTools(ignoreText),
    stateSources,
  });
  return { report, live, result };
}

/** `driftwise diff`: the matcher on local files. */
export const diffCommand: Command = {
  words: ['diff'],
  summary: 'compare an operator report with Terraform state files, offline',
  usage: USAGE,
  async run(args, io) {
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
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError('--format is text or json');
    const now = parseNow(values.now, io);
    const { report, result } = await compareLocalFiles(
      { states: values.state, live: values.live, ignore: values.ignore },
      io,
    );

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
  },
};

import { parseArgs } from 'node:util';
import { generateIac, IAC_FORMATS, IAC_SCOPES, type IacFormat, type IacScope } from '../src/index.ts';
import type { Command } from './command.ts';
import { compareLocalFiles } from './diff-command.ts';
import { EXIT } from './exit.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: driftwise iac --live <report.json> [--state [name=]<terraform.tfstate> …] [--ignore <.driftignore>]
                     [--format terraform|terraform-json|opentofu] [--scope extra|all]

Prints Terraform, with import blocks, for the report's objects that no state declares (--scope extra, the
default; without --state that is every object) or for all of them (--scope all). Secret values become
sensitive variables. Warnings go to stderr.

Exit status: 0, or 2 on error.`;

/** `driftwise iac`: the drift as `diff` computes it, then the generated code on stdout. */
export const iacCommand: Command = {
  words: ['iac'],
  summary: 'print Terraform (with import blocks) for objects no state declares, offline',
  usage: USAGE,
  async run(args, io) {
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
    const { report, live, result } = await compareLocalFiles(
      { states: values.state ?? [], live: values.live, ignore: values.ignore },
      io,
    );
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
  },
};

import { type CliIo, defaultIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { describeError } from './describe-error.ts';
import { diffCommand } from './diff-command.ts';
import { driftCommand } from './drift-command.ts';
import { EXIT } from './exit.ts';
import { iacCommand } from './iac-command.ts';
import { reportCommand } from './report-command.ts';
import { statePushCommand } from './state-push-command.ts';
import { VERSION } from './version.ts';

export type { CliIo } from './cli-io.ts';
export { EXIT } from './exit.ts';

const COMMANDS: Command[] = [diffCommand, iacCommand, statePushCommand, reportCommand, driftCommand];

const USAGE = `Usage: driftwise <command> [options]   (driftwise <command> --help for its options)

Commands:
${COMMANDS.map((command) => `  ${command.words.join(' ').padEnd(12)}${command.summary}`).join('\n')}

  --version   print the version
  --help      print this help

Commands that call the service read the API key from DRIFTWISE_API_KEY and the URL from --api or
DRIFTWISE_API_URL. Exit status: 0 fine, 1 drift (or the --fail-on condition), 2 error.`;

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

/**
 * Runs the `driftwise` command and returns its exit status.
 *
 * @example
 * process.exitCode = await main(['diff', '--state', 'terraform.tfstate', '--live', 'report.json']);
 */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`driftwise ${VERSION}\n`);
    return EXIT.inSync;
  }
  if (argv.length === 0 || isHelp(argv[0])) {
    (argv.length === 0 ? io.stderr : io.stdout)(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.error : EXIT.inSync;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, index) => argv[index] === word));
  if (command === undefined) {
    const group = COMMANDS.find((candidate) => candidate.words.length > 1 && candidate.words[0] === argv[0]);
    const what = group ? `"${argv.slice(0, 2).join(' ')}" (try: ${group.words.join(' ')})` : `"${argv[0]}"`;
    io.stderr(`driftwise: unknown command ${what}\n\n${USAGE}\n`);
    return EXIT.error;
  }
  const args = argv.slice(command.words.length);
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.inSync;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`${describeError(error, command.usage)}\n`);
    return EXIT.error;
  }
}

import type { CliIo } from './cli-io.ts';

/** One `driftwise` command: its words on the command line, its help text and what it does. */
export interface Command {
  /** The words that select it: `['diff']`, `['state', 'push']`. */
  words: string[];
  /** One line for the command list of `driftwise --help`. */
  summary: string;
  /** The whole `--help` text. */
  usage: string;
  /** Runs it with the arguments after its words; returns the exit status, throws on bad input. */
  run: (args: string[], io: CliIo) => Promise<number>;
}

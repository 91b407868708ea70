/** A command line the command cannot run: the message is printed with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

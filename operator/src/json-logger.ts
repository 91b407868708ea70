/** A structured log line's fields. Never put an object's `data`, a key or a body here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** The operator's logger: one JSON object per line. */
export interface JsonLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * A JSON-lines logger on `write` (stderr by default), with the time from `now`. Fields are flat scalars
 * on purpose: no code path can hand it a Secret object to serialize.
 *
 * @example createJsonLogger().info('report sent', { scope: '*', resources: 42 })
 */
export function createJsonLogger({
  write = (line: string) => process.stderr.write(line),
  now = () => new Date(),
}: {
  write?: (line: string) => void;
  now?: () => Date;
} = {}): JsonLogger {
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      write(`${JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

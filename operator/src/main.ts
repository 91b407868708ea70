// Entry point: configuration, signals, exit codes. Everything else is in runOperator.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.ts';
import { createJsonLogger } from './json-logger.ts';
import { loadKubeConfig } from './load-kube-config.ts';
import { parseConfig } from './parse-config.ts';
import { runOperator } from './run-operator.ts';

const log = createJsonLogger();
try {
  const config = parseConfig({
    argv: process.argv.slice(2),
    env: process.env,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  const kc = loadKubeConfig(process.env);
  const running = await runOperator({ config, kc, log });
  // Kubernetes sends SIGTERM, then SIGKILL after the grace period (30 s by default): exit well within 5 s.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info('stopping', { signal });
      const deadline = setTimeout(() => process.exit(0), 4500);
      deadline.unref();
      void running.shutdown(4000).finally(() => process.exit(0));
    });
  }
  if (running.opsPort !== null) log.info('ops server listening', { port: running.opsPort });
  const code = await running.done;
  process.exit(code);
} catch (error) {
  // One line on stderr, no stack: a CronJob's log shows the reason at a glance.
  const reason = (error as Error).message.split('\n')[0];
  process.stderr.write(
    `driftwise-operator: ${error instanceof ConfigError ? 'configuration: ' : ''}${reason}\n`,
  );
  process.exit(error instanceof ConfigError ? 2 : 1);
}

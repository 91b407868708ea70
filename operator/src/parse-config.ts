import { ConfigError } from './config-error.ts';
import type { OperatorConfig } from './operator-config.ts';

/** Where {@link parseConfig} reads from; tests pass plain values. */
export interface ParseConfigOptions {
  argv?: string[];
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

// Each setting: its flag, its environment variable. A flag wins over the variable.
const SETTINGS = {
  apiUrl: ['--api-url', 'DRIFTWISE_API_URL'],
  apiKey: ['--api-key', 'DRIFTWISE_API_KEY'],
  apiKeyFile: ['--api-key-file', 'DRIFTWISE_API_KEY_FILE'],
  clusterId: ['--cluster-id', 'DRIFTWISE_CLUSTER_ID'],
  namespaces: ['--namespaces', 'DRIFTWISE_NAMESPACES'],
  intervalSeconds: ['--interval-seconds', 'DRIFTWISE_INTERVAL_SECONDS'],
  region: ['--region', 'DRIFTWISE_REGION'],
  includeKinds: ['--include-kinds', 'DRIFTWISE_INCLUDE_KINDS'],
  excludeKinds: ['--exclude-kinds', 'DRIFTWISE_EXCLUDE_KINDS'],
  includeControllerOwned: ['--include-controller-owned', 'DRIFTWISE_INCLUDE_CONTROLLER_OWNED'],
  maxBodyBytes: ['--max-body-bytes', 'DRIFTWISE_MAX_BODY_BYTES'],
  metricsPort: ['--metrics-port', 'DRIFTWISE_METRICS_PORT'],
} as const;

type Setting = keyof typeof SETTINGS;
const BOOLEAN_FLAGS = new Set(['--once', '--include-controller-owned']);
// DNS-1123 label: what a namespace name may be.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const CLUSTER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function parseArgv(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const known = BOOLEAN_FLAGS.has(name) || Object.values(SETTINGS).some(([flag]) => flag === name);
    if (!known) throw new ConfigError(`unknown flag ${name} (see operator/README.md)`);
    if (eq !== -1) flags.set(name, arg.slice(eq + 1));
    else if (BOOLEAN_FLAGS.has(name)) flags.set(name, 'true');
    else {
      const value = argv[i + 1];
      if (value === undefined) throw new ConfigError(`${name} needs a value`);
      flags.set(name, value);
      i++;
    }
  }
  return flags;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  return value;
}

function boolean(name: string, raw: string): boolean {
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no|)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, not ${JSON.stringify(raw)}`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The configuration from flags and environment (each setting has both; the flag wins), or a
 * {@link ConfigError} naming the first bad setting.
 *
 * @example parseConfig({ argv: ['--once'], env: { DRIFTWISE_API_URL: 'https://dw.example', … } })
 */
export function parseConfig({
  argv = [],
  env = {},
  readFile = () => {
    throw new ConfigError('no file reader');
  },
}: ParseConfigOptions = {}): OperatorConfig {
  const flags = parseArgv(argv);
  const read = (setting: Setting): string | undefined => {
    const [flag, variable] = SETTINGS[setting];
    const value = flags.get(flag) ?? env[variable];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const required = (setting: Setting): string => {
    const value = read(setting);
    if (value === undefined) {
      const [flag, variable] = SETTINGS[setting];
      throw new ConfigError(`${variable} (or ${flag}) is required`);
    }
    return value;
  };

  const apiUrl = required('apiUrl');
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new ConfigError(`DRIFTWISE_API_URL is not a URL: ${JSON.stringify(apiUrl.slice(0, 100))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('DRIFTWISE_API_URL must be an http(s) URL');

  const apiKeyFile = read('apiKeyFile');
  const inlineKey = read('apiKey');
  if (apiKeyFile !== undefined && inlineKey !== undefined)
    throw new ConfigError('set DRIFTWISE_API_KEY or DRIFTWISE_API_KEY_FILE, not both');
  let apiKey: string;
  if (apiKeyFile !== undefined) {
    try {
      apiKey = readFile(apiKeyFile).trim();
    } catch {
      throw new ConfigError(`DRIFTWISE_API_KEY_FILE ${apiKeyFile} cannot be read`);
    }
  } else if (inlineKey !== undefined) apiKey = inlineKey;
  else
    throw new ConfigError(
      'DRIFTWISE_API_KEY or DRIFTWISE_API_KEY_FILE (or --api-key / --api-key-file) is required',
    );
  // Never echo the key: only its shape is wrong.
  if (!/^dw2_[A-Za-z0-9_-]+$/.test(apiKey)) throw new ConfigError('the API key must be a dw2_… key');

  const clusterId = required('clusterId');
  if (!CLUSTER_ID.test(clusterId))
    throw new ConfigError(
      `DRIFTWISE_CLUSTER_ID must be 1–128 letters, digits, ".", "_" or "-", not ${JSON.stringify(clusterId.slice(0, 140))}`,
    );

  const namespaces = list(read('namespaces') ?? '*');
  if (namespaces.includes('*') && namespaces.length > 1)
    throw new ConfigError('DRIFTWISE_NAMESPACES is "*" or a list of namespaces, not both');
  for (const namespace of namespaces)
    if (namespace !== '*' && !NAMESPACE.test(namespace))
      throw new ConfigError(
        `DRIFTWISE_NAMESPACES: ${JSON.stringify(namespace.slice(0, 70))} is not a namespace name`,
      );

  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    apiKey,
    clusterId,
    namespaces: [...new Set(namespaces)].sort(),
    intervalSeconds: integer('DRIFTWISE_INTERVAL_SECONDS', read('intervalSeconds') ?? '30', 1, 86_400),
    region: read('region'),
    includeKinds: list(read('includeKinds')).map((kind) => kind.toLowerCase()),
    excludeKinds: list(read('excludeKinds')).map((kind) => kind.toLowerCase()),
    includeControllerOwned: boolean(
      'DRIFTWISE_INCLUDE_CONTROLLER_OWNED',
      read('includeControllerOwned') ?? 'false',
    ),
    maxBodyBytes: integer(
      'DRIFTWISE_MAX_BODY_BYTES',
      read('maxBodyBytes') ?? String(16 * 1024 * 1024),
      4096,
      2 ** 31,
    ),
    metricsPort: integer('DRIFTWISE_METRICS_PORT', read('metricsPort') ?? '8080', -1, 65_535),
    once: flags.get('--once') === 'true',
  };
}

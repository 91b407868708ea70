import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.ts';
import { parseConfig } from '../src/parse-config.ts';

const env = {
  DRIFTWISE_API_URL: 'https://dw.example/',
  DRIFTWISE_API_KEY: 'dw2_abc',
  DRIFTWISE_CLUSTER_ID: 'prod-eu-1',
};

describe('parseConfig', () => {
  it('applies the defaults when only the required settings are given', () => {
    expect(parseConfig({ env })).toEqual({
      apiUrl: 'https://dw.example',
      apiKey: 'dw2_abc',
      clusterId: 'prod-eu-1',
      namespaces: ['*'],
      intervalSeconds: 30,
      region: undefined,
      includeKinds: [],
      excludeKinds: [],
      includeControllerOwned: false,
      maxBodyBytes: 16 * 1024 * 1024,
      metricsPort: 8080,
      once: false,
    });
  });

  it('lets a flag win over its environment variable', () => {
    const config = parseConfig({ env, argv: ['--cluster-id', 'staging', '--interval-seconds=10', '--once'] });
    expect([config.clusterId, config.intervalSeconds, config.once]).toEqual(['staging', 10, true]);
  });

  it('reads the key from DRIFTWISE_API_KEY_FILE, trimmed', () => {
    const config = parseConfig({
      env: { ...env, DRIFTWISE_API_KEY: undefined, DRIFTWISE_API_KEY_FILE: '/etc/driftwise/api-key' },
      readFile: (path) => (path === '/etc/driftwise/api-key' ? 'dw2_fromfile\n' : ''),
    });
    expect(config.apiKey).toBe('dw2_fromfile');
  });

  it('parses a namespace list into sorted, unique scopes', () => {
    expect(
      parseConfig({ env: { ...env, DRIFTWISE_NAMESPACES: 'payments, default,payments' } }).namespaces,
    ).toEqual(['default', 'payments']);
  });

  it('lowercases include and exclude kinds', () => {
    const config = parseConfig({
      env: { ...env, DRIFTWISE_INCLUDE_KINDS: 'Job', DRIFTWISE_EXCLUDE_KINDS: 'Secret,ConfigMap' },
    });
    expect([config.includeKinds, config.excludeKinds]).toEqual([['job'], ['secret', 'configmap']]);
  });

  it.each([
    [{ DRIFTWISE_API_URL: undefined }, 'DRIFTWISE_API_URL (or --api-url) is required'],
    [{ DRIFTWISE_API_URL: 'ftp://x' }, 'DRIFTWISE_API_URL must be an http(s) URL'],
    [
      { DRIFTWISE_API_KEY: undefined },
      'DRIFTWISE_API_KEY or DRIFTWISE_API_KEY_FILE (or --api-key / --api-key-file) is required',
    ],
    [{ DRIFTWISE_API_KEY: 'secret' }, 'the API key must be a dw2_… key'],
    [
      { DRIFTWISE_INTERVAL_SECONDS: '0' },
      'DRIFTWISE_INTERVAL_SECONDS must be an integer from 1 to 86400, not "0"',
    ],
    [{ DRIFTWISE_NAMESPACES: '*,default' }, 'DRIFTWISE_NAMESPACES is "*" or a list of namespaces, not both'],
    [{ DRIFTWISE_NAMESPACES: 'Bad_NS' }, 'DRIFTWISE_NAMESPACES: "Bad_NS" is not a namespace name'],
    [
      { DRIFTWISE_CLUSTER_ID: 'a b' },
      'DRIFTWISE_CLUSTER_ID must be 1–128 letters, digits, ".", "_" or "-", not "a b"',
    ],
  ])('refuses %o with a clear message', (override, message) => {
    expect(() => parseConfig({ env: { ...env, ...override } })).toThrow(new ConfigError(message));
  });

  it('refuses an unknown flag', () => {
    expect(() => parseConfig({ env, argv: ['--namespace', 'x'] })).toThrow(/unknown flag --namespace/);
  });

  it('never echoes a malformed key', () => {
    const error = (() => {
      try {
        parseConfig({ env: { ...env, DRIFTWISE_API_KEY: 'hunter2-secret' } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('hunter2');
  });
});

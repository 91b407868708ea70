import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretHasher } from '@driftwise/core';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { buildReportBodies } from './build-report-bodies.ts';
import { discoverKinds } from './discover-kinds.ts';
import type { JsonLogger } from './json-logger.ts';
import type { OperatorConfig } from './operator-config.ts';
import { createOperatorMetrics, type OperatorMetrics } from './operator-metrics.ts';
import { startOpsServer } from './ops-server.ts';
import { createRateBudget } from './rate-budget.ts';
import { createReportClient, type SendOutcome } from './report-client.ts';
import { createReportScheduler } from './report-scheduler.ts';
import { scopeResources } from './scope-resources.ts';
import { createWatchCache } from './watch-cache.ts';

/** Options of {@link runOperator}. */
export interface RunOperatorOptions {
  config: OperatorConfig;
  kc: KubeConfig;
  log: JsonLogger;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  /** How long `--once` waits for the informers to sync. */
  syncTimeoutMs?: number;
}

/** A running operator. */
export interface RunningOperator {
  /** `--once`: resolves with the exit code after one report per scope. Long-running: never resolves. */
  done: Promise<number>;
  /** The ops server's port (`/healthz`, `/readyz`, `/metrics`), or null without one. */
  opsPort: number | null;
  metrics: OperatorMetrics;
  /** SIGTERM: a final report of every scope with an unreported change, then everything stops. */
  shutdown(timeoutMs: number): Promise<void>;
}

/**
 * Wires the operator: discovery → informers → report scheduler → worker client, plus the ops server.
 * The entry point (`main.ts`) only parses the configuration and handles signals.
 *
 * @example const running = await runOperator({ config, kc, log }); process.exitCode = await running.done;
 */
export async function runOperator({
  config,
  kc,
  log,
  fetch: fetchFn = fetch,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  syncTimeoutMs = 120_000,
}: RunOperatorOptions): Promise<RunningOperator> {
  const metrics = createOperatorMetrics();
  const budget = createRateBudget({ now });
  const client = createReportClient({
    apiUrl: config.apiUrl,
    apiKey: config.apiKey,
    budget,
    fetch: fetchFn,
    now,
    onRequest: ({ path, bytes }) => {
      if (path.endsWith('/report')) metrics.bytesSent.inc(bytes);
    },
  });
  let hasher: Promise<SecretHasher> | undefined;
  const getHasher = () => {
    hasher ??= client.fetchHasher().catch((error) => {
      hasher = undefined;
      throw error;
    });
    return hasher;
  };

  const namespaceMode = !config.namespaces.includes('*');
  const kinds = await discoverKinds(kc, {
    includeKinds: config.includeKinds,
    excludeKinds: config.excludeKinds,
    namespacedOnly: namespaceMode,
    onSkip: (groupVersion, reason) => log.warn('discovery skipped a group', { groupVersion, reason }),
  });
  log.info('watching kinds', { kinds: kinds.map((kind) => kind.kind).join(','), count: kinds.length });

  let scheduler: ReturnType<typeof createReportScheduler> | undefined;
  const cache = createWatchCache({
    kc,
    kinds,
    namespaces: config.namespaces,
    includeControllerOwned: config.includeControllerOwned,
    region: config.region,
    // The initial lists deliver every object as an `add`: only changes after the sync are changes.
    onChange: (namespace) => {
      if (cache.synced()) scheduler?.changed(namespace);
    },
    onError: (kind, error, retryInMs) =>
      log.warn('watch failed, retrying', { kind: kind.kind, error: error.message.slice(0, 200), retryInMs }),
  });

  const sendScope = async (scope: string): Promise<SendOutcome> => {
    const objects = cache.objects(scope);
    const needsKey = objects.some((object) => object.secret !== undefined);
    const resources = scopeResources(objects, {
      region: config.region,
      hasher: needsKey ? await getHasher() : undefined,
    });
    const { bodies, oversized } = buildReportBodies(resources, {
      clusterId: config.clusterId,
      namespace: scope,
      maxBodyBytes: config.maxBodyBytes,
      newBatchId: newId,
    });
    if (oversized.length > 0)
      log.warn('objects larger than a body left out', { scope, uids: oversized.join(',') });
    return client.send(bodies);
  };

  const record = (scope: string, outcome: SendOutcome, ms: number) => {
    metrics.reportSeconds.observe(ms / 1000);
    if (outcome.kind === 'sent') {
      metrics.reports.inc({ outcome: 'sent' });
      metrics.lastSuccess.set(now() / 1000);
      log.info('report sent', {
        scope,
        reportId: outcome.reportId,
        resources: outcome.resourceCount,
        bytes: outcome.bytes,
        ms,
      });
    } else if (outcome.kind === 'rate_limited') {
      metrics.reports.inc({ outcome: 'rate_limited' });
      log.warn('report rate limited', { scope, retryAfterMs: outcome.retryAfterMs });
    } else {
      metrics.reports.inc({ outcome: 'failed' });
      log.warn('report failed', {
        scope,
        reason: outcome.kind === 'failed' ? outcome.reason : 'unknown secret hash key id',
      });
    }
  };

  cache.start();

  if (config.once) {
    const done = (async () => {
      const synced = await Promise.race([
        cache.whenSynced().then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), syncTimeoutMs).unref()),
      ]);
      if (!synced) throw new Error(`the informers did not sync within ${syncTimeoutMs / 1000} s`);
      for (const scope of config.namespaces) {
        // A 429 waits for its Retry-After (the budget blocks), an unknown key id refetches the key: bounded.
        for (let attempt = 1; ; attempt++) {
          const started = now();
          const outcome = await sendScope(scope);
          record(scope, outcome, now() - started);
          if (outcome.kind === 'sent') break;
          if (outcome.kind === 'unknown_key') hasher = undefined;
          if (outcome.kind === 'failed' || attempt >= 5)
            throw new Error(
              outcome.kind === 'failed'
                ? outcome.reason
                : `scope ${scope}: ${outcome.kind} after ${attempt} attempts`,
            );
        }
      }
      return 0;
    })().finally(() => cache.stop());
    return { done, opsPort: null, metrics, shutdown: async () => cache.stop() };
  }

  scheduler = createReportScheduler({
    scopes: config.namespaces,
    send: sendScope,
    onUnknownKey: () => {
      hasher = undefined;
    },
    onOutcome: record,
    intervalMs: config.intervalSeconds * 1000,
    now,
  });
  let server: Server | undefined;
  if (config.metricsPort >= 0)
    server = await startOpsServer({
      port: config.metricsPort,
      ready: cache.synced,
      registry: metrics.registry,
      beforeScrape: () => {
        for (const [kind, count] of cache.counts()) metrics.objectsWatched.set({ kind }, count);
      },
    });
  void cache.whenSynced().then(() => {
    log.info('informers synced', { objects: [...cache.counts().values()].reduce((a, b) => a + b, 0) });
    scheduler?.start();
  });
  return {
    done: new Promise<number>(() => {}),
    opsPort: server === undefined ? null : (server.address() as AddressInfo).port,
    metrics,
    async shutdown(timeoutMs) {
      const pending = scheduler?.pending() ?? false;
      if (pending) log.info('final report before exit');
      await scheduler?.flush(timeoutMs);
      cache.stop();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    },
  };
}

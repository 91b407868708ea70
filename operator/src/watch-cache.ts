// client-node's modules by path, not its index: the index loads the whole generated API (see build.mjs).
import { ListWatch } from '@kubernetes/client-node/dist/cache.js';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { KubernetesObject } from '@kubernetes/client-node/dist/types.js';
import { Watch } from '@kubernetes/client-node/dist/watch.js';
import { backoffDelay } from './backoff-delay.ts';
import { type CompactObject, compactObject } from './compact-object.ts';
import { KubeHttpError, kubeGet } from './kube-get.ts';
import type { KubeObject } from './kube-object.ts';
import { kindPath, type WatchedKind } from './watched-kind.ts';

/** Options of {@link createWatchCache}. */
export interface WatchCacheOptions {
  kc: KubeConfig;
  kinds: WatchedKind[];
  /** `['*']`: watch across namespaces; else one informer per kind and namespace. */
  namespaces: string[];
  includeControllerOwned?: boolean;
  /** Sent as each resource's `region` (part of the serialized form the cache keeps). */
  region?: string | undefined;
  /** Page size of the initial lists (the API server's `limit`). */
  pageSize?: number;
  /** Called after an object that is reported changed: its namespace, `''` for cluster-scoped. */
  onChange?: (namespace: string) => void;
  onError?: (kind: WatchedKind, error: Error, retryInMs: number) => void;
  random?: () => number;
}

/** The watch cache; see {@link createWatchCache}. */
export interface WatchCache {
  /** Starts every informer (list, then watch); resolves at once, see {@link WatchCache.synced}. */
  start(): void;
  /** True once every informer has listed its objects. */
  synced(): boolean;
  /** Resolves once synced. */
  whenSynced(): Promise<void>;
  /** The reportable objects of a scope (`*` or a namespace), in no particular order. */
  objects(scope: string): CompactObject[];
  /** Objects held per kind (for the `objects watched` metric). */
  counts(): Map<string, number>;
  stop(): void;
}

// Asks for BOOKMARK events (client-node's ListWatch sends only the resourceVersion) and a server-side
// timeout, so a quiet watch is renewed by the server with a fresh resourceVersion rather than dropped.
// Hands the ListWatch each object of an ADDED / MODIFIED / DELETED event in its compact form: the parsed
// object is garbage as soon as the event is handled. BOOKMARK and ERROR objects pass as they are (the
// ListWatch reads their resourceVersion and their code).
class CompactingWatch extends Watch {
  private readonly onStart: () => void;
  private readonly compact: (object: KubeObject) => CompactObject;
  constructor(kc: KubeConfig, onStart: () => void, compact: (object: KubeObject) => CompactObject) {
    super(kc);
    this.onStart = onStart;
    this.compact = compact;
    // Longer than the server-side timeoutSeconds below: the server ends the watch, not the client.
    (this as unknown as { requestTimeoutMs: number }).requestTimeoutMs = 330_000;
  }
  override watch(
    path: string,
    queryParams: Record<string, unknown>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    // ListWatch calls watch() after each (re)list has been applied: the informer holds its objects now.
    this.onStart();
    return super.watch(
      path,
      { ...queryParams, allowWatchBookmarks: true, timeoutSeconds: 300 },
      (phase, apiObj) =>
        callback(
          phase,
          phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED'
            ? this.compact(apiObj as KubeObject)
            : apiObj,
        ),
      done,
    );
  }
}

interface Informer {
  kind: WatchedKind;
  listWatch: ListWatch<KubernetesObject>;
  synced: boolean;
  failures: number;
}

/**
 * Informers for every watched kind (client-node's `ListWatch`: list, then watch from its resourceVersion;
 * a 410 Gone relists; BOOKMARKs move the resourceVersion), with paginated lists and reconnects with
 * jittered backoff after an error. Controller-owned objects are dropped at the source: they never trigger a
 * report and never appear in {@link WatchCache.objects}, unless `includeControllerOwned`. The informers hold
 * each object in its compact, serialized form ({@link compactObject}), converted page by page as lists
 * arrive and event by event: never a whole kind's parsed objects at once.
 *
 * @example const cache = createWatchCache({ kc, kinds, namespaces: ['*'] }); cache.start(); await cache.whenSynced();
 */
export function createWatchCache({
  kc,
  kinds,
  namespaces,
  includeControllerOwned = false,
  region,
  pageSize = 500,
  onChange = () => {},
  onError = () => {},
  random = Math.random,
}: WatchCacheOptions): WatchCache {
  const informers: Informer[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((resolve) => {
    resolveSynced = resolve;
  });
  const checkSynced = () => {
    if (informers.every((informer) => informer.synced)) resolveSynced();
  };

  const listAll = async (path: string, compact: (object: KubeObject) => CompactObject) => {
    // A continue token expires (410) if the list takes too long: start the list over, as client-go does.
    for (let attempt = 0; ; attempt++) {
      try {
        const items: CompactObject[] = [];
        let resourceVersion = '';
        let token = '';
        do {
          const query = new URLSearchParams({ limit: String(pageSize) });
          if (token !== '') query.set('continue', token);
          const page = await kubeGet<{
            metadata?: { resourceVersion?: string; continue?: string };
            items?: KubeObject[];
          }>(kc, `${path}?${query}`);
          for (const item of page.items ?? []) items.push(compact(item));
          resourceVersion = page.metadata?.resourceVersion ?? '';
          token = page.metadata?.continue ?? '';
        } while (token !== '');
        return { metadata: { resourceVersion }, items };
      } catch (error) {
        if (!(error instanceof KubeHttpError && error.statusCode === 410) || attempt >= 3) throw error;
      }
    }
  };

  const scopes = namespaces.includes('*') ? [undefined] : namespaces;
  for (const kind of kinds) {
    for (const namespace of kind.namespaced ? scopes : [undefined]) {
      const path = kindPath(kind, namespace);
      const informer = { kind, synced: false, failures: 0 } as Informer;
      const compact = (object: KubeObject) => compactObject(object, kind, { region, includeControllerOwned });
      const watch = new CompactingWatch(
        kc,
        () => {
          informer.failures = 0;
          if (!informer.synced) {
            informer.synced = true;
            checkSynced();
          }
        },
        compact,
      );
      informer.listWatch = new ListWatch(path, watch, () => listAll(path, compact) as never, false);
      const changed = (object: KubernetesObject) => {
        if ((object as unknown as CompactObject).reportable) onChange(object.metadata?.namespace ?? '');
      };
      informer.listWatch.on('add', changed);
      informer.listWatch.on('update', changed);
      informer.listWatch.on('delete', changed);
      informer.listWatch.on('error', (error: unknown) => {
        if (stopped) return;
        informer.failures += 1;
        const delay = backoffDelay(informer.failures, { baseMs: 1000, maxMs: 30_000, random });
        onError(kind, error as Error, delay);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) void informer.listWatch.start();
        }, delay);
        timers.add(timer);
      });
      informers.push(informer);
    }
  }

  return {
    start() {
      for (const informer of informers) void informer.listWatch.start();
      checkSynced();
    },
    synced: () => informers.every((informer) => informer.synced),
    whenSynced: () => syncedPromise,
    objects(scope) {
      const out: CompactObject[] = [];
      for (const { kind, listWatch } of informers) {
        if (scope !== '*' && !kind.namespaced) continue;
        for (const object of listWatch.list(scope === '*' ? undefined : scope)) {
          const compact = object as unknown as CompactObject;
          if (compact.reportable) out.push(compact);
        }
      }
      return out;
    },
    counts() {
      const counts = new Map<string, number>();
      for (const { kind, listWatch } of informers)
        counts.set(kind.kind, (counts.get(kind.kind) ?? 0) + listWatch.list().length);
      return counts;
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      for (const { listWatch } of informers) void listWatch.stop();
    },
  };
}

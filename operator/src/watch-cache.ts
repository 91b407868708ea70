import { type KubeConfig, type KubernetesObject, ListWatch, Watch } from '@kubernetes/client-node';
import { backoffDelay } from './backoff-delay.ts';
import { KubeHttpError, kubeGet } from './kube-get.ts';
import { isControllerOwned, type KubeObject } from './kube-object.ts';
import { kindPath, type WatchedKind } from './watched-kind.ts';

/** One object of the cache, with the kind discovery gave it (list items carry no `kind`). */
export interface CachedObject {
  kind: WatchedKind;
  object: KubeObject;
}

/** Options of {@link createWatchCache}. */
export interface WatchCacheOptions {
  kc: KubeConfig;
  kinds: WatchedKind[];
  /** `['*']`: watch across namespaces; else one informer per kind and namespace. */
  namespaces: string[];
  includeControllerOwned?: boolean;
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
  objects(scope: string): CachedObject[];
  /** Objects held per kind (for the `objects watched` metric). */
  counts(): Map<string, number>;
  stop(): void;
}

// Asks for BOOKMARK events (client-node's ListWatch sends only the resourceVersion) and a server-side
// timeout, so a quiet watch is renewed by the server with a fresh resourceVersion rather than dropped.
class BookmarkWatch extends Watch {
  private readonly onStart: () => void;
  constructor(kc: KubeConfig, onStart: () => void) {
    super(kc);
    this.onStart = onStart;
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
      callback,
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

function isReportable(object: KubeObject, includeControllerOwned: boolean): boolean {
  if (!includeControllerOwned && isControllerOwned(object)) return false;
  // Service-account token Secrets are written by the control plane and are pure credentials: never sent.
  if (object.type === 'kubernetes.io/service-account-token') return false;
  return true;
}

/**
 * Informers for every watched kind (client-node's `ListWatch`: list, then watch from its resourceVersion;
 * a 410 Gone relists; BOOKMARKs move the resourceVersion), with paginated lists and reconnects with
 * jittered backoff after an error. Controller-owned objects are dropped at the source: they never trigger a
 * report and never appear in {@link WatchCache.objects}, unless `includeControllerOwned`.
 *
 * @example const cache = createWatchCache({ kc, kinds, namespaces: ['*'] }); cache.start(); await cache.whenSynced();
 */
export function createWatchCache({
  kc,
  kinds,
  namespaces,
  includeControllerOwned = false,
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

  const listAll = async (path: string) => {
    // A continue token expires (410) if the list takes too long: start the list over, as client-go does.
    for (let attempt = 0; ; attempt++) {
      try {
        const items: KubernetesObject[] = [];
        let resourceVersion = '';
        let token = '';
        do {
          const query = new URLSearchParams({ limit: String(pageSize) });
          if (token !== '') query.set('continue', token);
          const page = await kubeGet<{
            metadata?: { resourceVersion?: string; continue?: string };
            items?: KubernetesObject[];
          }>(kc, `${path}?${query}`);
          items.push(...(page.items ?? []));
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
      const watch = new BookmarkWatch(kc, () => {
        informer.failures = 0;
        if (!informer.synced) {
          informer.synced = true;
          checkSynced();
        }
      });
      informer.listWatch = new ListWatch(path, watch, () => listAll(path) as never, false);
      const changed = (object: KubernetesObject) => {
        if (isReportable(object as KubeObject, includeControllerOwned))
          onChange(object.metadata?.namespace ?? '');
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
      const out: CachedObject[] = [];
      for (const { kind, listWatch } of informers) {
        if (scope !== '*' && !kind.namespaced) continue;
        for (const object of listWatch.list(scope === '*' ? undefined : scope)) {
          if (isReportable(object as KubeObject, includeControllerOwned))
            out.push({ kind, object: object as KubeObject });
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

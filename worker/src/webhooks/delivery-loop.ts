import type { Store } from '../store/store.ts';
import type { ResolveHost } from './check-webhook-url.ts';
import { dispatchDeliveries } from './dispatch-deliveries.ts';
import { isLocalMode } from './local-mode.ts';

/** Options of {@link startDeliveryLoop}. */
export interface DeliveryLoopOptions {
  store: Store;
  /** Reads a variable of the environment (`API_KEY_PEPPER`, `LOCAL_MODE`, `WEBHOOK_*`). */
  env: (name: string) => string | undefined;
  resolve: ResolveHost;
}

/**
 * The Node and Deno dispatcher of the webhook outbox (what the Durable Object's alarm is on Workers): an
 * interval over the same table, every `WEBHOOK_DISPATCH_INTERVAL_MS` (default 5 s), one run at a time. A
 * slow receiver holds only this loop, never a report (each attempt times out). Returns the stop function.
 *
 * @example
 * const stop = startDeliveryLoop({ store, env: (n) => process.env[n], resolve });
 */
export function startDeliveryLoop(options: DeliveryLoopOptions): () => void {
  const { store, env, resolve } = options;
  const retryBase = env('WEBHOOK_RETRY_BASE_MS');
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await dispatchDeliveries({
        store,
        pepper: env('API_KEY_PEPPER'),
        localMode: isLocalMode({ LOCAL_MODE: env('LOCAL_MODE') }),
        resolve,
        ...(retryBase ? { retryBaseMs: Number(retryBase) } : {}),
      });
    } catch (error) {
      console.error('webhook dispatch failed', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, Number(env('WEBHOOK_DISPATCH_INTERVAL_MS') || 5000));
  // The timer alone does not keep a Node process alive (Deno's timers have no unref: its server does).
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}

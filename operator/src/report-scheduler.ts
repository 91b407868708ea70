import { backoffDelay } from './backoff-delay.ts';
import type { SendOutcome } from './report-client.ts';

/** Options of {@link createReportScheduler}. */
export interface ReportSchedulerOptions {
  /** `*` or namespaces: one report each. */
  scopes: string[];
  /** Sends the newest snapshot of a scope (builds the bodies at call time, then POSTs them). */
  send: (scope: string) => Promise<SendOutcome>;
  /** Called when the worker did not know the hash key's id: forget the key, the next send refetches it. */
  onUnknownKey?: () => void;
  onOutcome?: (scope: string, outcome: SendOutcome, ms: number) => void;
  intervalMs?: number;
  /** At most one report per scope per this many ms, however often the cluster changes. */
  minGapMs?: number;
  /** How long to wait after a change for more changes of the same burst. */
  debounceMs?: number;
  now?: () => number;
  random?: () => number;
}

/** The scheduler; see {@link createReportScheduler}. */
export interface ReportScheduler {
  /** Starts the periodic reports: every scope now, then every interval. */
  start(): void;
  /** An object of `namespace` (`''` = cluster-scoped) changed: report its scopes soon. */
  changed(namespace: string): void;
  /** True while a change has not been reported yet. */
  pending(): boolean;
  /** Sends every scope with an unreported change now (SIGTERM), within `timeoutMs`. */
  flush(timeoutMs: number): Promise<void>;
  stop(): void;
}

interface ScopeState {
  scope: string;
  dueAt: number;
  lastSentAt: number;
  dirty: boolean;
  failures: number;
}

/**
 * When each scope is reported: every interval from the watch cache, and soon after a change — debounced,
 * and never twice within `minGapMs` for one scope. There is no queue: a send always builds the newest
 * snapshot, so a failed report is retried with whatever the cluster holds by then. After a 429 the scope
 * waits for `Retry-After`; after other failures, jittered exponential backoff. Scopes are sent one at a
 * time (the rate budget is per IP, shared by all of them).
 *
 * @example createReportScheduler({ scopes: ['*'], send: (scope) => client.send(build(scope)) }).start()
 */
export function createReportScheduler({
  scopes,
  send,
  onUnknownKey = () => {},
  onOutcome = () => {},
  intervalMs = 30_000,
  minGapMs = 5000,
  debounceMs = 1000,
  now = Date.now,
  random = Math.random,
}: ReportSchedulerOptions): ReportScheduler {
  const states = scopes.map(
    (scope): ScopeState => ({ scope, dueAt: Infinity, lastSentAt: -Infinity, dirty: false, failures: 0 }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || running !== undefined) return;
    if (timer !== undefined) clearTimeout(timer);
    const next = Math.min(...states.map((state) => state.dueAt));
    if (next === Infinity) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        running = runDue().finally(() => {
          running = undefined;
          schedule();
        });
      },
      Math.max(0, next - now()),
    );
  };

  const sendScope = async (state: ScopeState) => {
    const started = now();
    // Cleared before the send: a change during the send marks the scope again.
    state.dirty = false;
    let outcome: SendOutcome;
    try {
      outcome = await send(state.scope);
    } catch (error) {
      outcome = { kind: 'failed', reason: (error as Error).message, retryable: true };
    }
    const at = now();
    onOutcome(state.scope, outcome, at - started);
    if (outcome.kind === 'sent') {
      state.failures = 0;
      state.lastSentAt = at;
      state.dueAt = state.dirty ? Math.max(at + debounceMs, at + minGapMs) : at + intervalMs;
      return;
    }
    state.dirty = true;
    if (outcome.kind === 'rate_limited') state.dueAt = at + Math.max(outcome.retryAfterMs, 1000);
    else if (outcome.kind === 'unknown_key') {
      onUnknownKey();
      state.failures += 1;
      state.dueAt = at + (state.failures > 1 ? backoffDelay(state.failures, { random }) : 0);
    } else {
      state.failures += 1;
      state.dueAt = at + backoffDelay(state.failures, { baseMs: 1000, maxMs: intervalMs * 4, random });
    }
  };

  const runDue = async () => {
    for (const state of states) {
      if (stopped) return;
      if (state.dueAt <= now()) await sendScope(state);
    }
  };

  return {
    start() {
      for (const state of states) state.dueAt = now();
      schedule();
    },
    changed(namespace) {
      const at = now();
      for (const state of states) {
        if (state.scope !== '*' && state.scope !== namespace) continue;
        state.dirty = true;
        state.dueAt = Math.min(state.dueAt, Math.max(at + debounceMs, state.lastSentAt + minGapMs));
      }
      schedule();
    },
    pending: () => states.some((state) => state.dirty),
    async flush(timeoutMs) {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      const work = (async () => {
        await running;
        for (const state of states) if (state.dirty) await sendScope(state);
      })();
      await Promise.race([work, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

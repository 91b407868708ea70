import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import type { WorkerEnv } from '../env.ts';
import * as schema from '../store/schema.ts';
import { SqlStore } from '../store/sql-store.ts';
import { dispatchDeliveries } from './dispatch-deliveries.ts';
import { dohResolver } from './doh-resolver.ts';
import { isLocalMode } from './local-mode.ts';

/**
 * The Workers dispatcher of the webhook outbox: one instance (`idFromName('outbox')`) whose alarm sends
 * the due deliveries and sets itself again for the next one. Ingest only calls {@link kick} (in
 * `waitUntil`, after the scan is written), so a slow receiver never delays a report. Alarms also run in
 * `wrangler dev`.
 */
export class WebhookDispatcher extends DurableObject<WorkerEnv> {
  /** Wakes the dispatcher now, unless an alarm is already due sooner. */
  async kick(): Promise<void> {
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > Date.now()) await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    if (!this.env.DB) return;
    const store = new SqlStore(drizzle(this.env.DB, { schema }));
    await dispatchDeliveries({
      store,
      pepper: this.env.API_KEY_PEPPER,
      localMode: isLocalMode(this.env),
      resolve: dohResolver(),
      ...(this.env.WEBHOOK_RETRY_BASE_MS ? { retryBaseMs: Number(this.env.WEBHOOK_RETRY_BASE_MS) } : {}),
    });
    const next = await store.nextDeliveryDue();
    if (next !== undefined) await this.ctx.storage.setAlarm(Math.max(Date.parse(next), Date.now() + 1000));
  }
}

import type { DriftSummary, DriftWarning, IacResource, IacResult, StateSourceInfo } from '@driftwise/core';
import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import type { BatchStore } from './batch-store.ts';
import { chunkBySize, SizeGroups } from './chunk-by-size.ts';
import { contentDefinedChunks } from './content-defined-chunks.ts';
import { driftItemKey } from './drift-item-key.ts';
import { type Externalized, externalizeText } from './externalize-text.ts';
import { NO_LINEAGE, NO_SERIAL, serialOf } from './no-serial.ts';
import { ObjectTooLargeError } from './object-too-large-error.ts';
import { partsReference } from './parts-reference.ts';
import type * as schema from './schema.ts';
import {
  apiKeys,
  baselineItems,
  baselines,
  cloudAccounts,
  driftChunks,
  driftEvents,
  driftSetChunks,
  driftSets,
  iacResources,
  ignoreRules,
  liveResources,
  members,
  orgs,
  reportBatches,
  scanIac,
  scanRuns,
  stateSources,
  valueParts,
  webhookAttempts,
  webhookDeliveries,
  webhooks,
} from './schema.ts';
import { splitText } from './split-text.ts';
import { SqlBatchStore } from './sql-batch-store.ts';
import { storableInteger } from './storable-integer.ts';
import type {
  ApiKeyRow,
  CloudAccountRow,
  DeliveryAttemptRow,
  DeliveryRow,
  DriftChunkSummary,
  DriftEventFilter,
  DriftPage,
  DriftPageQuery,
  DueDelivery,
  ListedDriftEvent,
  LiveHashes,
  MemberRole,
  MemberRow,
  OrgRow,
  ScanFilter,
  ScanRow,
  ScanWrite,
  StateSourceRow,
  Store,
  WebhookRow,
} from './store.ts';
import { utf8Length } from './utf8-length.ts';

/** Options of {@link SqlStore}. */
export interface SqlStoreOptions {
  /**
   * Bytes of JSON per statement. D1 allows 100 KB per statement and 100 bound parameters: bulk rows go
   * in as one JSON array parameter read with `json_each`, cut at this size.
   */
  chunkBytes?: number;
  /** Largest live object or IaC resource (bytes of JSON) the store keeps: CONTRACT "Limits", 4 MiB. */
  maxObjectBytes?: number;
  /** Drift chunk statements beyond this many bytes are written ahead of a scan's transaction (4 MB). */
  writeAheadBytes?: number;
  /** Pages in which a completing batch part reads the staged objects (see {@link SqlBatchStore}). */
  batchPage?: { rows: number; bytes: number };
}

type ScanRecord = typeof scanRuns.$inferSelect;

/**
 * Parsed IaC resources per state source version, kept for the isolate's life: a cluster reporting every
 * 30 s would otherwise read and parse its whole state on every report. The key holds the upload time, so a
 * new upload is a new key; the matcher only reads these objects.
 */
const iacCache = new Map<string, IacResource[]>();
const IAC_CACHE_ENTRIES = 32;

function cacheIac(key: string, resources: IacResource[]): void {
  if (iacCache.size >= IAC_CACHE_ENTRIES) iacCache.delete(iacCache.keys().next().value!);
  iacCache.set(key, resources);
}

/** A stored summary; scans stored before `accepted` existed count 0 there (no baseline could exist). */
function toSummary(json: string): DriftSummary {
  const {
    live,
    iac,
    in_sync,
    missing,
    extra,
    changed,
    accepted = 0,
    coverage,
  } = JSON.parse(json) as Omit<DriftSummary, 'accepted'> & { accepted?: number };
  // Rebuilt rather than spread so the keys come out in the CONTRACT's order.
  return { live, iac, in_sync, missing, extra, changed, accepted, coverage };
}

function toStateSourceRow(row: typeof stateSources.$inferSelect): StateSourceRow {
  return {
    ...row,
    ...serialOf(row.serial, row.lineage),
    skippedTypes: JSON.parse(row.skippedTypes) as Record<string, number>,
  };
}

function toScanRow(row: ScanRecord): ScanRow {
  return {
    seq: row.seq,
    id: row.id,
    orgId: row.orgId,
    clusterId: row.clusterId,
    namespace: row.namespace,
    createdAt: row.createdAt,
    resourceCount: row.resourceCount,
    summary: toSummary(row.summary),
    warnings: JSON.parse(row.warnings) as DriftWarning[],
    driftSetId: row.driftSetId,
    bodyHash: row.bodyHash,
    inputsHash: row.inputsHash,
    generateIac: row.generateIac,
    matchContext: row.matchContext,
  };
}

/** The live rows of one cluster's report scope. */
function liveScope(orgId: string, clusterId: string, scope: string) {
  return and(
    eq(liveResources.orgId, orgId),
    eq(liveResources.clusterId, clusterId),
    eq(liveResources.scope, scope),
  );
}

function toApiKeyRow(row: typeof apiKeys.$inferSelect): ApiKeyRow {
  return { ...row, scopes: JSON.parse(row.scopes) as string[] };
}

/**
 * A drizzle database of the worker's schema on an async SQLite driver: `drizzle-orm/d1` on Workers,
 * `drizzle-orm/libsql` on Node and Deno. Both run `db.batch` as one transaction.
 */
export type SqlDatabase = BaseSQLiteDatabase<'async', unknown, typeof schema> & {
  batch(statements: readonly [Statement, ...Statement[]]): Promise<readonly unknown[]>;
};

type Statement = BatchItem<'sqlite'>;

/**
 * The {@link Store} on SQLite through drizzle: the same class on D1 and on libSQL (`new SqlStore(drizzle(…))`
 * with either driver), and `db.batch` (one transaction) wherever a request writes more than one row, so a
 * failure at any step stores nothing. Bulk writes are `sql` statements over `json_each` (see
 * docs/data-model.md, "D1 limits"); everything else is drizzle's query builder.
 *
 * @example
 * const store = new SqlStore(drizzle(env.DB, { schema })); // or drizzle(libsqlClient, { schema })
 */
export class SqlStore implements Store {
  readonly #db: SqlDatabase;
  readonly #chunkBytes: number;
  readonly #maxObjectBytes: number;
  readonly #writeAheadBytes: number;
  readonly batches: BatchStore;

  constructor(db: SqlDatabase, options: SqlStoreOptions = {}) {
    this.#db = db;
    this.#chunkBytes = options.chunkBytes ?? 90_000;
    this.#maxObjectBytes = options.maxObjectBytes ?? 4 * 1024 * 1024;
    // A 5,000-item drift (~1.5 MB of chunks) still lands in the scan's one transaction.
    this.#writeAheadBytes = options.writeAheadBytes ?? 4_000_000;
    this.batches = new SqlBatchStore(db, { chunkBytes: this.#chunkBytes, page: options.batchPage });
  }

  /** See {@link externalizeText}. */
  #externalize(
    orgId: string,
    json: string,
    options?: { asString?: boolean; reserve?: number },
  ): Promise<Externalized> {
    return externalizeText(orgId, json, this.#chunkBytes, options);
  }

  /** CONTRACT "Limits": a single object over 4 MiB (of JSON) is a 413, before anything is written. */
  #checkObjectSize(resourceId: string, ...objects: string[]): void {
    const bytes = Math.max(...objects.map(utf8Length));
    if (bytes > this.#maxObjectBytes) throw new ObjectTooLargeError(resourceId, bytes, this.#maxObjectBytes);
  }

  /** Statements writing parts (content-addressed, so `INSERT OR IGNORE`), each only when `guard` holds. */
  #partStatements(orgId: string, parts: string[], guard: SQL): Statement[] {
    return chunkBySize(parts, this.#chunkBytes).map((group) =>
      this.#db
        .insert(valueParts)
        .select(
          sql`SELECT ${orgId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
            FROM json_each(${`[${group.join(',')}]`}) WHERE ${guard}`,
        )
        .onConflictDoNothing(),
    );
  }

  /** Column values back to their texts: parts references are read from `value_parts` and joined. */
  async #resolve(orgId: string, values: string[]): Promise<string[]> {
    const ids = [...new Set(values.flatMap((value) => partsReference.parse(value)?.id ?? []))];
    if (ids.length === 0) return values;
    const results = await this.#db.all<{ id: string; text: string }>(
      sql`SELECT id, text FROM value_parts WHERE org_id = ${orgId}
        AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY id, position`,
    );
    const texts = new Map<string, string[]>();
    for (const row of results) {
      const pieces = texts.get(row.id) ?? [];
      pieces.push(row.text);
      texts.set(row.id, pieces);
    }
    return values.map((value) => {
      const reference = partsReference.parse(value);
      if (!reference) return value;
      const pieces = texts.get(reference.id);
      if (pieces?.length !== reference.count)
        throw new Error(`value_parts ${reference.id}: ${pieces?.length ?? 0} of ${reference.count} parts`);
      return pieces.join('');
    });
  }

  async createOrg(org: OrgRow): Promise<void> {
    await this.#db.insert(orgs).values(org);
  }

  async getOrg(id: string): Promise<OrgRow | undefined> {
    return this.#db.select().from(orgs).where(eq(orgs.id, id)).get();
  }

  async listOrgs(): Promise<OrgRow[]> {
    return this.#db.select().from(orgs).orderBy(asc(orgs.createdAt), asc(orgs.id)).all();
  }

  async createApiKey(key: ApiKeyRow): Promise<void> {
    await this.#db.insert(apiKeys).values({ ...key, scopes: JSON.stringify(key.scopes) });
  }

  async listApiKeys(orgId: string): Promise<ApiKeyRow[]> {
    const rows = await this.#db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.orgId, orgId))
      .orderBy(apiKeys.createdAt, apiKeys.id)
      .all();
    return rows.map(toApiKeyRow);
  }

  async findApiKeysByPrefix(prefix: string): Promise<ApiKeyRow[]> {
    const rows = await this.#db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).all();
    return rows.map(toApiKeyRow);
  }

  async revokeApiKey(orgId: string, keyId: string, at: string): Promise<boolean> {
    const key = await this.#db
      .select({ revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)))
      .get();
    if (!key) return false;
    if (key.revokedAt === null) {
      await this.#db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
    }
    return true;
  }

  async touchApiKey(keyId: string, at: string, olderThan: string): Promise<void> {
    await this.#db
      .update(apiKeys)
      .set({ lastUsedAt: at })
      .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, olderThan))));
  }

  async listCloudAccounts(orgId: string): Promise<CloudAccountRow[]> {
    return this.#db
      .select({
        id: cloudAccounts.id,
        provider: cloudAccounts.provider,
        externalId: cloudAccounts.externalId,
        createdAt: cloudAccounts.createdAt,
      })
      .from(cloudAccounts)
      .where(eq(cloudAccounts.orgId, orgId))
      .orderBy(cloudAccounts.createdAt, cloudAccounts.id)
      .all();
  }

  async getStateSource(orgId: string, name: string): Promise<StateSourceRow | undefined> {
    const row = await this.#db
      .select()
      .from(stateSources)
      .where(and(eq(stateSources.orgId, orgId), eq(stateSources.name, name)))
      .get();
    return row ? toStateSourceRow(row) : undefined;
  }

  async listStateSources(orgId: string): Promise<StateSourceRow[]> {
    const rows = await this.#db
      .select()
      .from(stateSources)
      .where(eq(stateSources.orgId, orgId))
      .orderBy(stateSources.name)
      .all();
    return rows.map(toStateSourceRow);
  }

  async putStateSource(
    source: StateSourceRow,
    resources: IacResource[],
  ): Promise<StateSourceRow | undefined> {
    // One batch (one transaction), so the stale-state check and the write cannot interleave with another
    // upload's (issue 7, defect 4). The upsert itself carries the check: it leaves a row of the same lineage
    // and a higher serial alone. Every later statement finds the row by name and by this upload's own
    // lineage, serial and time, so it writes only when the upsert did, and under the row's real id (two first
    // uploads race on the id: the loser's id was never stored).
    // `terraform show -json` has no serial or lineage: stored as the NO_SERIAL marker (no-serial.ts).
    const serial = source.serial === null ? NO_SERIAL : storableInteger('serial', source.serial);
    const lineage = source.serial === null ? NO_LINEAGE : (source.lineage ?? NO_LINEAGE);
    const mine = sql`SELECT id FROM state_sources WHERE org_id = ${source.orgId} AND name = ${source.name}
      AND lineage = ${lineage} AND serial = ${serial} AND updated_at = ${source.updatedAt}`;
    const statements: Statement[] = [
      this.#db
        .insert(stateSources)
        .values({
          ...source,
          serial,
          lineage,
          skippedTypes: JSON.stringify(source.skippedTypes),
          resourceCount: storableInteger('resource_count', source.resourceCount),
          k8sResourceCount: storableInteger('k8s_resource_count', source.k8sResourceCount),
        })
        .onConflictDoUpdate({
          target: [stateSources.orgId, stateSources.name],
          set: {
            clusterId: sql`excluded.cluster_id`,
            serial: sql`excluded.serial`,
            lineage: sql`excluded.lineage`,
            terraformVersion: sql`excluded.terraform_version`,
            resourceCount: sql`excluded.resource_count`,
            k8sResourceCount: sql`excluded.k8s_resource_count`,
            skippedTypes: sql`excluded.skipped_types`,
            updatedAt: sql`excluded.updated_at`,
          },
          // Only a real serial can be stale: a show -json upload (NO_SERIAL) replaces whatever is stored,
          // and a stored NO_SERIAL is below every real serial, so any state file replaces it too.
          setWhere: sql`NOT (excluded.serial <> ${NO_SERIAL} AND ${stateSources.lineage} = excluded.lineage
            AND excluded.serial < ${stateSources.serial})`,
        }),
      this.#db.delete(iacResources).where(sql`${iacResources.stateSourceId} = (${mine})`),
    ];
    const stored = await Promise.all(
      resources.map(async (resource) => {
        // The object is what Terraform declares or records of it; the stored resource holds both views.
        this.#checkObjectSize(
          resource.id,
          JSON.stringify(resource.declared),
          JSON.stringify(resource.recorded),
        );
        const data = await this.#externalize(source.orgId, JSON.stringify(resource));
        return { element: `[${JSON.stringify(resource.id)},${data.element}]`, parts: data.parts };
      }),
    );
    let position = 0;
    for (const chunk of chunkBySize(
      stored.map((resource) => resource.element),
      this.#chunkBytes,
    )) {
      statements.push(
        this.#db.insert(iacResources).select(
          sql`SELECT s.id, ${position} + CAST(j.key AS INTEGER), json_extract(j.value, '$[0]'),
              json_extract(j.value, '$[1]') FROM (${mine}) AS s, json_each(${`[${chunk.join(',')}]`}) AS j`,
        ),
      );
      position += chunk.length;
    }
    statements.push(
      ...this.#partStatements(
        source.orgId,
        stored.flatMap((resource) => resource.parts),
        sql`EXISTS (${mine})`,
      ),
    );
    // Read in the same transaction: did the upsert write this upload, or leave a newer one alone?
    statements.push(this.#db.select({ id: stateSources.id }).from(stateSources).where(sql`id = (${mine})`));
    const results = await this.#db.batch(statements as [Statement, ...Statement[]]);
    if ((results.at(-1) as unknown[]).length > 0) return undefined;
    return this.getStateSource(source.orgId, source.name);
  }

  async deleteStateSource(orgId: string, name: string): Promise<boolean> {
    const deleted = await this.#db
      .delete(stateSources)
      .where(and(eq(stateSources.orgId, orgId), eq(stateSources.name, name)))
      .returning({ id: stateSources.id });
    return deleted.length > 0;
  }

  async listIacResources(orgId: string, clusterId: string): Promise<IacResource[]> {
    const sources = await this.#applicableSources(orgId, clusterId);
    const keyOf = (source: (typeof sources)[number]) =>
      `${source.id}|${source.lineage}|${source.serial}|${source.updatedAt}`;
    const missing = sources.filter((source) => !iacCache.has(keyOf(source)));
    if (missing.length > 0) {
      const rows = await this.#db
        .select({ stateSourceId: iacResources.stateSourceId, data: iacResources.data })
        .from(iacResources)
        .where(
          inArray(
            iacResources.stateSourceId,
            missing.map((source) => source.id),
          ),
        )
        .orderBy(iacResources.stateSourceId, iacResources.position)
        .all();
      const texts = await this.#resolve(
        orgId,
        rows.map((row) => row.data),
      );
      for (const source of missing) {
        const resources = texts
          .filter((_, i) => rows[i]!.stateSourceId === source.id)
          .map((text) => JSON.parse(text) as IacResource);
        cacheIac(keyOf(source), resources);
      }
    }
    return sources.flatMap((source) => iacCache.get(keyOf(source)) ?? []);
  }

  async applicableStateSources(orgId: string, clusterId: string): Promise<StateSourceInfo[]> {
    const rows = await this.#applicableSources(orgId, clusterId);
    return rows.map((row) => ({
      name: row.name,
      skipped: JSON.parse(row.skippedTypes) as Record<string, number>,
    }));
  }

  #applicableSources(orgId: string, clusterId: string) {
    return this.#db
      .select({
        id: stateSources.id,
        name: stateSources.name,
        skippedTypes: stateSources.skippedTypes,
        lineage: stateSources.lineage,
        serial: stateSources.serial,
        updatedAt: stateSources.updatedAt,
      })
      .from(stateSources)
      .where(
        and(
          eq(stateSources.orgId, orgId),
          or(eq(stateSources.clusterId, clusterId), isNull(stateSources.clusterId)),
        ),
      )
      .orderBy(stateSources.name)
      .all();
  }

  async inputsFingerprint(orgId: string, clusterId: string): Promise<string> {
    const [sources, rules, accepted] = await Promise.all([
      this.#applicableSources(orgId, clusterId),
      this.#db
        .select({ updatedAt: ignoreRules.updatedAt })
        .from(ignoreRules)
        .where(eq(ignoreRules.orgId, orgId))
        .get(),
      // w2-history: a baseline accepted or withdrawn changes `accepted` and the summary of the next scan.
      this.#db
        .select({ namespace: baselines.namespace, scanId: baselines.scanId, at: baselines.acceptedAt })
        .from(baselines)
        .where(and(eq(baselines.orgId, orgId), eq(baselines.clusterId, clusterId)))
        .orderBy(baselines.namespace)
        .all(),
    ]);
    const parts = sources.map(
      (source) => `${source.id}|${source.lineage}|${source.serial}|${source.updatedAt}`,
    );
    // Without a baseline the text is what it was before baselines existed, so stored scans stay reusable.
    const baselineParts = accepted.map((row) => `\nbaseline|${row.namespace}|${row.scanId}|${row.at}`);
    return sha256Hex(`${parts.join('\n')}\nignore|${rules?.updatedAt ?? ''}${baselineParts.join('')}`);
  }

  async findScanByBodyHash(orgId: string, bodyHash: string): Promise<ScanRow | undefined> {
    const row = await this.#db
      .select()
      .from(scanRuns)
      .where(and(eq(scanRuns.orgId, orgId), eq(scanRuns.bodyHash, bodyHash)))
      .orderBy(desc(scanRuns.seq))
      .limit(1)
      .get();
    return row ? toScanRow(row) : undefined;
  }

  async repeatScan(previousId: string, scan: { id: string; createdAt: string }): Promise<boolean> {
    // RETURNING rather than a change count: the drivers report changes differently, rows alike.
    const inserted = await this.#db.all<{ id: string }>(
      sql`INSERT INTO scan_runs (id, org_id, cloud_account_id, cluster_id, namespace, created_at, resource_count,
          summary, warnings, drift_set_id, body_hash, inputs_hash, generate_iac, iac_format, custom_prompt,
          match_context)
        SELECT ${scan.id}, p.org_id, p.cloud_account_id, p.cluster_id, p.namespace, ${scan.createdAt},
          p.resource_count, p.summary, p.warnings, p.drift_set_id, p.body_hash, p.inputs_hash, p.generate_iac,
          p.iac_format, p.custom_prompt, p.match_context
        FROM scan_runs p
        WHERE p.id = ${previousId} AND p.seq = (SELECT MAX(seq) FROM scan_runs
          WHERE org_id = p.org_id AND cluster_id = p.cluster_id AND namespace = p.namespace)
        RETURNING id`,
    );
    return inserted.length > 0;
  }

  async getIgnoreRules(orgId: string): Promise<string | undefined> {
    const row = await this.#db
      .select({ text: ignoreRules.text })
      .from(ignoreRules)
      .where(eq(ignoreRules.orgId, orgId))
      .get();
    return row?.text;
  }

  async putIgnoreRules(orgId: string, text: string, at: string): Promise<void> {
    await this.#db
      .insert(ignoreRules)
      .values({ orgId, text, updatedAt: at })
      .onConflictDoUpdate({ target: ignoreRules.orgId, set: { text, updatedAt: at } });
  }

  async liveHashes(orgId: string, clusterId: string, scope: string): Promise<Map<string, LiveHashes>> {
    const rows = await this.#db
      .select({
        resourceId: liveResources.resourceId,
        contentHash: liveResources.contentHash,
        matchHash: liveResources.matchHash,
      })
      .from(liveResources)
      .where(liveScope(orgId, clusterId, scope))
      .all();
    return new Map(
      rows.map((row) => [row.resourceId, { contentHash: row.contentHash, matchHash: row.matchHash }]),
    );
  }

  async liveObject(
    orgId: string,
    clusterId: string,
    scope: string,
    resourceId: string,
  ): Promise<string | undefined> {
    const row = await this.#db
      .select({ object: liveResources.object })
      .from(liveResources)
      .where(and(liveScope(orgId, clusterId, scope), eq(liveResources.resourceId, resourceId)))
      .get();
    return row ? (await this.#resolve(orgId, [row.object]))[0] : undefined;
  }

  async writeScan(write: ScanWrite): Promise<boolean> {
    const { scan, cloudAccount, scope } = write;
    const db = this.#db;
    // Chunks of the scope's previous set are stored already: do not even send them.
    const known = new Set(
      (
        await db.all<{ chunk_id: string }>(
          sql`SELECT chunk_id FROM drift_set_chunks WHERE set_id = (SELECT drift_set_id FROM scan_runs
            WHERE org_id = ${scan.orgId} AND cluster_id = ${scan.clusterId} AND namespace = ${scan.namespace}
            ORDER BY seq DESC LIMIT 1)`,
        )
      ).map((row) => row.chunk_id),
    );
    const drift = await this.#driftSetStatements(scan.orgId, write.driftItems, known);

    const statements: Statement[] = [
      db
        .insert(cloudAccounts)
        .values({ ...cloudAccount, orgId: scan.orgId })
        .onConflictDoNothing({ target: [cloudAccounts.orgId, cloudAccounts.externalId] }),
      // The drift set and its chunks come first and unguarded: content-addressed, so a lost round leaves
      // only rows the purge drops; some chunks of a large drift were written before this transaction.
      ...drift.statements,
      // The version check: the scan row is inserted only while the newest scan of the scope is the one the
      // live state was read at, and only when every chunk of its set is stored (a purge between a chunk
      // written ahead and this transaction makes the round lost, and the next one writes it again); every
      // statement after it writes only if this row exists.
      // (Bulk writes are insert(…).select(sql) rather than db.run(sql): drizzle's D1 driver cannot batch
      // raw statements with parameters, drizzle-orm#2277. The select lists every column in schema order.)
      db.insert(scanRuns).select(
        sql`SELECT NULL, ${scan.id}, ${scan.orgId},
            (SELECT id FROM cloud_accounts WHERE org_id = ${scan.orgId} AND external_id = ${cloudAccount.externalId}),
            ${scan.clusterId}, ${scan.namespace}, ${scan.createdAt},
            ${storableInteger('resource_count', scan.resourceCount)}, ${JSON.stringify(scan.summary)},
            ${JSON.stringify(scan.warnings)}, ${drift.setId}, ${scan.bodyHash}, ${scan.inputsHash}, ${scan.generateIac ? 1 : 0}, ${scan.iacFormat},
            ${scan.customPrompt}, ${scan.matchContext}
          WHERE (SELECT MAX(seq) FROM scan_runs WHERE org_id = ${scan.orgId} AND cluster_id = ${scan.clusterId}
            AND namespace = ${scan.namespace}) IS ${write.expectedSeq}
            AND NOT EXISTS (SELECT 1 FROM drift_set_chunks d WHERE d.set_id = ${drift.setId}
              AND NOT EXISTS (SELECT 1 FROM drift_chunks c WHERE c.id = d.chunk_id AND c.org_id = ${scan.orgId}))`,
      ),
    ];
    const mine = sql`EXISTS (SELECT 1 FROM scan_runs WHERE id = ${scan.id})`;
    const parts: string[] = [];
    const upserts = await Promise.all(
      write.upserts.map(async (record) => {
        this.#checkObjectSize(record.resourceId, record.json);
        // As a JSON string: SQLite then reads the row's four values without parsing each object (see below).
        const object = await this.#externalize(scan.orgId, record.json, { asString: true });
        parts.push(...object.parts);
        return `[${JSON.stringify(record.resourceId)},"${record.contentHash}",${object.element},${JSON.stringify(record.matchHash)}]`;
      }),
    );
    for (const chunk of chunkBySize(upserts, this.#chunkBytes)) {
      statements.push(
        db
          .insert(liveResources)
          .select(
            sql`SELECT ${scan.orgId}, ${scan.clusterId}, ${scope},
              json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
              json_extract(value, '$[3]')
              FROM json_each(${`[${chunk.join(',')}]`}) WHERE ${mine}`,
          )
          .onConflictDoUpdate({
            target: [
              liveResources.orgId,
              liveResources.clusterId,
              liveResources.scope,
              liveResources.resourceId,
            ],
            set: {
              contentHash: sql`excluded.content_hash`,
              object: sql`excluded.object`,
              matchHash: sql`excluded.match_hash`,
            },
          }),
      );
    }
    // Issue 9: an unchanged object matched in another context keeps its row and gets its new match hash.
    for (const chunk of chunkBySize(
      write.matchHashes.map((entry) => JSON.stringify([entry.resourceId, entry.matchHash])),
      this.#chunkBytes,
    )) {
      statements.push(
        db
          .update(liveResources)
          .set({ matchHash: sql`json_extract(j.value, '$[1]')` })
          .from(sql`json_each(${`[${chunk.join(',')}]`}) AS j`)
          .where(
            sql`live_resources.org_id = ${scan.orgId} AND live_resources.cluster_id = ${scan.clusterId}
              AND live_resources.scope = ${scope} AND live_resources.resource_id = json_extract(j.value, '$[0]')
              AND ${mine}`,
          ),
      );
    }
    for (const chunk of chunkBySize(
      write.deletes.map((id) => JSON.stringify(id)),
      this.#chunkBytes,
    )) {
      statements.push(
        db.delete(liveResources).where(
          sql`org_id = ${scan.orgId} AND cluster_id = ${scan.clusterId} AND scope = ${scope}
              AND resource_id IN (SELECT value FROM json_each(${`[${chunk.join(',')}]`})) AND ${mine}`,
        ),
      );
    }
    statements.push(
      ...(await this.#eventStatements(write, mine, parts)),
      ...this.#deliveryStatements(write, mine),
    );
    statements.push(
      ...this.#partStatements(scan.orgId, parts, mine),
      ...(write.iac ? this.#iacStatements(scan.id, scan.orgId, write.iac, mine) : []),
      ...(write.completesBatch
        ? [
            ...this.#liveFromBatch(scan, scope, write.completesBatch.id, mine),
            this.#completeBatch(scan.orgId, scan.id, write.completesBatch, mine),
          ]
        : []),
      // Read in the same transaction: did the version check let this scan in?
      db.select({ id: scanRuns.id }).from(scanRuns).where(eq(scanRuns.id, scan.id)),
    );
    const results = await db.batch(statements as [Statement, ...Statement[]]);
    return (results.at(-1) as unknown[]).length > 0;
  }

  /**
   * A scan's drift as a content-addressed set (docs/data-model.md, "Drift"): the items in content-defined
   * chunks, the chunks the scope's previous set has (`known`) not sent again, one `drift_set_chunks` row per
   * chunk with what it holds (for paging). Serialized lazily, item by item, and the chunk statements of a
   * large drift are written ahead in transactions of their own (≤ `writeAheadBytes` each), so a
   * 50,000-item drift (~15 MB of JSON) is never held whole as text; the statements that remain are the
   * caller's, for the scan's transaction.
   */
  async #driftSetStatements(
    orgId: string,
    items: readonly StoredDriftItem[],
    known: ReadonlySet<string>,
  ): Promise<{ setId: string; statements: Statement[] }> {
    const db = this.#db;
    const chunkIds: string[] = [];
    const rows: string[] = [];
    let pending: Statement[] = [];
    // Chunk statements, ~one per 90 KB of chunks; written ahead once `writeAheadBytes` are pending.
    const groups = new SizeGroups(this.#chunkBytes - 200);
    let writtenBytes = 0;
    const parts: string[] = [];
    const chunkStatement = (group: string[]) =>
      pending.push(
        db
          .insert(driftChunks)
          .select(
            // (`WHERE 1`: SQLite needs a WHERE before an upsert's ON CONFLICT on INSERT … SELECT.)
            sql`SELECT json_extract(value, '$[0]'), ${orgId}, json_extract(value, '$[1]')
              FROM json_each(${`[${group.join(',')}]`}) WHERE 1`,
          )
          .onConflictDoNothing(),
      );
    const serialized = (function* () {
      for (const item of items)
        yield { key: `${item.status} ${item.resource_id}`, json: JSON.stringify(item) };
    })();
    let offset = 0;
    for (const piece of contentDefinedChunks(serialized, { maxBytes: this.#chunkBytes })) {
      const first = items[offset]!;
      const last = items[offset + piece.length - 1]!;
      const statuses = new Set<string>();
      const severities = new Set<string>();
      for (let index = offset; index < offset + piece.length; index++) {
        statuses.add(items[index]!.status);
        severities.add(items[index]!.severity);
      }
      offset += piece.length;
      const text = `[${piece.join(',')}]`;
      const id = await sha256Hex(`${orgId}\n${text}`);
      const summary: DriftChunkSummary = [
        driftItemKey(first),
        driftItemKey(last),
        [...statuses],
        [...severities],
      ];
      rows.push(`[${chunkIds.length},"${id}",${JSON.stringify(summary)}]`);
      chunkIds.push(id);
      if (known.has(id)) continue;
      const stored = await this.#externalize(orgId, text);
      parts.push(...stored.parts);
      const closed = groups.add(`["${id}",${stored.element}]`);
      if (closed) chunkStatement(closed);
      if (groups.bytesAdded - writtenBytes > this.#writeAheadBytes) {
        const open = groups.end();
        if (open) chunkStatement(open);
        await db.batch([...pending, ...this.#partStatements(orgId, parts.splice(0), sql`1`)] as [
          Statement,
          ...Statement[],
        ]);
        pending = [];
        writtenBytes = groups.bytesAdded;
      }
    }
    const open = groups.end();
    if (open) chunkStatement(open);
    const setId = await sha256Hex(`${orgId}\n${chunkIds.join(',')}`);
    return {
      setId,
      statements: [
        ...pending,
        ...this.#partStatements(orgId, parts, sql`1`),
        db.insert(driftSets).values({ id: setId, orgId }).onConflictDoNothing(),
        ...chunkBySize(rows, this.#chunkBytes - 200).map((group) =>
          db
            .insert(driftSetChunks)
            .select(
              sql`SELECT ${setId}, ${orgId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                json_extract(value, '$[2]') FROM json_each(${`[${group.join(',')}]`}) WHERE 1`,
            )
            .onConflictDoNothing(),
        ),
      ],
    };
  }

  /**
   * The generated IaC of a scan, in the scan's own transaction and behind its version check: the code in
   * pieces below the statement size (`scan_iac.part` order), the rest of the result on part 0.
   */
  #iacStatements(scanId: string, orgId: string, iac: IacResult, mine: SQL): Statement[] {
    const { content, ...meta } = iac;
    return splitText(content, this.#chunkBytes).map((piece, part) =>
      this.#db
        .insert(scanIac)
        .select(
          sql`SELECT ${scanId}, ${orgId}, ${part}, ${part === 0 ? JSON.stringify(meta) : null}, ${piece} WHERE ${mine}`,
        ),
    );
  }

  async scanIac(orgId: string, scanId: string): Promise<IacResult | undefined> {
    const rows = await this.#db
      .select({ meta: scanIac.meta, content: scanIac.content })
      .from(scanIac)
      .where(and(eq(scanIac.orgId, orgId), eq(scanIac.scanId, scanId)))
      .orderBy(asc(scanIac.part))
      .all();
    const first = rows[0];
    if (!first?.meta) return undefined;
    const meta = JSON.parse(first.meta) as Omit<IacResult, 'content'>;
    return { ...meta, content: rows.map((row) => row.content).join('') };
  }

  /**
   * w2-history: the scan's drift events, inserted under the scan's own guard (`mine`), so they exist exactly
   * when the scan does. Inserted last to first: `seq` grows, and newest-first lists a scan's events in
   * `resource_id` order. Large `changes` go to `value_parts` like any other large text.
   */
  async #eventStatements(write: ScanWrite, mine: SQL, parts: string[]): Promise<Statement[]> {
    const { scan } = write;
    const elements = await Promise.all(
      [...write.events].reverse().map(async (event) => {
        const changes = await this.#externalize(scan.orgId, JSON.stringify(event.changes));
        parts.push(...changes.parts);
        return JSON.stringify([
          event.id,
          event.type,
          event.resourceId,
          event.status,
          event.severity,
          event.accepted ? 1 : 0,
        ]).replace(/]$/, `,${JSON.stringify(changes.element)}]`);
      }),
    );
    return chunkBySize(elements, this.#chunkBytes).map((group) =>
      this.#db.insert(driftEvents).select(
        sql`SELECT NULL, json_extract(value, '$[0]'), ${scan.orgId}, ${scan.id}, ${scan.clusterId},
            ${scan.namespace}, ${scan.createdAt}, json_extract(value, '$[1]'), json_extract(value, '$[2]'),
            json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
            json_extract(value, '$[6]')
          FROM json_each(${`[${group.join(',')}]`}) WHERE ${mine} ORDER BY key`,
      ),
    );
  }

  /** w2-history: the outbox rows of the scan, under its guard; a webhook deleted meanwhile gets none. */
  #deliveryStatements(write: ScanWrite, mine: SQL): Statement[] {
    const { scan } = write;
    return write.deliveries.map((delivery) =>
      this.#db.insert(webhookDeliveries).select(
        sql`SELECT ${delivery.id}, ${scan.orgId}, ${delivery.webhookId}, ${scan.id}, 'pending', 0,
            ${scan.createdAt}, ${scan.createdAt}
          WHERE ${mine} AND EXISTS (SELECT 1 FROM webhooks WHERE id = ${delivery.webhookId})`,
      ),
    );
  }

  async createWebhook(webhook: WebhookRow): Promise<void> {
    await this.#db.insert(webhooks).values({ ...webhook, events: JSON.stringify(webhook.events) });
  }

  async listWebhooks(orgId: string): Promise<WebhookRow[]> {
    const rows = await this.#db
      .select()
      .from(webhooks)
      .where(eq(webhooks.orgId, orgId))
      .orderBy(webhooks.createdAt, webhooks.id)
      .all();
    return rows.map((row) => ({ ...row, events: JSON.parse(row.events) as string[] }));
  }

  async deleteWebhook(orgId: string, webhookId: string): Promise<boolean> {
    const db = this.#db;
    const owned = sql`webhook_id IN (SELECT id FROM webhooks WHERE id = ${webhookId} AND org_id = ${orgId})`;
    // Explicit deletes rather than relying on ON DELETE CASCADE being enabled on every driver.
    const results = await db.batch([
      db.delete(webhookAttempts).where(owned),
      db.delete(webhookDeliveries).where(owned),
      db
        .delete(webhooks)
        .where(and(eq(webhooks.orgId, orgId), eq(webhooks.id, webhookId)))
        .returning({ id: webhooks.id }),
    ]);
    return (results[2] as unknown[]).length > 0;
  }

  async #ownsWebhook(orgId: string, webhookId: string): Promise<boolean> {
    const owner = await this.#db
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(eq(webhooks.orgId, orgId), eq(webhooks.id, webhookId)))
      .get();
    return owner !== undefined;
  }

  async listDeliveryAttempts(
    orgId: string,
    webhookId: string,
    limit: number,
  ): Promise<DeliveryAttemptRow[] | undefined> {
    if (!(await this.#ownsWebhook(orgId, webhookId))) return undefined;
    const rows = await this.#db.all<{
      delivery_id: string;
      scan_id: string;
      at: string;
      status: 'succeeded' | 'failed';
      response_code: number | null;
      error: string | null;
      state: string;
      attempt: number;
    }>(
      sql`SELECT a.delivery_id, d.scan_id, a.at, a.status, a.response_code, a.error, d.state,
          (SELECT COUNT(*) FROM webhook_attempts b WHERE b.delivery_id = a.delivery_id AND b.seq <= a.seq) AS attempt
        FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE a.webhook_id = ${webhookId} ORDER BY a.seq DESC LIMIT ${limit}`,
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      scanId: row.scan_id,
      at: row.at,
      status: row.status,
      responseCode: row.response_code,
      error: row.error,
      deliveryState: row.state,
      attempt: Number(row.attempt),
    }));
  }

  async listDeliveries(
    orgId: string,
    webhookId: string,
    page: { limit: number; offset: number },
  ): Promise<{ deliveries: DeliveryRow[]; total: number } | undefined> {
    if (!(await this.#ownsWebhook(orgId, webhookId))) return undefined;
    const [rows, total] = await Promise.all([
      this.#db.all<DeliverySqlRow>(
        sql`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
          WHERE d.webhook_id = ${webhookId} AND d.org_id = ${orgId}
          ORDER BY d.created_at DESC, d.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      ),
      this.#db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ${webhookId} AND org_id = ${orgId}`,
      ),
    ]);
    return { deliveries: rows.map(deliveryRow), total: Number(total?.n ?? 0) };
  }

  async latestDeliveries(orgId: string): Promise<Map<string, DeliveryRow>> {
    // One query for every webhook of the org (D1 counts queries per invocation), not one per webhook.
    const rows = await this.#db.all<DeliverySqlRow>(
      sql`SELECT ${DELIVERY_COLUMNS} FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY created_at DESC, id DESC) AS n
          FROM webhook_deliveries WHERE org_id = ${orgId}
        ) d WHERE d.n = 1`,
    );
    return new Map(rows.map((row) => [row.webhook_id, deliveryRow(row)]));
  }

  async claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<DueDelivery[]> {
    const due = await this.#db
      .select({ id: webhookDeliveries.id, nextAttemptAt: webhookDeliveries.nextAttemptAt })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.state, 'pending'), sql`${webhookDeliveries.nextAttemptAt} <= ${now}`))
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(limit)
      .all();
    const claimed: DueDelivery[] = [];
    for (const row of due) {
      // The claim: only one dispatcher moves a row from the time it read to its lease.
      const taken = await this.#db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: leaseUntil })
        .where(
          and(
            eq(webhookDeliveries.id, row.id),
            eq(webhookDeliveries.state, 'pending'),
            eq(webhookDeliveries.nextAttemptAt, row.nextAttemptAt),
          ),
        )
        .returning()
        .all();
      const delivery = taken[0];
      if (!delivery) continue;
      const webhook = await this.#db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId)).get();
      if (!webhook) continue;
      claimed.push({
        id: delivery.id,
        orgId: delivery.orgId,
        scanId: delivery.scanId,
        attempts: delivery.attempts,
        createdAt: delivery.createdAt,
        webhook: { ...webhook, events: JSON.parse(webhook.events) as string[] },
      });
    }
    return claimed;
  }

  async recordAttempt(
    delivery: DueDelivery,
    attempt: {
      at: string;
      status: 'succeeded' | 'failed';
      responseCode: number | null;
      error: string | null;
    },
    next: { state: 'pending' | 'delivered' | 'failed'; nextAttemptAt: string },
  ): Promise<void> {
    const db = this.#db;
    await db.batch([
      db.insert(webhookAttempts).values({
        deliveryId: delivery.id,
        webhookId: delivery.webhook.id,
        at: attempt.at,
        status: attempt.status,
        responseCode: attempt.responseCode,
        error: attempt.error === null ? null : attempt.error.slice(0, 200),
      }),
      db
        .update(webhookDeliveries)
        .set({ state: next.state, nextAttemptAt: next.nextAttemptAt, attempts: delivery.attempts + 1 })
        .where(eq(webhookDeliveries.id, delivery.id)),
    ]);
  }

  async nextDeliveryDue(): Promise<string | undefined> {
    const row = await this.#db
      .select({ at: webhookDeliveries.nextAttemptAt })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.state, 'pending'))
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(1)
      .get();
    return row?.at;
  }

  async listDriftEvents(
    orgId: string,
    filter: DriftEventFilter,
    limit: number,
    beforeSeq?: number,
  ): Promise<ListedDriftEvent[]> {
    const conditions = [eq(driftEvents.orgId, orgId)];
    if (filter.clusterId !== undefined) conditions.push(eq(driftEvents.clusterId, filter.clusterId));
    if (filter.namespace !== undefined) conditions.push(eq(driftEvents.namespace, filter.namespace));
    if (filter.resourceId !== undefined) conditions.push(eq(driftEvents.resourceId, filter.resourceId));
    if (filter.scanId !== undefined) conditions.push(eq(driftEvents.scanId, filter.scanId));
    if (filter.since !== undefined) conditions.push(sql`${driftEvents.at} >= ${filter.since}`);
    if (beforeSeq !== undefined) conditions.push(lt(driftEvents.seq, beforeSeq));
    const rows = await this.#db
      .select()
      .from(driftEvents)
      .where(and(...conditions))
      .orderBy(desc(driftEvents.seq))
      .limit(limit)
      .all();
    const changes = await this.#resolve(
      orgId,
      rows.map((row) => row.changes),
    );
    return rows.map((row, index) => ({
      accepted: row.accepted,
      seq: row.seq,
      id: row.id,
      type: row.type as ListedDriftEvent['type'],
      scanId: row.scanId,
      at: row.at,
      clusterId: row.clusterId,
      namespace: row.namespace,
      resourceId: row.resourceId,
      status: row.status,
      severity: row.severity,
      changes: JSON.parse(changes[index]!) as ListedDriftEvent['changes'],
    }));
  }

  async recentDriftEvents(
    orgId: string,
    scope: { clusterId: string; namespace: string; resourceIds: readonly string[]; until: string },
    perResource: number,
  ): Promise<ListedDriftEvent[]> {
    interface Row {
      seq: number;
      id: string;
      scan_id: string;
      at: string;
      cluster_id: string;
      namespace: string;
      type: string;
      resource_id: string;
      status: string;
      severity: string;
      accepted: number;
      changes: string;
    }
    if (scope.resourceIds.length === 0) return [];
    // The IDs go in as one JSON parameter (D1 binds at most 100 per statement). row_number() per resource
    // keeps one busy resource (an autoscaled replica count) from crowding out the others' events, which one
    // LIMIT over all of them would do.
    const rows = await this.#db.all<Row>(
      sql`SELECT seq, id, scan_id, at, cluster_id, namespace, type, resource_id, status, severity, accepted, changes
        FROM (SELECT *, row_number() OVER (PARTITION BY resource_id ORDER BY seq DESC) AS n
              FROM drift_events
              WHERE org_id = ${orgId} AND cluster_id = ${scope.clusterId} AND namespace = ${scope.namespace}
                AND at <= ${scope.until}
                AND resource_id IN (SELECT value FROM json_each(${JSON.stringify(scope.resourceIds)})))
        WHERE n <= ${perResource} ORDER BY seq DESC`,
    );
    const changes = await this.#resolve(
      orgId,
      rows.map((row) => row.changes),
    );
    return rows.map((row, index) => ({
      accepted: Boolean(row.accepted),
      seq: row.seq,
      id: row.id,
      type: row.type as ListedDriftEvent['type'],
      scanId: row.scan_id,
      at: row.at,
      clusterId: row.cluster_id,
      namespace: row.namespace,
      resourceId: row.resource_id,
      status: row.status,
      severity: row.severity,
      changes: JSON.parse(changes[index]!) as ListedDriftEvent['changes'],
    }));
  }

  async baselineFingerprints(orgId: string, clusterId: string, namespace: string): Promise<Set<string>> {
    const rows = await this.#db
      .select({ fingerprint: baselineItems.fingerprint })
      .from(baselineItems)
      .where(
        and(
          eq(baselineItems.orgId, orgId),
          eq(baselineItems.clusterId, clusterId),
          eq(baselineItems.namespace, namespace),
        ),
      )
      .all();
    return new Set(rows.map((row) => row.fingerprint));
  }

  async acceptScan(scan: ScanRow, fingerprints: string[], at: string): Promise<void> {
    const db = this.#db;
    const scope = and(
      eq(baselineItems.orgId, scan.orgId),
      eq(baselineItems.clusterId, scan.clusterId),
      eq(baselineItems.namespace, scan.namespace),
    );
    const statements: Statement[] = [
      db.delete(baselineItems).where(scope),
      db
        .insert(baselines)
        .values({
          orgId: scan.orgId,
          clusterId: scan.clusterId,
          namespace: scan.namespace,
          scanId: scan.id,
          acceptedAt: at,
        })
        .onConflictDoUpdate({
          target: [baselines.orgId, baselines.clusterId, baselines.namespace],
          set: { scanId: scan.id, acceptedAt: at },
        }),
    ];
    for (const group of chunkBySize(
      [...new Set(fingerprints)].map((fingerprint) => JSON.stringify(fingerprint)),
      this.#chunkBytes,
    )) {
      statements.push(
        db.insert(baselineItems).select(
          sql`SELECT ${scan.orgId}, ${scan.clusterId}, ${scan.namespace}, ${scan.id}, value, ${at}
              FROM json_each(${`[${group.join(',')}]`})`,
        ),
      );
    }
    await db.batch(statements as [Statement, ...Statement[]]);
  }

  async withdrawBaseline(orgId: string, scanId: string): Promise<boolean> {
    const db = this.#db;
    const results = await db.batch([
      db.delete(baselineItems).where(
        sql`org_id = ${orgId} AND (cluster_id, namespace) IN (SELECT cluster_id, namespace FROM baselines
            WHERE org_id = ${orgId} AND scan_id = ${scanId})`,
      ),
      db
        .delete(baselines)
        .where(and(eq(baselines.orgId, orgId), eq(baselines.scanId, scanId)))
        .returning({ scanId: baselines.scanId }),
    ]);
    return (results[1] as unknown[]).length > 0;
  }

  /**
   * Issue 9: a batch's live state is copied from its staged rows in SQL, in part and position order (a
   * later duplicate of an id wins, as in one report), rewriting only rows whose hash changed; rows the
   * batch does not have are deleted. So the completing part never holds the batch's objects in memory.
   */
  #liveFromBatch(scan: ScanWrite['scan'], scope: string, batchId: string, mine: SQL): Statement[] {
    const db = this.#db;
    const staged = sql`FROM report_batch_live WHERE org_id = ${scan.orgId} AND batch_id = ${batchId}`;
    return [
      db
        .insert(liveResources)
        .select(
          sql`SELECT ${scan.orgId}, ${scan.clusterId}, ${scope}, resource_id, content_hash, object, NULL ${staged}
            AND ${mine} ORDER BY part_index, position`,
        )
        .onConflictDoUpdate({
          target: [
            liveResources.orgId,
            liveResources.clusterId,
            liveResources.scope,
            liveResources.resourceId,
          ],
          // A batch's scan records no match hashes (its match_context is null): the next scan matches all.
          set: {
            contentHash: sql`excluded.content_hash`,
            object: sql`excluded.object`,
            matchHash: sql`NULL`,
          },
          setWhere: sql`${liveResources.contentHash} IS NOT excluded.content_hash`,
        }),
      db.delete(liveResources).where(
        sql`org_id = ${scan.orgId} AND cluster_id = ${scan.clusterId} AND scope = ${scope}
            AND resource_id NOT IN (SELECT resource_id ${staged}) AND ${mine}`,
      ),
    ];
  }

  /** Issue 9: the batch a scan completes turns `done` with it, in its transaction (only if the scan landed). */
  #completeBatch(orgId: string, scanId: string, batch: { id: string; resourceCount: number }, mine: SQL) {
    return this.#db
      .update(reportBatches)
      .set({ state: 'done', scanId, resourceCount: storableInteger('resource_count', batch.resourceCount) })
      .where(sql`org_id = ${orgId} AND id = ${batch.id} AND state = 'claimed' AND ${mine}`);
  }

  async purgeScans(before: string): Promise<{ scans: number }> {
    const db = this.#db;
    // A parts reference is '@parts:' + 64 hex digits of the id + ':' + the count.
    // Two lists of at most four terms: D1 caps a compound SELECT at five.
    const referencedParts = sql`SELECT org_id, substr(object, 8, 64) FROM live_resources WHERE object LIKE '@parts:%'
      UNION SELECT s.org_id, substr(i.data, 8, 64) FROM iac_resources i JOIN state_sources s ON s.id = i.state_source_id
        WHERE i.data LIKE '@parts:%'
      UNION SELECT org_id, substr(items, 8, 64) FROM drift_chunks WHERE items LIKE '@parts:%'`;
    const referencedPartsToo = sql`SELECT org_id, substr(changes, 8, 64) FROM drift_events WHERE changes LIKE '@parts:%'
      UNION SELECT org_id, substr(object, 8, 64) FROM report_batch_live WHERE object LIKE '@parts:%'`;
    const results = await db.batch([
      db
        .delete(scanRuns)
        .where(
          sql`created_at < ${before} AND seq NOT IN (SELECT MAX(seq) FROM scan_runs
            GROUP BY org_id, cluster_id, namespace)`,
        )
        .returning({ id: scanRuns.id }),
      // w2-history: a scan's events and webhook deliveries follow the scan's retention.
      db.delete(driftEvents).where(sql`scan_id NOT IN (SELECT id FROM scan_runs)`),
      db
        .delete(webhookAttempts)
        .where(
          sql`delivery_id IN (SELECT id FROM webhook_deliveries WHERE scan_id NOT IN (SELECT id FROM scan_runs))`,
        ),
      db.delete(webhookDeliveries).where(sql`scan_id NOT IN (SELECT id FROM scan_runs)`),
      db.delete(driftSetChunks).where(sql`set_id NOT IN (SELECT drift_set_id FROM scan_runs)`),
      db.delete(driftSets).where(sql`id NOT IN (SELECT drift_set_id FROM scan_runs)`),
      db.delete(driftChunks).where(
        sql`NOT EXISTS (SELECT 1 FROM drift_set_chunks d
            WHERE d.org_id = drift_chunks.org_id AND d.chunk_id = drift_chunks.id)`,
      ),
      db
        .delete(valueParts)
        .where(sql`(org_id, id) NOT IN (${referencedParts}) AND (org_id, id) NOT IN (${referencedPartsToo})`),
    ]);
    return { scans: (results[0] as unknown[]).length };
  }

  async listScans(orgId: string, filter: ScanFilter, limit: number, beforeSeq?: number): Promise<ScanRow[]> {
    const conditions = [eq(scanRuns.orgId, orgId)];
    if (filter.clusterId !== undefined) conditions.push(eq(scanRuns.clusterId, filter.clusterId));
    if (filter.namespace !== undefined) conditions.push(eq(scanRuns.namespace, filter.namespace));
    if (beforeSeq !== undefined) conditions.push(lt(scanRuns.seq, beforeSeq));
    const rows = await this.#db
      .select()
      .from(scanRuns)
      .where(and(...conditions))
      .orderBy(desc(scanRuns.seq))
      .limit(limit)
      .all();
    return rows.map(toScanRow);
  }

  async getScan(orgId: string, scanId: string): Promise<ScanRow | undefined> {
    const row = await this.#db
      .select()
      .from(scanRuns)
      .where(and(eq(scanRuns.orgId, orgId), eq(scanRuns.id, scanId)))
      .get();
    return row ? toScanRow(row) : undefined;
  }

  async driftItems(scan: ScanRow): Promise<StoredDriftItem[]> {
    const results = await this.#db.all<{ items: string }>(
      sql`SELECT c.items FROM drift_set_chunks d JOIN drift_chunks c ON c.id = d.chunk_id AND c.org_id = d.org_id
        WHERE d.set_id = ${scan.driftSetId} AND d.org_id = ${scan.orgId} ORDER BY d.position`,
    );
    const texts = await this.#resolve(
      scan.orgId,
      results.map((row) => row.items),
    );
    return texts.flatMap((text) => JSON.parse(text) as StoredDriftItem[]);
  }

  async driftItemsPage(scan: ScanRow, page: DriftPageQuery): Promise<DriftPage> {
    const chunks = await this.#db.all<{ chunk_id: string; summary: string | null }>(
      sql`SELECT chunk_id, summary FROM drift_set_chunks WHERE set_id = ${scan.driftSetId}
        AND org_id = ${scan.orgId} ORDER BY position`,
    );
    // Sets stored before summaries existed: every chunk may hold matching items.
    const candidates = chunks
      .filter(
        (chunk) => chunk.summary === null || page.mayMatch(JSON.parse(chunk.summary) as DriftChunkSummary),
      )
      .map((chunk) => chunk.chunk_id);
    const items: StoredDriftItem[] = [];
    // One chunk first, then twice as many per round: a small page reads one chunk, a first page of 5,000
    // items (~160 chunks) eight rounds.
    for (let next = 0, group = 1; next < candidates.length && items.length <= page.limit; group *= 2) {
      const chosen = candidates.slice(next, next + group);
      next += chosen.length;
      const rows = await this.#db.all<{ id: string; items: string }>(
        sql`SELECT id, items FROM drift_chunks WHERE org_id = ${scan.orgId}
          AND id IN (SELECT value FROM json_each(${JSON.stringify(chosen)}))`,
      );
      const texts = await this.#resolve(
        scan.orgId,
        rows.map((row) => row.items),
      );
      const byId = new Map(rows.map((row, index) => [row.id, texts[index]!]));
      for (const id of chosen) {
        const text = byId.get(id);
        if (text === undefined) throw new Error(`drift set ${scan.driftSetId}: chunk ${id} is missing`);
        for (const item of JSON.parse(text) as StoredDriftItem[]) if (page.matches(item)) items.push(item);
      }
    }
    return { items: items.slice(0, page.limit), more: items.length > page.limit };
  }

  // --- dashboard and sign-in (w2-dashboard) ---

  async listMembers(orgId: string): Promise<MemberRow[]> {
    const rows = await this.#db
      .select()
      .from(members)
      .where(eq(members.orgId, orgId))
      .orderBy(members.email)
      .all();
    return rows.map((row) => ({ ...row, role: row.role as MemberRole }));
  }

  async membershipsOf(email: string): Promise<MemberRow[]> {
    const rows = await this.#db.select().from(members).where(eq(members.email, email.toLowerCase())).all();
    return rows.map((row) => ({ ...row, role: row.role as MemberRole }));
  }

  async putMember(member: MemberRow): Promise<void> {
    const row = { ...member, email: member.email.toLowerCase() };
    await this.#db
      .insert(members)
      .values(row)
      .onConflictDoUpdate({ target: [members.orgId, members.email], set: { role: row.role } });
  }

  async removeMember(orgId: string, email: string): Promise<boolean> {
    const removed = await this.#db
      .delete(members)
      .where(and(eq(members.orgId, orgId), eq(members.email, email.toLowerCase())))
      .returning({ email: members.email });
    return removed.length > 0;
  }
}

/** The columns of a {@link DeliveryRow}, its attempts as one JSON array in `seq` order. */
const DELIVERY_COLUMNS = sql.raw(`d.id, d.webhook_id, d.scan_id, d.state, d.next_attempt_at, d.created_at,
  (SELECT json_group_array(json_object('at', a.at, 'status', a.status, 'responseCode', a.response_code,
      'error', a.error))
    FROM (SELECT * FROM webhook_attempts a WHERE a.delivery_id = d.id ORDER BY a.seq) a) AS attempts`);

interface DeliverySqlRow {
  id: string;
  webhook_id: string;
  scan_id: string;
  state: string;
  next_attempt_at: string;
  created_at: string;
  attempts: string;
}

function deliveryRow(row: DeliverySqlRow): DeliveryRow {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    scanId: row.scan_id,
    state: row.state,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    attempts: JSON.parse(row.attempts) as DeliveryRow['attempts'],
  };
}

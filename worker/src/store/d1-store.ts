import type { DriftSummary, IacResource } from '@driftwise/core';
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import { chunkBySize } from './chunk-by-size.ts';
import { contentDefinedChunks } from './content-defined-chunks.ts';
import { ObjectTooLargeError } from './object-too-large-error.ts';
import { partsReference } from './parts-reference.ts';
import * as schema from './schema.ts';
import {
  apiKeys,
  cloudAccounts,
  iacResources,
  ignoreRules,
  liveResources,
  orgs,
  scanRuns,
  stateSources,
} from './schema.ts';
import { splitText } from './split-text.ts';
import { storableInteger } from './storable-integer.ts';
import type {
  ApiKeyRow,
  CloudAccountRow,
  OrgRow,
  ScanFilter,
  ScanRow,
  ScanWrite,
  StateSourceRow,
  Store,
} from './store.ts';
import { utf8Length } from './utf8-length.ts';

/** Options of {@link D1Store}. */
export interface D1StoreOptions {
  /**
   * Bytes of JSON per statement. D1 allows 100 KB per statement and 100 bound parameters: bulk rows go
   * in as one JSON array parameter read with `json_each`, cut at this size.
   */
  chunkBytes?: number;
  /** Largest live object or IaC resource (bytes of JSON) the store keeps: CONTRACT "Limits", 4 MiB. */
  maxObjectBytes?: number;
}

/** A JSON text as a bulk statement carries it, and the `value_parts` rows it needs when it is large. */
interface Externalized {
  /** The JSON array element: the text itself, or the JSON string of its parts reference. */
  element: string;
  /** `[id, position, text]` JSON array elements for `value_parts`. */
  parts: string[];
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

function toScanRow(row: ScanRecord): ScanRow {
  return {
    seq: row.seq,
    id: row.id,
    orgId: row.orgId,
    clusterId: row.clusterId,
    namespace: row.namespace,
    createdAt: row.createdAt,
    resourceCount: row.resourceCount,
    summary: JSON.parse(row.summary) as DriftSummary,
    driftSetId: row.driftSetId,
    bodyHash: row.bodyHash,
    inputsHash: row.inputsHash,
    generateIac: row.generateIac,
  };
}

function toApiKeyRow(row: typeof apiKeys.$inferSelect): ApiKeyRow {
  return { ...row, scopes: JSON.parse(row.scopes) as string[] };
}

/**
 * The {@link Store} on Cloudflare D1: drizzle for queries, and D1 `batch` (one transaction) wherever a
 * request writes more than one row, so a failure at any step stores nothing.
 */
export class D1Store implements Store {
  readonly #d1: D1Database;
  readonly #db: DrizzleD1Database<typeof schema>;
  readonly #chunkBytes: number;
  readonly #maxObjectBytes: number;

  constructor(d1: D1Database, options: D1StoreOptions = {}) {
    this.#d1 = d1;
    this.#db = drizzle(d1, { schema });
    this.#chunkBytes = options.chunkBytes ?? 90_000;
    this.#maxObjectBytes = options.maxObjectBytes ?? 4 * 1024 * 1024;
  }

  /**
   * Issue 7, defect 7: a text that would not fit one statement (D1: 100,000 bytes per statement, 2,000,000
   * per row or string, https://developers.cloudflare.com/d1/platform/limits/) goes to `value_parts` in
   * pieces that each fit one, and the column gets a reference.
   */
  async #externalize(orgId: string, json: string): Promise<Externalized> {
    const bytes = utf8Length(json);
    // Headroom for the row's other values in the same statement (ids, hashes: < 200 bytes).
    if (bytes <= this.#chunkBytes - 200) return { element: json, parts: [] };
    const id = await sha256Hex(`${orgId}\n${json}`);
    const pieces = splitText(json, this.#chunkBytes - 200);
    return {
      element: JSON.stringify(partsReference.format(id, pieces.length)),
      parts: pieces.map((piece, position) => `[${JSON.stringify(id)},${position},${JSON.stringify(piece)}]`),
    };
  }

  /** CONTRACT "Limits": a single object over 4 MiB (of JSON) is a 413, before anything is written. */
  #checkObjectSize(resourceId: string, ...objects: string[]): void {
    const bytes = Math.max(...objects.map(utf8Length));
    if (bytes > this.#maxObjectBytes) throw new ObjectTooLargeError(resourceId, bytes, this.#maxObjectBytes);
  }

  /** Statements writing parts (content-addressed, so `INSERT OR IGNORE`), each only when `guard` holds. */
  #partStatements(
    orgId: string,
    parts: string[],
    guard: string,
    guardParams: unknown[],
  ): D1PreparedStatement[] {
    const first = guardParams.length + 1;
    return chunkBySize(parts, this.#chunkBytes).map((group) =>
      this.#d1
        .prepare(
          `INSERT OR IGNORE INTO value_parts (org_id, id, position, text)
           SELECT ?${first}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
           FROM json_each(?${first + 1}) WHERE ${guard}`,
        )
        .bind(...guardParams, orgId, `[${group.join(',')}]`),
    );
  }

  /** Column values back to their texts: parts references are read from `value_parts` and joined. */
  async #resolve(orgId: string, values: string[]): Promise<string[]> {
    const ids = [...new Set(values.flatMap((value) => partsReference.parse(value)?.id ?? []))];
    if (ids.length === 0) return values;
    const { results } = await this.#d1
      .prepare(
        `SELECT id, text FROM value_parts WHERE org_id = ?1 AND id IN (SELECT value FROM json_each(?2))
         ORDER BY id, position`,
      )
      .bind(orgId, JSON.stringify(ids))
      .all<{ id: string; text: string }>();
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
    return this.#db
      .select()
      .from(stateSources)
      .where(and(eq(stateSources.orgId, orgId), eq(stateSources.name, name)))
      .get();
  }

  async listStateSources(orgId: string): Promise<StateSourceRow[]> {
    return this.#db
      .select()
      .from(stateSources)
      .where(eq(stateSources.orgId, orgId))
      .orderBy(stateSources.name)
      .all();
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
    const mine = [
      source.orgId,
      source.name,
      source.lineage,
      storableInteger('serial', source.serial),
      source.updatedAt,
    ];
    const row = `SELECT id FROM state_sources WHERE org_id = ?1 AND name = ?2 AND lineage = ?3 AND serial = ?4
      AND updated_at = ?5`;
    const statements: D1PreparedStatement[] = [
      this.#d1
        .prepare(
          `INSERT INTO state_sources (id, org_id, name, cluster_id, serial, lineage, terraform_version,
             resource_count, k8s_resource_count, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
           ON CONFLICT(org_id, name) DO UPDATE SET cluster_id = excluded.cluster_id, serial = excluded.serial,
             lineage = excluded.lineage, terraform_version = excluded.terraform_version,
             resource_count = excluded.resource_count, k8s_resource_count = excluded.k8s_resource_count,
             updated_at = excluded.updated_at
           WHERE NOT (state_sources.lineage = excluded.lineage AND excluded.serial < state_sources.serial)`,
        )
        .bind(
          source.id,
          source.orgId,
          source.name,
          source.clusterId,
          source.serial,
          source.lineage,
          source.terraformVersion,
          storableInteger('resource_count', source.resourceCount),
          storableInteger('k8s_resource_count', source.k8sResourceCount),
          source.createdAt,
          source.updatedAt,
        ),
      this.#d1.prepare(`DELETE FROM iac_resources WHERE state_source_id = (${row})`).bind(...mine),
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
        this.#d1
          .prepare(
            `INSERT INTO iac_resources (state_source_id, position, resource_id, data)
             SELECT s.id, ?6 + CAST(j.key AS INTEGER), json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
             FROM (${row}) AS s, json_each(?7) AS j`,
          )
          .bind(...mine, position, `[${chunk.join(',')}]`),
      );
      position += chunk.length;
    }
    statements.push(
      ...this.#partStatements(
        source.orgId,
        stored.flatMap((resource) => resource.parts),
        `EXISTS (${row})`,
        mine,
      ),
    );
    const [upsert] = await this.#d1.batch(statements);
    if ((upsert?.meta.changes ?? 0) > 0) return undefined;
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

  #applicableSources(orgId: string, clusterId: string) {
    return this.#db
      .select({
        id: stateSources.id,
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
    const [sources, rules] = await Promise.all([
      this.#applicableSources(orgId, clusterId),
      this.#db
        .select({ updatedAt: ignoreRules.updatedAt })
        .from(ignoreRules)
        .where(eq(ignoreRules.orgId, orgId))
        .get(),
    ]);
    const parts = sources.map(
      (source) => `${source.id}|${source.lineage}|${source.serial}|${source.updatedAt}`,
    );
    return sha256Hex(`${parts.join('\n')}\nignore|${rules?.updatedAt ?? ''}`);
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
    const result = await this.#d1
      .prepare(
        `INSERT INTO scan_runs (id, org_id, cloud_account_id, cluster_id, namespace, created_at, resource_count,
           summary, drift_set_id, body_hash, inputs_hash, generate_iac, iac_format, custom_prompt)
         SELECT ?1, p.org_id, p.cloud_account_id, p.cluster_id, p.namespace, ?2, p.resource_count, p.summary,
           p.drift_set_id, p.body_hash, p.inputs_hash, p.generate_iac, p.iac_format, p.custom_prompt
         FROM scan_runs p
         WHERE p.id = ?3 AND p.seq = (SELECT MAX(seq) FROM scan_runs
           WHERE org_id = p.org_id AND cluster_id = p.cluster_id AND namespace = p.namespace)`,
      )
      .bind(scan.id, scan.createdAt, previousId)
      .run();
    return result.meta.changes > 0;
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

  async liveHashes(orgId: string, clusterId: string, scope: string): Promise<Map<string, string>> {
    const { results } = await this.#d1
      .prepare(
        'SELECT resource_id, content_hash FROM live_resources WHERE org_id = ?1 AND cluster_id = ?2 AND scope = ?3',
      )
      .bind(orgId, clusterId, scope)
      .raw<[string, string]>()
      .then((rows) => ({ results: rows }));
    return new Map(results);
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
      .where(
        and(
          eq(liveResources.orgId, orgId),
          eq(liveResources.clusterId, clusterId),
          eq(liveResources.scope, scope),
          eq(liveResources.resourceId, resourceId),
        ),
      )
      .get();
    return row ? (await this.#resolve(orgId, [row.object]))[0] : undefined;
  }

  async writeScan(write: ScanWrite): Promise<boolean> {
    const { scan, cloudAccount, scope } = write;
    const d1 = this.#d1;
    // Content-addressed drift: unchanged items map to stored chunks, unchanged drift to the stored set.
    const chunks = contentDefinedChunks(
      write.driftItems.map((item) => ({
        key: `${item.status} ${item.resource_id}`,
        json: JSON.stringify(item),
      })),
      { maxBytes: this.#chunkBytes },
    ).map((items) => `[${items.join(',')}]`);
    const chunkIds = await Promise.all(chunks.map((items) => sha256Hex(`${scan.orgId}\n${items}`)));
    const driftSetId = await sha256Hex(`${scan.orgId}\n${chunkIds.join(',')}`);
    // Chunks of the scope's previous set are stored already: do not even send them.
    const previous = await d1
      .prepare(
        `SELECT chunk_ids FROM drift_sets WHERE id = (SELECT drift_set_id FROM scan_runs
           WHERE org_id = ?1 AND cluster_id = ?2 AND namespace = ?3 ORDER BY seq DESC LIMIT 1)`,
      )
      .bind(scan.orgId, scan.clusterId, scan.namespace)
      .first<{ chunk_ids: string }>();
    const known = new Set<string>(previous ? (JSON.parse(previous.chunk_ids) as string[]) : []);

    const statements: D1PreparedStatement[] = [
      d1
        .prepare(
          `INSERT INTO cloud_accounts (id, org_id, provider, external_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT(org_id, external_id) DO NOTHING`,
        )
        .bind(
          cloudAccount.id,
          scan.orgId,
          cloudAccount.provider,
          cloudAccount.externalId,
          cloudAccount.createdAt,
        ),
      // The version check: the scan row is inserted only while the newest scan of the scope is the one the
      // live state was read at; every statement after it writes only if this row exists.
      d1
        .prepare(
          `INSERT INTO scan_runs (id, org_id, cloud_account_id, cluster_id, namespace, created_at, resource_count,
             summary, drift_set_id, body_hash, inputs_hash, generate_iac, iac_format, custom_prompt)
           SELECT ?1, ?2, (SELECT id FROM cloud_accounts WHERE org_id = ?2 AND external_id = ?3), ?4, ?5, ?6, ?7,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14
           WHERE (SELECT MAX(seq) FROM scan_runs WHERE org_id = ?2 AND cluster_id = ?4 AND namespace = ?5) IS ?15`,
        )
        .bind(
          scan.id,
          scan.orgId,
          cloudAccount.externalId,
          scan.clusterId,
          scan.namespace,
          scan.createdAt,
          storableInteger('resource_count', scan.resourceCount),
          JSON.stringify(scan.summary),
          driftSetId,
          scan.bodyHash,
          scan.inputsHash,
          scan.generateIac ? 1 : 0,
          scan.iacFormat,
          scan.customPrompt,
          write.expectedSeq,
        ),
    ];
    const mine = 'EXISTS (SELECT 1 FROM scan_runs WHERE id = ?1)';
    const parts: string[] = [];
    const upserts = await Promise.all(
      write.upserts.map(async (record) => {
        this.#checkObjectSize(record.resourceId, record.json);
        const object = await this.#externalize(scan.orgId, record.json);
        parts.push(...object.parts);
        return `[${JSON.stringify(record.resourceId)},"${record.contentHash}",${object.element}]`;
      }),
    );
    for (const chunk of chunkBySize(upserts, this.#chunkBytes)) {
      statements.push(
        d1
          .prepare(
            `INSERT INTO live_resources (org_id, cluster_id, scope, resource_id, content_hash, object)
             SELECT ?2, ?3, ?4, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
             FROM json_each(?5) WHERE ${mine}
             ON CONFLICT(org_id, cluster_id, scope, resource_id)
             DO UPDATE SET content_hash = excluded.content_hash, object = excluded.object`,
          )
          .bind(scan.id, scan.orgId, scan.clusterId, scope, `[${chunk.join(',')}]`),
      );
    }
    for (const chunk of chunkBySize(
      write.deletes.map((id) => JSON.stringify(id)),
      this.#chunkBytes,
    )) {
      statements.push(
        d1
          .prepare(
            `DELETE FROM live_resources WHERE org_id = ?2 AND cluster_id = ?3 AND scope = ?4
             AND resource_id IN (SELECT value FROM json_each(?5)) AND ${mine}`,
          )
          .bind(scan.id, scan.orgId, scan.clusterId, scope, `[${chunk.join(',')}]`),
      );
    }
    const newChunks = await Promise.all(
      chunks.flatMap((items, index) =>
        known.has(chunkIds[index]!)
          ? []
          : [
              this.#externalize(scan.orgId, items).then((stored) => {
                parts.push(...stored.parts);
                return `[${JSON.stringify(chunkIds[index])},${stored.element}]`;
              }),
            ],
      ),
    );
    for (const group of chunkBySize(newChunks, this.#chunkBytes)) {
      statements.push(
        d1
          .prepare(
            `INSERT OR IGNORE INTO drift_chunks (id, org_id, items)
             SELECT json_extract(value, '$[0]'), ?2, json_extract(value, '$[1]') FROM json_each(?3) WHERE ${mine}`,
          )
          .bind(scan.id, scan.orgId, `[${group.join(',')}]`),
      );
    }
    statements.push(
      d1
        .prepare(`INSERT OR IGNORE INTO drift_sets (id, org_id, chunk_ids) SELECT ?2, ?3, ?4 WHERE ${mine}`)
        .bind(scan.id, driftSetId, scan.orgId, JSON.stringify(chunkIds)),
    );
    statements.push(...this.#partStatements(scan.orgId, parts, mine, [scan.id]));
    const results = await d1.batch(statements);
    return (results[1]?.meta.changes ?? 0) > 0;
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
    const { results } = await this.#d1
      .prepare(
        `SELECT c.items FROM json_each((SELECT chunk_ids FROM drift_sets WHERE id = ?1 AND org_id = ?2)) AS j
         JOIN drift_chunks c ON c.id = j.value AND c.org_id = ?2 ORDER BY j.key`,
      )
      .bind(scan.driftSetId, scan.orgId)
      .all<{ items: string }>();
    const texts = await this.#resolve(
      scan.orgId,
      results.map((row) => row.items),
    );
    return texts.flatMap((text) => JSON.parse(text) as StoredDriftItem[]);
  }
}

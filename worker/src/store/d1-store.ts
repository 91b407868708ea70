import type { DriftSummary, IacResource } from '@driftwise/core';
import { and, asc, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import { sha256Hex } from '../crypto/sha256-hex.ts';
import type { StoredDriftItem } from '../ingest/stored-drift-item.ts';
import { chunkBySize } from './chunk-by-size.ts';
import { contentDefinedChunks } from './content-defined-chunks.ts';
import * as schema from './schema.ts';
import {
  apiKeys,
  cloudAccounts,
  iacResources,
  ignoreRules,
  members,
  orgs,
  scanRuns,
  stateSources,
} from './schema.ts';
import type {
  ApiKeyRow,
  CloudAccountRow,
  MemberRole,
  MemberRow,
  OrgRow,
  ScanFilter,
  ScanRow,
  ScanWrite,
  StateSourceRow,
  Store,
} from './store.ts';

/** Options of {@link D1Store}. */
export interface D1StoreOptions {
  /**
   * Bytes of JSON per statement. D1 allows 100 KB per statement and 100 bound parameters: bulk rows go
   * in as one JSON array parameter read with `json_each`, cut at this size.
   */
  chunkBytes?: number;
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

  constructor(d1: D1Database, options: D1StoreOptions = {}) {
    this.#d1 = d1;
    this.#db = drizzle(d1, { schema });
    this.#chunkBytes = options.chunkBytes ?? 90_000;
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

  async putStateSource(source: StateSourceRow, resources: IacResource[]): Promise<void> {
    const statements: D1PreparedStatement[] = [
      this.#d1
        .prepare(
          `INSERT INTO state_sources (id, org_id, name, cluster_id, serial, lineage, terraform_version,
             resource_count, k8s_resource_count, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
           ON CONFLICT(org_id, name) DO UPDATE SET cluster_id = excluded.cluster_id, serial = excluded.serial,
             lineage = excluded.lineage, terraform_version = excluded.terraform_version,
             resource_count = excluded.resource_count, k8s_resource_count = excluded.k8s_resource_count,
             updated_at = excluded.updated_at`,
        )
        .bind(
          source.id,
          source.orgId,
          source.name,
          source.clusterId,
          source.serial,
          source.lineage,
          source.terraformVersion,
          source.resourceCount,
          source.k8sResourceCount,
          source.createdAt,
          source.updatedAt,
        ),
      this.#d1.prepare('DELETE FROM iac_resources WHERE state_source_id = ?1').bind(source.id),
    ];
    let position = 0;
    for (const chunk of chunkBySize(
      resources.map((resource) => JSON.stringify(resource)),
      this.#chunkBytes,
    )) {
      statements.push(
        this.#d1
          .prepare(
            `INSERT INTO iac_resources (state_source_id, position, resource_id, data)
             SELECT ?1, ?2 + CAST(key AS INTEGER), json_extract(value, '$.id'), value FROM json_each(?3)`,
          )
          .bind(source.id, position, `[${chunk.join(',')}]`),
      );
      position += chunk.length;
    }
    await this.#d1.batch(statements);
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
      for (const source of missing) {
        const resources = rows
          .filter((row) => row.stateSourceId === source.id)
          .map((row) => JSON.parse(row.data) as IacResource);
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

  async writeScan(write: ScanWrite): Promise<void> {
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
      d1
        .prepare(
          `INSERT INTO scan_runs (id, org_id, cloud_account_id, cluster_id, namespace, created_at, resource_count,
             summary, drift_set_id, body_hash, inputs_hash, generate_iac, iac_format, custom_prompt)
           VALUES (?1, ?2, (SELECT id FROM cloud_accounts WHERE org_id = ?2 AND external_id = ?3), ?4, ?5, ?6, ?7,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,
        )
        .bind(
          scan.id,
          scan.orgId,
          cloudAccount.externalId,
          scan.clusterId,
          scan.namespace,
          scan.createdAt,
          scan.resourceCount,
          JSON.stringify(scan.summary),
          driftSetId,
          scan.bodyHash,
          scan.inputsHash,
          scan.generateIac ? 1 : 0,
          scan.iacFormat,
          scan.customPrompt,
        ),
    ];
    const upserts = write.upserts.map(
      (record) => `[${JSON.stringify(record.resourceId)},"${record.contentHash}",${record.json}]`,
    );
    for (const chunk of chunkBySize(upserts, this.#chunkBytes)) {
      statements.push(
        d1
          .prepare(
            `INSERT INTO live_resources (org_id, cluster_id, scope, resource_id, content_hash, object)
             SELECT ?1, ?2, ?3, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
             FROM json_each(?4) WHERE true
             ON CONFLICT(org_id, cluster_id, scope, resource_id)
             DO UPDATE SET content_hash = excluded.content_hash, object = excluded.object`,
          )
          .bind(scan.orgId, scan.clusterId, scope, `[${chunk.join(',')}]`),
      );
    }
    for (const chunk of chunkBySize(
      write.deletes.map((id) => JSON.stringify(id)),
      this.#chunkBytes,
    )) {
      statements.push(
        d1
          .prepare(
            `DELETE FROM live_resources WHERE org_id = ?1 AND cluster_id = ?2 AND scope = ?3
             AND resource_id IN (SELECT value FROM json_each(?4))`,
          )
          .bind(scan.orgId, scan.clusterId, scope, `[${chunk.join(',')}]`),
      );
    }
    const newChunks = chunks.flatMap((items, index) =>
      known.has(chunkIds[index]!) ? [] : [`[${JSON.stringify(chunkIds[index])},${items}]`],
    );
    for (const group of chunkBySize(newChunks, this.#chunkBytes)) {
      statements.push(
        d1
          .prepare(
            `INSERT OR IGNORE INTO drift_chunks (id, org_id, items)
             SELECT json_extract(value, '$[0]'), ?1, json_extract(value, '$[1]') FROM json_each(?2)`,
          )
          .bind(scan.orgId, `[${group.join(',')}]`),
      );
    }
    statements.push(
      d1
        .prepare('INSERT OR IGNORE INTO drift_sets (id, org_id, chunk_ids) VALUES (?1, ?2, ?3)')
        .bind(driftSetId, scan.orgId, JSON.stringify(chunkIds)),
    );
    await d1.batch(statements);
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
    return results.flatMap((row) => JSON.parse(row.items) as StoredDriftItem[]);
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

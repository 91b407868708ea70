import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BatchProgress, BatchRow, BatchStore, StagedPart } from './batch-store.ts';
import { chunkBySize, groupsBySize, SizeGroups } from './chunk-by-size.ts';
import { externalizeText } from './externalize-text.ts';
import {
  reportBatches,
  reportBatchLive,
  reportBatchObjects,
  reportBatchParts,
  valueParts,
} from './schema.ts';
import { splitText } from './split-text.ts';
import type { SqlDatabase } from './sql-store.ts';
import { storableInteger } from './storable-integer.ts';
import { utf8Length } from './utf8-length.ts';

type Statement = BatchItem<'sqlite'>;

/**
 * Staged objects read per query: at most this many rows (pieces of ≤ 90 KB) and about this many bytes
 * (one row more at most), so a page is a few MB of the Worker's 128 and a 50,000-object batch (~100 MB
 * staged) is read in ~25 queries.
 */
const PAGE = { rows: 4096, bytes: 4_000_000 };
/** A claimed batch whose scan never landed (the isolate died) expires this much after its deadline. */
const CLAIM_GRACE_MS = 15 * 60_000;
/** Expired and done batches are remembered this long, so that a late part is a 409, not a new batch. */
const TOMBSTONE_MS = 86_400_000;

function toBatchRow(row: typeof reportBatches.$inferSelect): BatchRow {
  return { ...row, state: row.state as BatchRow['state'] };
}

/**
 * {@link BatchStore} on the worker's drizzle database (D1 or libSQL): every part is one transaction of bulk
 * `json_each` inserts under the statement limits (docs/data-model.md, "D1 limits"), one row per object,
 * in pieces when an object is larger than a statement may be.
 */
export class SqlBatchStore implements BatchStore {
  readonly #db: SqlDatabase;
  readonly #chunkBytes: number;
  readonly #page: { rows: number; bytes: number };

  /** `page`: how staged objects are read back (tests make it small to cross page boundaries often). */
  constructor(
    db: SqlDatabase,
    options: { chunkBytes: number; page?: { rows: number; bytes: number } | undefined },
  ) {
    this.#db = db;
    this.#chunkBytes = options.chunkBytes;
    this.#page = options.page ?? PAGE;
  }

  #batch(orgId: string, batchId: string) {
    return and(eq(reportBatches.orgId, orgId), eq(reportBatches.id, batchId));
  }

  async open(batch: BatchRow): Promise<BatchRow> {
    await this.#db
      .insert(reportBatches)
      .values({ ...batch, total: storableInteger('total', batch.total) })
      .onConflictDoNothing();
    return (await this.get(batch.orgId, batch.id))!;
  }

  async get(orgId: string, batchId: string): Promise<BatchRow | undefined> {
    const row = await this.#db.select().from(reportBatches).where(this.#batch(orgId, batchId)).get();
    return row ? toBatchRow(row) : undefined;
  }

  #progressQuery(orgId: string, batchId: string) {
    return this.#db
      .select({
        received: sql<number>`COUNT(*)`,
        objects: sql<number>`COALESCE(SUM(${reportBatchParts.objectCount}), 0)`,
      })
      .from(reportBatchParts)
      .where(and(eq(reportBatchParts.orgId, orgId), eq(reportBatchParts.batchId, batchId)));
  }

  async progress(orgId: string, batchId: string): Promise<BatchProgress> {
    const [row] = await this.#progressQuery(orgId, batchId).all();
    return { received: Number(row?.received ?? 0), objects: Number(row?.objects ?? 0) };
  }

  async stagePart(
    orgId: string,
    batchId: string,
    part: StagedPart,
  ): Promise<BatchProgress & { contentHash: string | undefined }> {
    const db = this.#db;
    const index = storableInteger('index', part.index);
    const isOpen = sql`EXISTS (SELECT 1 FROM report_batches WHERE org_id = ${orgId} AND id = ${batchId}
      AND state = 'open')`;
    // The part row is the last insert of the transaction: a part is either staged whole or not at all, and
    // a re-send (or a concurrent duplicate) finds it and writes nothing.
    const fresh = sql`NOT EXISTS (SELECT 1 FROM report_batch_parts WHERE org_id = ${orgId}
      AND batch_id = ${batchId} AND part_index = ${index}) AND ${isOpen}`;
    // Rows are made and joined into statements one group at a time: a 10 MB part is not held as its
    // objects, their row texts and the statements at once (issue 9, memory).
    const chunkBytes = this.#chunkBytes;
    const objectRows = function* () {
      for (const [position, { json, namespace }] of part.objects.entries())
        for (const [number, piece] of splitText(json, chunkBytes - 200).entries())
          yield `[${position},${number},${JSON.stringify(namespace ?? '')},${JSON.stringify(piece)},${utf8Length(piece)}]`;
    };
    const statements: Statement[] = [];
    for (const group of groupsBySize(objectRows(), chunkBytes - 200))
      statements.push(
        db
          .insert(reportBatchObjects)
          .select(
            sql`SELECT ${orgId}, ${batchId}, ${index}, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
              json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]')
              FROM json_each(${`[${group.join(',')}]`}) WHERE ${fresh}`,
          )
          .onConflictDoNothing(),
      );
    // The live rows-to-be, large objects as parts references (their value_parts are content-addressed).
    const parts: string[] = [];
    const live = new SizeGroups(chunkBytes - 200);
    const liveStatement = (group: string[]) =>
      statements.push(
        db
          .insert(reportBatchLive)
          .select(
            sql`SELECT ${orgId}, ${batchId}, ${index}, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
              json_extract(value, '$[2]'), json_extract(value, '$[3]')
              FROM json_each(${`[${group.join(',')}]`}) WHERE ${fresh}`,
          )
          .onConflictDoNothing(),
      );
    for (const [position, { record }] of part.objects.entries()) {
      const object = await externalizeText(orgId, record.json, chunkBytes);
      parts.push(...object.parts);
      const closed = live.add(
        `[${position},${JSON.stringify(record.resourceId)},"${record.contentHash}",${object.element}]`,
      );
      if (closed) liveStatement(closed);
    }
    const last = live.end();
    if (last) liveStatement(last);
    for (const group of chunkBySize(parts, this.#chunkBytes)) {
      statements.push(
        db
          .insert(valueParts)
          .select(
            sql`SELECT ${orgId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
              FROM json_each(${`[${group.join(',')}]`}) WHERE ${fresh}`,
          )
          .onConflictDoNothing(),
      );
    }
    statements.push(
      db
        .insert(reportBatchParts)
        .select(
          sql`SELECT ${orgId}, ${batchId}, ${index}, ${part.objects.length}, ${part.contentHash} WHERE ${isOpen}`,
        )
        .onConflictDoNothing(),
      db
        .select({ contentHash: reportBatchParts.contentHash })
        .from(reportBatchParts)
        .where(
          and(
            eq(reportBatchParts.orgId, orgId),
            eq(reportBatchParts.batchId, batchId),
            eq(reportBatchParts.partIndex, index),
          ),
        ),
      this.#progressQuery(orgId, batchId),
    );
    const results = await db.batch(statements as [Statement, ...Statement[]]);
    const [stored] = results.at(-2) as { contentHash: string }[];
    const [progress] = results.at(-1) as { received: number; objects: number }[];
    return {
      contentHash: stored?.contentHash,
      received: Number(progress?.received ?? 0),
      objects: Number(progress?.objects ?? 0),
    };
  }

  async claim(orgId: string, batchId: string): Promise<boolean> {
    // One conditional UPDATE: of two last parts arriving together, exactly one sees `open` and all parts.
    const claimed = await this.#db
      .update(reportBatches)
      .set({ state: 'claimed' })
      .where(
        sql`org_id = ${orgId} AND id = ${batchId} AND state = 'open' AND total = (SELECT COUNT(*)
          FROM report_batch_parts WHERE org_id = ${orgId} AND batch_id = ${batchId})`,
      )
      .returning({ id: reportBatches.id });
    return claimed.length === 1;
  }

  async release(orgId: string, batchId: string): Promise<void> {
    await this.#db
      .update(reportBatches)
      .set({ state: 'open' })
      .where(and(this.#batch(orgId, batchId), eq(reportBatches.state, 'claimed')));
  }

  async *objects(orgId: string, batchId: string): AsyncIterable<{ namespace: string | null; json: string }> {
    // Keyset pages of at most `page.rows` rows and about `page.bytes` (the first row always, so a page moves
    // on): the running size is a window over the rows' `bytes`, read from the covering index alone; the
    // texts are joined for the rows kept. `rows` says how many the page would have had without the byte
    // cut (fewer than `page.rows` and none cut: the last page).
    const { rows: pageRows, bytes: pageBytes } = this.#page;
    let after: [string, number, number, number] = ['', -1, -1, -1];
    let current: { key: string; namespace: string; pieces: string[] } | undefined;
    for (;;) {
      const page = await this.#db.all<{
        namespace: string;
        part_index: number;
        position: number;
        piece: number;
        text: string;
        rows: number;
      }>(
        sql`SELECT o.namespace, o.part_index, o.position, o.piece, o.text, k.rows FROM (
            SELECT * FROM (
              SELECT namespace, part_index, position, piece, bytes, COUNT(*) OVER () AS rows,
                SUM(bytes) OVER (ORDER BY namespace, part_index, position, piece ROWS UNBOUNDED PRECEDING) AS running
              FROM (SELECT namespace, part_index, position, piece, bytes FROM report_batch_objects
                WHERE org_id = ${orgId} AND batch_id = ${batchId}
                  AND (namespace, part_index, position, piece) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})
                ORDER BY namespace, part_index, position, piece LIMIT ${pageRows}))
            WHERE running - bytes < ${pageBytes}) AS k
          JOIN report_batch_objects o ON o.org_id = ${orgId} AND o.batch_id = ${batchId}
            AND o.part_index = k.part_index AND o.position = k.position AND o.piece = k.piece
          ORDER BY k.namespace, k.part_index, k.position, k.piece`,
      );
      for (const row of page) {
        const key = `${row.namespace}\n${row.part_index} ${row.position}`;
        if (current && current.key !== key) yield object(current);
        if (current?.key !== key) current = { key, namespace: row.namespace, pieces: [] };
        current.pieces.push(row.text);
        after = [row.namespace, row.part_index, row.position, row.piece];
      }
      const rows = Number(page[0]?.rows ?? 0);
      if (page.length === rows && rows < pageRows) break;
    }
    if (current) yield object(current);

    function object(staged: { namespace: string; pieces: string[] }) {
      return { namespace: staged.namespace === '' ? null : staged.namespace, json: staged.pieces.join('') };
    }
  }

  async purge(now: string): Promise<void> {
    const db = this.#db;
    const at = Date.parse(now);
    const claimDeadline = new Date(at - CLAIM_GRACE_MS).toISOString();
    const forgetBefore = new Date(at - TOMBSTONE_MS).toISOString();
    const finished = sql`(org_id, batch_id) IN (SELECT org_id, id FROM report_batches
      WHERE state IN ('done', 'expired'))`;
    await db.batch([
      db
        .update(reportBatches)
        .set({ state: 'expired' })
        .where(
          sql`(state = 'open' AND expires_at <= ${now}) OR (state = 'claimed' AND expires_at <= ${claimDeadline})`,
        ),
      db.delete(reportBatchObjects).where(finished),
      db.delete(reportBatchLive).where(finished),
      db.delete(reportBatchParts).where(finished),
      db.delete(reportBatches).where(sql`state IN ('done', 'expired') AND expires_at < ${forgetBefore}`),
    ]);
  }
}

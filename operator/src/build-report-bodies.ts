import { canonicalJson } from './canonical-json.ts';

/** A report resource already serialized with {@link canonicalJson}, with its UID. */
export interface SerializedResource {
  id: string;
  json: string;
}

/** CONTRACT "Limits" and "Large reports": per body, and per batch. */
export const BATCH_LIMITS = {
  objectsPerBody: 100_000,
  partsPerBatch: 256,
  objectsPerBatch: 500_000,
} as const;

/** Options of {@link buildReportBodies}. */
export interface BuildReportBodiesOptions {
  clusterId: string;
  /** The scope: a namespace, or `*` for the whole cluster. */
  namespace: string;
  /** The worker's body limit in bytes (uncompressed: the worker counts inflated bytes). */
  maxBodyBytes: number;
  /** The batch id of a scope that needs several parts (a UUID; injected so tests are deterministic). */
  newBatchId?: () => string;
}

/**
 * One request body as the pieces whose concatenation is its JSON: the head, each resource's cached JSON,
 * the commas, the tail. Never joined into one string: the client streams the pieces into gzip, so a cycle
 * holds the compressed body (a few hundred KiB for 20,000 objects) and not an 11 MB string beside it.
 */
export type ReportBody = readonly string[];

/** The bodies of one scope's report, and the objects that could not be sent. */
export interface ReportBodies {
  /** One body, or the parts of a batch in index order. */
  bodies: ReportBody[];
  /** Resource IDs (UIDs) of objects larger than a body on their own: never sendable. */
  oversized: string[];
}

/**
 * The JSON bodies that report `resources` for one scope: deterministic (each resource canonical JSON, in the
 * order given, which the caller keeps stable), so an unchanged scope gives byte-identical bodies. A scope that does
 * not fit in one body is split into the parts of a batch (CONTRACT "Large reports"): each part is a whole
 * report body plus `batch: { id, index, total }`, every object in exactly one part, parts filled in order.
 *
 * @example buildReportBodies(resources, { clusterId: 'prod', namespace: '*', maxBodyBytes: 16 << 20 })
 */
export function buildReportBodies(
  resources: SerializedResource[],
  { clusterId, namespace, maxBodyBytes, newBatchId = () => crypto.randomUUID() }: BuildReportBodiesOptions,
): ReportBodies {
  const items = resources.map((resource) => resource.json);
  // Buffer.byteLength counts UTF-8 bytes without encoding a copy (TextEncoder would allocate each one).
  const sizes = items.map((item) => Buffer.byteLength(item, 'utf8'));
  const head = { cluster_id: clusterId, namespace };
  // `resources` sorts after every other top-level key, so the body is the head, then the array.
  const open = (extra: object) => `${canonicalJson({ ...extra, ...head }).slice(0, -1)},"resources":[`;
  const close = ']}';
  const single = open({});
  const total = sizes.reduce((sum, size) => sum + size + 1, single.length + close.length);
  if (total <= maxBodyBytes && items.length <= BATCH_LIMITS.objectsPerBody)
    return { bodies: [pieces(single, items, close)], oversized: [] };

  if (items.length > BATCH_LIMITS.objectsPerBatch)
    throw new RangeError(
      `${items.length} objects in one scope: a batch holds at most ${BATCH_LIMITS.objectsPerBatch}`,
    );
  const id = newBatchId();
  // The widest head a part can have (index and total of up to three digits each), so every part fits.
  const overhead = Buffer.byteLength(open({ batch: { id, index: 999, total: 999 } }), 'utf8') + close.length;
  const room = maxBodyBytes - overhead;
  const groups: string[][] = [];
  const oversized: string[] = [];
  let current: string[] = [];
  let used = 0;
  items.forEach((item, i) => {
    const size = sizes[i]! + 1;
    if (size > room) {
      oversized.push(resources[i]!.id);
      return;
    }
    if (current.length > 0 && (used + size > room || current.length >= BATCH_LIMITS.objectsPerBody)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  });
  if (current.length > 0 || groups.length === 0) groups.push(current);
  if (groups.length > BATCH_LIMITS.partsPerBatch)
    throw new RangeError(
      `the scope needs ${groups.length} parts: a batch holds at most ${BATCH_LIMITS.partsPerBatch}`,
    );
  const bodies = groups.map((group, index) =>
    pieces(open({ batch: { id, index, total: groups.length } }), group, close),
  );
  return { bodies, oversized };
}

function pieces(head: string, items: string[], tail: string): ReportBody {
  const out = [head];
  items.forEach((item, i) => {
    if (i > 0) out.push(',');
    out.push(item);
  });
  out.push(tail);
  return out;
}

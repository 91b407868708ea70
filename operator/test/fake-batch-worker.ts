// A recorded fake of the worker's report route that enforces the client's side of CONTRACT "Large
// reports: compression and batches" (operator-batch-e2e.test.ts runs the real worker): gzip bodies within the
// limit, parts of one batch agreeing on cluster_id, namespace, total and options, each index once, each
// object in exactly one part; 202 until the batch is complete, then 201.
import { gunzipSync } from 'node:zlib';

interface Part {
  cluster_id: string;
  namespace: string;
  generate_iac?: boolean;
  iac_format?: string;
  iac_scope?: string;
  custom_prompt?: string;
  batch?: { id: string; index: number; total: number };
  resources: { id: string }[];
}

export interface FakeBatchWorker {
  fetch: typeof fetch;
  /** Completed scans: the objects of all parts, in part order. */
  scans: { clusterId: string; namespace: string; ids: string[] }[];
  /** Status of every report POST, in order. */
  statuses: number[];
  /** Makes the next report POSTs answer this status (and body) instead. */
  failNext(status: number, body: string, headers?: Record<string, string>): void;
}

export function createFakeBatchWorker({ maxBodyBytes = 16 * 1024 * 1024 } = {}): FakeBatchWorker {
  const batches = new Map<string, { head: string; total: number; parts: Map<number, Part> }>();
  const scans: FakeBatchWorker['scans'] = [];
  const statuses: number[] = [];
  const failures: { status: number; body: string; headers: Record<string, string> }[] = [];
  const problem = (status: number, code: string) =>
    new Response(JSON.stringify({ status, code }), {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    });

  const handle = (init: RequestInit): Response => {
    const failure = failures.shift();
    if (failure) return new Response(failure.body, { status: failure.status, headers: failure.headers });
    const headers = new Headers(init.headers);
    if (headers.get('Content-Encoding') !== 'gzip') return problem(415, 'unsupported_media_type');
    const text = gunzipSync(init.body as Uint8Array).toString('utf8');
    if (Buffer.byteLength(text) > maxBodyBytes) return problem(413, 'payload_too_large');
    const part = JSON.parse(text) as Part;
    const complete = (ids: string[]) => {
      scans.push({ clusterId: part.cluster_id, namespace: part.namespace, ids });
      return new Response(JSON.stringify({ report_id: crypto.randomUUID(), resource_count: ids.length }), {
        status: 201,
      });
    };
    if (!part.batch) return complete(part.resources.map((r) => r.id));
    const { id, index, total } = part.batch;
    if (total < 1 || total > 256 || index < 0 || index >= total) return problem(400, 'invalid_request');
    const head = JSON.stringify([
      part.cluster_id,
      part.namespace,
      total,
      part.generate_iac,
      part.iac_format,
      part.iac_scope,
      part.custom_prompt,
    ]);
    const batch = batches.get(id) ?? { head, total, parts: new Map<number, Part>() };
    batches.set(id, batch);
    if (batch.head !== head) return problem(409, 'batch_conflict');
    batch.parts.set(index, part);
    if (batch.parts.size < total)
      return new Response(JSON.stringify({ batch_id: id, received: batch.parts.size, total }), {
        status: 202,
      });
    const ids = [...batch.parts.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([, p]) => p.resources.map((r) => r.id));
    if (new Set(ids).size !== ids.length) return problem(400, 'invalid_request');
    return complete(ids);
  };

  return {
    scans,
    statuses,
    failNext(status, body, headers = {}) {
      failures.push({ status, body, headers });
    },
    fetch: (async (_url: string | URL | Request, init: RequestInit = {}) => {
      const response = handle(init);
      statuses.push(response.status);
      return response;
    }) as typeof fetch,
  };
}

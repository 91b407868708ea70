// A recorded Kubernetes API served on 127.0.0.1 for the tests and the benchmark: the discovery documents
// are real recorded responses (fixtures/discovery/README.md names the source); lists, watches and errors are
// written in the API server's shapes (meta/v1 List, WatchEvent, Status). The test mutates objects through it.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'discovery');

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

interface Resource {
  groupVersion: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

interface WatchEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  object: FakeObject;
}

interface OpenWatch {
  key: string;
  namespace: string | undefined;
  response: ServerResponse;
  bookmarks: boolean;
}

/** One request the fake saw (path and query; watch requests too). */
export interface KubeRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface FakeKubeApi {
  url: string;
  token: string;
  requests: KubeRequest[];
  /** Creates or replaces an object (ADDED / MODIFIED to open watches). */
  apply(object: FakeObject): FakeObject;
  /** Deletes an object (DELETED). */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): void;
  /** Loads objects without events (before the operator starts): fast, for large recorded clusters. */
  seed(objects: FakeObject[]): void;
  /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
  bookmark(): void;
  /** Compacts history and ends every watch: a watch resumed from an older resourceVersion gets 410 Gone. */
  compact(): void;
  /** Lists answered with a 410 for an expired continue token, once each, from now on (count). */
  expireNextContinue(count?: number): void;
  /** The next `count` list and watch requests answer 500 (an API server restarting). */
  failNext(count: number): void;
  /** Objects currently stored. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): FakeObject | undefined;
  close(): Promise<void>;
}

function loadDiscovery() {
  const documents = new Map<string, unknown>();
  const resources: Resource[] = [];
  documents.set('/api', JSON.parse(readFileSync(join(fixtures, 'api.json'), 'utf8')));
  documents.set('/apis', JSON.parse(readFileSync(join(fixtures, 'apis.json'), 'utf8')));
  for (const file of readdirSync(fixtures)) {
    if (file !== 'api-v1.json' && !file.startsWith('apis-')) continue;
    const list = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as {
      groupVersion: string;
      resources: { name: string; kind: string; namespaced: boolean }[];
    };
    const path = list.groupVersion.includes('/') ? `/apis/${list.groupVersion}` : `/api/${list.groupVersion}`;
    documents.set(path, list);
    for (const resource of list.resources)
      if (!resource.name.includes('/'))
        resources.push({
          groupVersion: list.groupVersion,
          plural: resource.name,
          kind: resource.kind,
          namespaced: resource.namespaced,
        });
  }
  return { documents, resources };
}

// `/api/v1/namespaces/ns/configmaps`, `/apis/apps/v1/deployments` → the resource and the namespace.
function parsePath(path: string, resources: Resource[]) {
  const match = /^\/(?:api\/([^/]+)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const groupVersion = match[1] ?? match[2]!;
  const resource = resources.find((r) => r.groupVersion === groupVersion && r.plural === match[4]);
  return resource ? { resource, namespace: match[3] } : undefined;
}

const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});

/** Starts the fake API server on a free loopback port. */
export async function startFakeKubeApi({ token = 'test-token', pageSize = 0 } = {}): Promise<FakeKubeApi> {
  const { documents, resources } = loadDiscovery();
  // Objects per `groupVersion/plural`, then per `namespace/name`.
  const store = new Map<string, Map<string, FakeObject>>();
  const history: WatchEvent[] = [];
  const watches = new Set<OpenWatch>();
  const requests: KubeRequest[] = [];
  let rv = 1000;
  let compactedAt = 0;
  let expireContinue = 0;
  let failing = 0;
  let uid = 0;

  const resourceOf = (apiVersion: string, kind: string) => {
    const resource = resources.find((r) => r.groupVersion === apiVersion && r.kind === kind);
    if (!resource) throw new Error(`the recorded API does not serve ${apiVersion} ${kind}`);
    return resource;
  };
  const keyOf = (resource: Resource) => `${resource.groupVersion}/${resource.plural}`;
  const bucket = (key: string) => {
    let objects = store.get(key);
    if (objects) return objects;
    objects = new Map();
    store.set(key, objects);
    return objects;
  };
  const stamp = (object: FakeObject): FakeObject => {
    rv += 1;
    const metadata = { ...object.metadata, resourceVersion: String(rv) };
    metadata.uid ??= `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`;
    return { ...object, metadata };
  };
  const writeEvent = (watch: OpenWatch, type: string, object: unknown) =>
    watch.response.write(`${JSON.stringify({ type, object })}\n`);
  const publish = (event: WatchEvent) => {
    history.push(event);
    for (const watch of watches)
      if (
        watch.key === event.key &&
        (watch.namespace === undefined || watch.namespace === event.object.metadata.namespace)
      )
        writeEvent(watch, event.type, event.object);
  };

  const list = (
    request: IncomingMessage,
    response: ServerResponse,
    key: string,
    namespace: string | undefined,
    query: URLSearchParams,
  ) => {
    const token = query.get('continue');
    if (token && expireContinue > 0) {
      expireContinue -= 1;
      response.writeHead(410, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify(
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result.',
          ),
        ),
      );
      return;
    }
    const all = [...bucket(key).values()]
      .filter((object) => namespace === undefined || object.metadata.namespace === namespace)
      .sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
      );
    const limit = Number(query.get('limit') ?? 0) || pageSize || all.length;
    const offset = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
    const page = all.slice(offset, offset + limit);
    const next =
      offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    const resource = resources.find((r) => keyOf(r) === key)!;
    // Items of a real List carry no kind/apiVersion (the List does): the operator must not rely on them.
    const items = page.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        kind: `${resource.kind}List`,
        apiVersion: resource.groupVersion,
        metadata: { resourceVersion: String(rv), ...(next ? { continue: next } : {}) },
        items,
      }),
    );
    void request;
  };

  const watch = (
    request: IncomingMessage,
    response: ServerResponse,
    key: string,
    namespace: string | undefined,
    query: URLSearchParams,
  ) => {
    const since = Number(query.get('resourceVersion') || rv);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const open: OpenWatch = {
      key,
      namespace,
      response,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
    };
    if (since < compactedAt) {
      // What the API server does for a watch from a compacted resourceVersion: a 200 with one ERROR event.
      writeEvent(
        open,
        'ERROR',
        status(410, 'Expired', `too old resource version: ${since} (${compactedAt})`),
      );
      response.end();
      return;
    }
    for (const event of history)
      if (
        event.rv > since &&
        event.key === key &&
        (namespace === undefined || event.object.metadata.namespace === namespace)
      )
        writeEvent(open, event.type, event.object);
    watches.add(open);
    request.on('close', () => watches.delete(open));
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      authorization: request.headers.authorization,
    });
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(status(401, 'Unauthorized', 'Unauthorized')));
      return;
    }
    const document = documents.get(url.pathname.replace(/\/$/, ''));
    if (document) {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(document));
      return;
    }
    const target = parsePath(url.pathname, resources);
    if (!target || request.method !== 'GET') {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify(status(404, 'NotFound', 'the server could not find the requested resource')),
      );
      return;
    }
    if (failing > 0) {
      failing -= 1;
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(status(500, 'InternalError', 'etcdserver: leader changed')));
      return;
    }
    const key = keyOf(target.resource);
    if (url.searchParams.get('watch') === 'true')
      watch(request, response, key, target.namespace, url.searchParams);
    else list(request, response, key, target.namespace, url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    requests,
    apply(object) {
      const resource = resourceOf(object.apiVersion, object.kind);
      const key = keyOf(resource);
      const name = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
      const previous = bucket(key).get(name);
      const stored = stamp({
        ...object,
        metadata: { ...object.metadata, uid: previous?.metadata.uid ?? object.metadata.uid },
      });
      bucket(key).set(name, stored);
      publish({ rv, type: previous ? 'MODIFIED' : 'ADDED', key, object: stored });
      return stored;
    },
    remove(apiVersion, kind, namespace, name) {
      const key = keyOf(resourceOf(apiVersion, kind));
      const previous = bucket(key).get(`${namespace ?? ''}/${name}`);
      if (!previous) return;
      bucket(key).delete(`${namespace ?? ''}/${name}`);
      publish({
        rv: ++rv,
        type: 'DELETED',
        key,
        object: { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } },
      });
    },
    seed(objects) {
      for (const object of objects) {
        const key = keyOf(resourceOf(object.apiVersion, object.kind));
        bucket(key).set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, stamp(object));
      }
    },
    bookmark() {
      for (const open of watches)
        if (open.bookmarks) {
          const [groupVersion] = [open.key.slice(0, open.key.lastIndexOf('/'))];
          const resource = resources.find((r) => keyOf(r) === open.key)!;
          writeEvent(open, 'BOOKMARK', {
            kind: resource.kind,
            apiVersion: groupVersion,
            metadata: { resourceVersion: String(rv) },
          });
        }
    },
    compact() {
      compactedAt = rv + 1;
      history.length = 0;
      for (const open of watches) open.response.end();
      watches.clear();
    },
    expireNextContinue(count = 1) {
      expireContinue = count;
    },
    failNext(count) {
      failing = count;
    },
    get(apiVersion, kind, namespace, name) {
      return store.get(keyOf(resourceOf(apiVersion, kind)))?.get(`${namespace ?? ''}/${name}`);
    },
    async close() {
      for (const open of watches) open.response.destroy();
      watches.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A kubeconfig (YAML is a superset of JSON) that points client-node at the fake with its token. The fake
 * speaks plain HTTP on loopback, which client-node allows only with `insecure-skip-tls-verify`.
 */
export function kubeconfigFor(api: FakeKubeApi): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'recorded', cluster: { server: api.url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'operator', user: { token: api.token } }],
    contexts: [{ name: 'recorded', context: { cluster: 'recorded', user: 'operator' } }],
    'current-context': 'recorded',
  });
}

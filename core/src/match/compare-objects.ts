import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { listItemName } from '../k8s/list-item-name.ts';
import { ownField } from '../own-field.ts';
import { formatChangePath, type PathSegment } from './change-path.ts';
import { isInternalKey } from './is-internal-key.ts';
import { isZeroValue } from './is-zero-value.ts';
import { isPlaceholderCaBundle } from './placeholder-ca-bundle.ts';
import { isProviderFlattenDefault } from './provider-flatten-default.ts';
import { scalarsEqual } from './scalars-equal.ts';
import { isServerFilledZero } from './server-filled-zero.ts';
import { withoutZeroValues } from './without-zero-values.ts';

/** One differing field, before severity and ignore rules. `iac: null` marks an item present only live. */
export interface FieldChange {
  segments: PathSegment[];
  path: string;
  iac: JsonValue;
  live: JsonValue;
}

/** What {@link compareObjects} compares. */
export interface CompareObjectsOptions {
  /** Lowercase singular kind (`service`, `deployment`): a few rules depend on it. */
  kind: string;
  /** What the IaC side declares; only these fields are compared. */
  declared: JsonObject;
  /** The state's whole record of the object: live named-list items and map keys absent here are drift. */
  recorded: JsonObject;
  live: JsonObject;
  /** Formatted paths that are not compared for this object (a replica count an HPA owns). */
  skipPaths?: ReadonlySet<string>;
  /**
   * Default true: live map keys and list items that `recorded` lacks are additions. False for a
   * declaration of part of an object (patch-style resources alone): only what is declared is compared.
   */
  additions?: boolean;
}

// Server-written fields that are never drift. `status` and the type identifiers only at the top (an
// operator may read the object at another apiVersion than Terraform wrote), the rest inside any
// `metadata` (the object's own and pod templates').
const ROOT_SKIPPED: ReadonlySet<string> = new Set(['status', 'apiVersion', 'kind']);
const METADATA_SKIPPED: ReadonlySet<string> = new Set([
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
]);

// Lists that are named lists whenever their items have names; the CONTRACT's hand-added sidecar rule
// also applies when the IaC side leaves one of them out entirely.
const NAMED_LIST_KEYS: ReadonlySet<string> = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'env',
  'ports',
  'volumes',
  'volumeMounts',
  'volumeDevices',
  'imagePullSecrets',
]);

// Lists the provider keeps as Terraform sets (TypeSet): state holds them in hash order, not the API's,
// so their order is never drift. Items are scalars (strings, numbers).
const SET_KEYS: ReadonlySet<string> = new Set([
  'values', // matchExpressions / nodeSelectorTerms values
  'scopes', // ResourceQuota spec.scopes
  'accessModes',
  'mountOptions',
  'supplementalGroups',
  'externalIPs',
  'loadBalancerSourceRanges',
  'volumeLifecycleModes', // CSIDriver
  'usages', // CertificateSigningRequest (resource_kubernetes_certificate_signing_request_v1.go)
  // Pod (anti-)affinity terms' namespaces, topology spread matchLabelKeys (schema_affinity_spec.go,
  // schema_pod_spec.go), Ceph and Fibre Channel volumes' monitors and WWNs (schema_volume_source.go).
  'namespaces',
  'matchLabelKeys',
  'monitors',
  'targetWWNs',
  // RBAC rules: TypeSets in kubernetes_role(_v1) (resource_kubernetes_role_v1.go), and an order the
  // authorizer never looks at in any Role or ClusterRole (nor in webhook rules, which share the names).
  'apiGroups',
  'resources',
  'resourceNames',
  'nonResourceURLs',
  'verbs',
]);

// Endpoints' subsets and their addresses and ports are TypeSets of blocks in kubernetes_endpoints(_v1)
// (schema_endpoints.go): state holds them in the set's order, the API in the order they were sent, so
// items are paired by content before they are compared by index.
const ENDPOINTS_SET_KEYS: ReadonlySet<string> = new Set([
  'subsets',
  'addresses',
  'notReadyAddresses',
  'ports',
]);

// The DefaultTolerationSeconds admission plugin adds these to every Pod; the provider strips them from
// a typed Pod's state (flattenTolerations), so they are never a hand edit.
const ADMISSION_TOLERATIONS: ReadonlySet<string> = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
]);

function isScalar(value: JsonValue): boolean {
  return value === null || typeof value !== 'object';
}

/** Equal as multisets of scalars (order ignored), for Terraform-set lists. */
function sameSet(a: readonly JsonValue[], b: readonly JsonValue[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = a.map((item) => JSON.stringify(item)).sort();
  const sortedB = b.map((item) => JSON.stringify(item)).sort();
  return sortedA.every((item, index) => item === sortedB[index]);
}

// Admission adds the service-account token volume (and its mounts) to every Pod: never a hand edit.
const INJECTED_VOLUME_PREFIX = 'kube-api-access-';

// The Job controller stamps these onto a Job's selector and pod template labels: `batch.kubernetes.io/*`
// and, for compatibility, the legacy `controller-uid` and `job-name` (Kubernetes 1.27 release notes).
function isJobControllerLabel(key: string): boolean {
  return key === 'controller-uid' || key === 'job-name' || isInternalKey(key);
}

// DriftWise's own annotations (`driftwise.io/ignore`) steer the tool; they are not configuration.
const DRIFTWISE_PREFIX = 'driftwise.io/';

// Keys under which a free-form map can stand (see mapKind, which also checks where).
const MAP_KEYS: ReadonlySet<string> = new Set([
  'labels',
  'annotations',
  'data',
  'binaryData',
  'stringData',
  'nodeSelector',
  'matchLabels',
  'selector',
]);

type Kind = 'free-form' | 'free-form-metadata' | 'structured';

/**
 * Where the walk is: a linked list from the leaf up, so a step into a child costs one small object
 * rather than a copy of the whole path (objects hold hundreds of fields; the path is built only for a
 * change, or when a skipped path could match).
 */
interface At {
  parent: At | null;
  segment: PathSegment;
  depth: number;
}

function step(parent: At | null, segment: PathSegment): At {
  return { parent, segment, depth: parent === null ? 1 : parent.depth + 1 };
}

function segmentsOf(at: At | null): PathSegment[] {
  const out: PathSegment[] = [];
  for (let node = at; node !== null; node = node.parent) out.push(node.segment);
  return out.reverse();
}

/** The last two segments: all that value comparison looks at (a quantity map, a mode key). */
function tailOf(at: At): PathSegment[] {
  return at.parent === null ? [at.segment] : [at.parent.segment, at.segment];
}

function keyOf(at: At | null): string | undefined {
  return at !== null && 'key' in at.segment ? at.segment.key : undefined;
}

/**
 * Free-form string maps, where a key present live but not recorded is a hand edit; in structured objects
 * extra live keys are server defaults. Labels and annotations drop the keys controllers write.
 */
function mapKind(kind: string, at: At | null): Kind {
  if (at === null) return 'structured';
  const leaf = keyOf(at);
  const parent = keyOf(at.parent);
  if ((leaf === 'labels' || leaf === 'annotations') && parent === 'metadata') return 'free-form-metadata';
  if (at.depth === 1 && (leaf === 'data' || leaf === 'binaryData' || leaf === 'stringData'))
    return 'free-form';
  if (leaf === 'nodeSelector' || leaf === 'matchLabels') return 'free-form';
  if (kind === 'service' && at.depth === 2 && parent === 'spec' && leaf === 'selector') return 'free-form';
  return 'structured';
}

class Skips {
  readonly paths: ReadonlySet<string>;
  readonly maxDepth: number;

  constructor(paths: ReadonlySet<string>) {
    this.paths = paths;
    // A path of n segments has at least n-1 separators (`.` or `[`): deeper nodes need no formatting.
    this.maxDepth = Math.max(0, ...[...paths].map((path) => path.split(/[.[]/).length));
  }

  has(at: At): boolean {
    const leaf = keyOf(at);
    if (leaf === undefined) return false;
    if (at.depth === 1 && ROOT_SKIPPED.has(leaf)) return true;
    if (keyOf(at.parent) === 'metadata' && METADATA_SKIPPED.has(leaf)) return true;
    return at.depth <= this.maxDepth && this.paths.has(formatChangePath(segmentsOf(at)));
  }
}

function itemName(item: JsonValue | undefined): string | null {
  return isJsonObject(item) && typeof item.name === 'string' && item.name !== '' ? item.name : null;
}

/**
 * Items by name when every item of every side has a unique name; `null` means compare by index. A
 * Node's taints have no name: the API keys them by key and effect, and so does the comparison.
 */
function byName(
  lists: readonly (readonly JsonValue[])[],
  nameOf: (item: JsonValue | undefined) => string | null = itemName,
): Map<string, JsonObject>[] | null {
  if (lists.every((list) => list.length === 0)) return null;
  const maps: Map<string, JsonObject>[] = [];
  for (const list of lists) {
    const map = new Map<string, JsonObject>();
    for (const item of list) {
      const name = nameOf(item);
      if (name === null || map.has(name)) return null;
      map.set(name, item as JsonObject);
    }
    maps.push(map);
  }
  return maps;
}

/**
 * The server-side-apply key of an unnamed port: a container port is keyed by `containerPort` and
 * `protocol`, a Service port by `port` and `protocol` (the `+listMapKey`s of core/v1 ContainerPort and
 * ServicePort), `protocol` defaulting to TCP. `null` when the item is not a port of either shape.
 */
function portKey(item: JsonValue | undefined): string | null {
  if (!isJsonObject(item)) return null;
  const number = item.containerPort ?? item.port;
  const port = typeof number === 'string' && /^\d+$/.test(number) ? Number(number) : number;
  if (typeof port !== 'number' || !Number.isInteger(port)) return null;
  const protocol = typeof item.protocol === 'string' && item.protocol !== '' ? item.protocol : 'TCP';
  return `${item.containerPort === undefined ? 'port' : 'containerPort'}:${port}/${protocol}`;
}

/** Indexes of unnamed ports by their key, when every item of every side has a unique one. */
function byPortKey(lists: readonly (readonly JsonValue[])[]): Map<string, number>[] | null {
  const maps: Map<string, number>[] = [];
  for (const list of lists) {
    const map = new Map<string, number>();
    for (const [index, item] of list.entries()) {
      const key = portKey(item);
      if (key === null || map.has(key)) return null;
      map.set(key, index);
    }
    maps.push(map);
  }
  return maps;
}

/** Structural equality with the same meaning-based scalar rules, for recorded-vs-live item checks. */
function sameValue(a: JsonValue | undefined, b: JsonValue | undefined, at: At): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index], step(at, { index })));
  }
  if (isJsonObject(a) || isJsonObject(b)) {
    if (!isJsonObject(a) || !isJsonObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(ownField(a, key), ownField(b, key), step(at, { key })));
  }
  return scalarsEqual(a, b, tailOf(at));
}

class Comparison {
  readonly changes: FieldChange[] = [];
  readonly kind: string;
  readonly skips: Skips;
  readonly liveRoot: JsonObject;
  readonly additions: boolean;

  constructor(kind: string, skipPaths: ReadonlySet<string>, liveRoot: JsonObject, additions: boolean) {
    this.kind = kind;
    this.skips = new Skips(skipPaths);
    this.liveRoot = liveRoot;
    this.additions = additions;
  }

  push(at: At, iac: JsonValue | undefined, live: JsonValue | undefined): void {
    const segments = segmentsOf(at);
    // A removed item shows what was declared, in API shape (without typed state's zero fill).
    const declared = live === undefined || live === null ? withoutZeroValues(iac ?? null) : (iac ?? null);
    this.changes.push({ segments, path: formatChangePath(segments), iac: declared, live: live ?? null });
  }

  value(
    declared: JsonValue | undefined,
    recorded: JsonValue | undefined,
    live: JsonValue | undefined,
    at: At,
  ): void {
    if (declared === undefined || this.skips.has(at)) return;
    // A CA placeholder (`Cg==`) declares no CA: it compares as the `""` it stands for.
    if (isPlaceholderCaBundle(keyOf(at), declared)) declared = '';
    // An unset block, map or list (`null`, `[]`, `{}`: typed state writes all three) is compared in the
    // live value's own shape, so only hand-added named-list items and map keys can count against it.
    const unset =
      declared === null || ((Array.isArray(declared) || isJsonObject(declared)) && isZeroValue(declared));
    if (unset && isJsonObject(live)) {
      this.object({}, recorded, live, at);
    } else if (unset && Array.isArray(live)) {
      this.list([], recorded, live, at);
    } else if (Array.isArray(declared)) {
      this.list(declared, recorded, live, at);
    } else if (isJsonObject(declared)) {
      this.object(declared, recorded, live, at);
    } else if (live === undefined || live === null) {
      // Zero = unset: a declared zero equals an absent field; a declared non-zero one was removed, unless
      // the provider wrote it into state for an API value that was absent (mountPropagation "None").
      if (!isZeroValue(declared) && !isProviderFlattenDefault(this.kind, segmentsOf(at), declared))
        this.push(at, declared, null);
    } else if (isJsonObject(live) || Array.isArray(live)) {
      if (!(isZeroValue(declared) && isZeroValue(live))) this.push(at, declared, live);
    } else if (!scalarsEqual(declared, live, tailOf(at)) && !(isZeroValue(declared) && isZeroValue(live))) {
      // A declared zero against a non-zero live value is drift (`hostNetwork: false` vs `true`), unless
      // the server wrote that value as a consequence of another change (an allocated nodePort).
      if (isZeroValue(declared) && isServerFilledZero(this.kind, segmentsOf(at), live, this.liveRoot)) return;
      this.push(at, declared, live);
    }
  }

  object(
    declared: JsonObject,
    recorded: JsonValue | undefined,
    live: JsonValue | undefined,
    at: At | null,
  ): void {
    if (live !== undefined && live !== null && !isJsonObject(live)) {
      if (at !== null && (!isZeroValue(declared) || !isZeroValue(live))) this.push(at, declared, live);
      return;
    }
    const liveObject = live ?? {};
    const recordedObject = isJsonObject(recorded) ? recorded : {};
    for (const key of Object.keys(declared)) {
      this.value(declared[key], ownField(recordedObject, key), ownField(liveObject, key), step(at, { key }));
    }
    if (!this.additions) return;
    const kind = mapKind(this.kind, at);
    for (const key of Object.keys(liveObject)) {
      if (Object.hasOwn(declared, key)) continue;
      // Most extra live keys are server defaults of structured objects: decide on the key alone first.
      if (kind === 'structured' && !NAMED_LIST_KEYS.has(key) && !MAP_KEYS.has(key)) continue;
      const value = liveObject[key] as JsonValue;
      const child = step(at, { key });
      if (kind !== 'structured') {
        if (ownField(recordedObject, key) !== undefined) continue;
        if (kind === 'free-form-metadata' && (isInternalKey(key) || key.startsWith(DRIFTWISE_PREFIX)))
          continue;
        if (this.kind === 'job' && isJobControllerLabel(key)) continue;
        if (!this.skips.has(child)) this.push(child, null, value);
      } else if (Array.isArray(value) && NAMED_LIST_KEYS.has(key)) {
        // The IaC side leaves the list out, yet items may still have been added by hand.
        this.list([], ownField(recordedObject, key), value, child);
      } else if (isJsonObject(value) && mapKind(this.kind, child) !== 'structured') {
        this.object({}, ownField(recordedObject, key), value, child);
      }
    }
  }

  /**
   * A set of objects: each declared item is paired with the first unpaired live item it equals (compared
   * as everywhere, zero = unset), the rest by order; changes carry the live item's index. Unpaired live
   * items are additions unless recorded, unpaired declared ones removals.
   */
  setOfObjects(
    declared: readonly JsonValue[],
    recorded: readonly JsonValue[],
    live: readonly JsonValue[],
    at: At,
  ): void {
    const pairedWith: (number | undefined)[] = live.map(() => undefined);
    const unpaired: number[] = [];
    for (const [index, item] of declared.entries()) {
      const slot = live.findIndex((liveItem, liveIndex) => {
        if (pairedWith[liveIndex] !== undefined) return false;
        const probe = new Comparison(this.kind, new Set(), this.liveRoot, this.additions);
        probe.value(item, recorded[index], liveItem, step(at, { index: liveIndex }));
        return probe.changes.length === 0;
      });
      if (slot === -1) unpaired.push(index);
      // own-field: an array index, not a data key
      else pairedWith[slot] = index;
    }
    for (const [liveIndex, liveItem] of live.entries()) {
      const child = step(at, { index: liveIndex });
      const index = pairedWith[liveIndex] ?? unpaired.shift();
      if (index !== undefined) this.value(declared[index], recorded[index], liveItem, child);
      else if (this.additions && !recorded.some((item) => sameValue(item, liveItem, child)))
        this.push(child, null, liveItem);
    }
    for (const [offset, index] of unpaired.entries()) {
      const item = declared[index] as JsonValue;
      if (!isZeroValue(item)) this.push(step(at, { index: live.length + offset }), item, null);
    }
  }

  list(declared: JsonValue[], recorded: JsonValue | undefined, live: JsonValue | undefined, at: At): void {
    if (live !== undefined && live !== null && !Array.isArray(live)) {
      if (!isZeroValue(declared) || !isZeroValue(live)) this.push(at, declared, live);
      return;
    }
    const key = keyOf(at);
    let liveList = live ?? [];
    if (key === 'tolerations' && this.kind === 'pod') {
      liveList = liveList.filter(
        (item) => !(isJsonObject(item) && ADMISSION_TOLERATIONS.has(item.key as string)),
      );
    }
    if (key !== undefined && SET_KEYS.has(key) && declared.every(isScalar) && liveList.every(isScalar)) {
      if (!(isZeroValue(declared) && liveList.length === 0) && !sameSet(declared, liveList)) {
        this.push(at, declared, liveList);
      }
      return;
    }
    const recordedList = Array.isArray(recorded) ? recorded : [];
    const taints = key === 'taints' && this.kind === 'node';
    const named = byName([declared, liveList, recordedList], taints ? listItemName : itemName);
    if (named) {
      const [declaredByName, liveByName, recordedByName] = named as [
        Map<string, JsonObject>,
        Map<string, JsonObject>,
        Map<string, JsonObject>,
      ];
      for (const [name, item] of declaredByName) {
        const liveItem = liveByName.get(name);
        const child = step(at, { name });
        if (liveItem === undefined) this.push(child, item, null);
        else this.value(item, recordedByName.get(name), liveItem, child);
      }
      if (!this.additions) return;
      for (const [name, item] of liveByName) {
        if (declaredByName.has(name) || recordedByName.has(name)) continue;
        if ((key === 'volumes' || key === 'volumeMounts') && name.startsWith(INJECTED_VOLUME_PREFIX))
          continue;
        this.push(step(at, { name }), null, item);
      }
      return;
    }
    if (this.kind === 'endpoints' && key !== undefined && ENDPOINTS_SET_KEYS.has(key)) {
      this.setOfObjects(declared, recordedList, liveList, at);
      return;
    }
    const ports = key === 'ports' ? byPortKey([declared, liveList, recordedList]) : null;
    if (ports) {
      this.portList(declared, recordedList, liveList, ports, at);
      return;
    }
    const length = Math.max(declared.length, liveList.length);
    for (let index = 0; index < length; index++) {
      const child = step(at, { index });
      if (index < declared.length) {
        const item = declared[index] as JsonValue;
        if (index < liveList.length) this.value(item, recordedList[index], liveList[index], child);
        else if (!isZeroValue(item)) this.push(child, item, null);
      } else if (this.additions && !sameValue(recordedList[index], liveList[index], child)) {
        this.push(child, null, liveList[index]);
      }
    }
  }

  /**
   * Unnamed ports matched by their server-side-apply key, not by position: the API keeps them as a map
   * (a strategic merge or an apply adds a port at the end), so the same ports in another order are in
   * sync. A matched or added item is addressed by its live index, so `changed_by` finds its entry.
   */
  portList(
    declared: JsonValue[],
    recorded: JsonValue[],
    live: JsonValue[],
    keys: Map<string, number>[],
    at: At,
  ): void {
    const [declaredKeys, liveKeys, recordedKeys] = keys as [
      Map<string, number>,
      Map<string, number>,
      Map<string, number>,
    ];
    const unmatchedLive = new Set<number>();
    for (const [key, index] of liveKeys) {
      if (!declaredKeys.has(key) && !recordedKeys.has(key)) unmatchedLive.add(index);
    }
    for (const [key, index] of declaredKeys) {
      const item = declared[index] as JsonValue;
      const liveIndex = liveKeys.get(key);
      if (liveIndex !== undefined) {
        const recordedIndex = recordedKeys.get(key);
        const recordedItem = recordedIndex === undefined ? undefined : recorded[recordedIndex];
        this.value(item, recordedItem, live[liveIndex], step(at, { index: liveIndex }));
      } else if (unmatchedLive.delete(index)) {
        // A port whose number or protocol was edited in place: one change of that field, not a removal
        // and an addition at the same index.
        this.value(item, recorded[index], live[index], step(at, { index }));
      } else if (!isZeroValue(item)) {
        this.push(step(at, { index }), item, null);
      }
    }
    if (!this.additions) return;
    for (const index of unmatchedLive) this.push(step(at, { index }), null, live[index] as JsonValue);
  }
}

/**
 * The fields where a live object differs from what the IaC side declares. Walks `declared` only, so
 * server defaults and server-written fields are not drift; zero values (`""`, `0`, `false`, `null`, `[]`,
 * `{}`) are "unset" and equal an absent live field; named lists (items with a `name`) are matched by name,
 * unnamed ports by port and protocol, other lists by index; in free-form maps (labels, annotations, `data`, selectors) and named lists, live
 * keys and items absent from `recorded` are additions (`iac: null`). Values compare by meaning (see
 * {@link scalarsEqual}).
 *
 * @example
 * compareObjects({ kind: 'configmap', declared: { data: { A: '1' } }, recorded: { data: { A: '1' } },
 *   live: { data: { A: '2' } } }) // [{ path: 'data.A', iac: '1', live: '2', … }]
 */
export function compareObjects({
  kind,
  declared,
  recorded,
  live,
  skipPaths = new Set(),
  additions = true,
}: CompareObjectsOptions): FieldChange[] {
  const comparison = new Comparison(kind, skipPaths, live, additions);
  comparison.object(declared, recorded, live, null);
  return comparison.changes;
}

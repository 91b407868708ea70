import type { JsonObject, JsonValue } from './json.ts';

/**
 * A Kubernetes object as the operator saw it in the cluster, normalized for matching.
 * `object` is the API object (camelCase) with Secret values already replaced by keyed hashes.
 */
export interface LiveResource {
  /** Canonical resource ID: `k8s/<kind>/<namespace>/<name>` or `k8s/<kind>/<name>`. */
  id: string;
  /** Lowercase singular kind: `deployment`, `configmap`, `clusterrole`. */
  kind: string;
  /** `null` for cluster-scoped objects. */
  namespace: string | null;
  name: string;
  /** `metadata.uid` when the object has one. */
  uid: string | null;
  /**
   * True when a controller owns the object (`metadata.ownerReferences` with `controller: true`) or the
   * control plane created it (`kube-root-ca.crt`, the `default` ServiceAccount…): never reported `extra`,
   * not counted in `summary.live`.
   */
  controlled: boolean;
  object: JsonObject;
}

/** Where an IaC resource comes from: a state source (named by the caller) and a Terraform address. */
export interface IacOrigin {
  /** Name of the state source, set by the caller (`null` when there is none, e.g. the CLI). */
  state_source: string | null;
  /** Full instance address: `module.app.kubernetes_deployment_v1.api`, `kubernetes_deployment_v1.site["ja"]`. */
  address: string;
}

/** A Kubernetes object declared in Terraform state, translated into the Kubernetes API's shape. */
export interface IacResource {
  id: string;
  kind: string;
  namespace: string | null;
  name: string;
  uid: string | null;
  /** Terraform resource type: `kubernetes_deployment_v1`, `kubernetes_manifest`. */
  terraform_type: string;
  origin: IacOrigin;
  /**
   * What Terraform declares, in API shape (camelCase, plural lists, objects). Zero values from typed
   * state (`""`, `0`, `false`, `[]`, `{}`, `null`) are kept: the matcher treats them as "unset".
   * Terraform-only and server-computed attributes (`id`, `timeouts`, `wait_for_rollout`,
   * `metadata.uid`, `resourceVersion`, `generation`) are not here.
   */
  declared: JsonObject;
  /**
   * The state's whole record of the object, in API shape: for typed resources the same as `declared`,
   * for `kubernetes_manifest` the union of `manifest` and `object`. A named-list item or map key
   * present live but absent here is drift (a hand-added sidecar).
   */
  recorded: JsonObject;
}

/** `missing` (in IaC, not live), `extra` (live, not in IaC), `changed` (both, differing declared fields). */
export type DriftStatus = 'missing' | 'extra' | 'changed';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** One differing field. Values are in API shape; `iac: null` marks an item present only live. */
export interface DriftChange {
  /** Dotted path; named list items by name (`containers[api].image`), others by index (`ports[0].port`). */
  path: string;
  iac: JsonValue;
  live: JsonValue;
  severity: Severity;
  /** Present (true) only when an ignore rule or annotation hides this change. */
  ignored?: true;
  /** The rule that hid it: a `.driftignore` line, or `annotation driftwise.io/ignore: <value>`. */
  ignore_rule?: string;
}

/** One resource that is not in sync. The shape is the CONTRACT's drift item, minus `first_seen_*`. */
export interface DriftItem {
  status: DriftStatus;
  resource_id: string;
  normalized_type: string;
  namespace: string | null;
  name: string;
  severity: Severity;
  iac: IacOrigin | null;
  changes: DriftChange[];
  ignored: boolean;
  /** Present only when `ignored` is true. */
  ignore_rule?: string;
}

export interface DriftSummary {
  live: number;
  iac: number;
  in_sync: number;
  missing: number;
  extra: number;
  changed: number;
  coverage: number;
}

/** The matcher's answer: ordered by status (`missing`, `extra`, `changed`) then `resource_id`. */
export interface DriftResult {
  summary: DriftSummary;
  items: DriftItem[];
}

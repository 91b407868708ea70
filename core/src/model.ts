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
   * The field manager Terraform writes the object with: `HashiCorp` for typed resources, a
   * `kubernetes_manifest`'s `field_manager.name` (default `Terraform`). Absent in resources stored
   * before it existed; `iacFieldManagers` then derives it from `terraform_type`.
   */
  field_manager?: string;
  /**
   * How much of the object the resource declares. Absent: the whole object (typed resources,
   * manifests, a `helm_release`'s rendered objects). `fields`: a patch-style resource
   * (`kubernetes_labels`, `kubernetes_env`, …) that declares only what it sets on an object it does
   * not own: compared merged with the object's other declarations, never `missing` on its own, never
   * a source of additions or undeclared fields. `release`: a `helm_release` itself (`helm_release`
   * says which release), which makes the live objects that release installed managed (never `extra`)
   * without declaring a field of them; such a resource is not an object and is not counted.
   */
  declares?: 'fields' | 'release';
  /** `declares: 'release'` only: the release's name and namespace, as Helm stamps them on its objects. */
  helm_release?: { name: string; namespace: string };
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

/** CONTRACT `changes[].changed_by`: the managedFields entry that last wrote the live value. */
export interface ChangedBy {
  manager: string;
  /** `Update` or `Apply`. */
  operation: string;
  /** `scale`, `status`, …; `null` for the main resource. */
  subresource: string | null;
  /** RFC 3339, as the API wrote it; `null` when the entry has none. */
  time: string | null;
}

/** One differing field. Values are in API shape; `iac: null` marks an item present only live. */
export interface DriftChange {
  /** Dotted path; named list items by name (`containers[api].image`), others by index (`ports[0].port`). */
  path: string;
  iac: JsonValue;
  live: JsonValue;
  severity: Severity;
  /** Who last wrote the live value; `null` when nobody's entry covers it or the field was removed. */
  changed_by: ChangedBy | null;
  /**
   * Present when the field is declared by another resource than the item's `iac`: a patch-style
   * resource (`kubernetes_labels`, `kubernetes_env`, …) whose declaration was merged into the object's.
   */
  declared_by?: IacOrigin;
  /** Present (true) for a field the IaC side does not declare that a person changed by hand. */
  undeclared?: true;
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
  /** True when the drift equals an accepted baseline's (no baseline exists yet: always false). */
  accepted: boolean;
}

export interface DriftSummary {
  live: number;
  iac: number;
  in_sync: number;
  missing: number;
  extra: number;
  changed: number;
  /** Items an accepted baseline covers, counted here instead of under their status. */
  accepted: number;
  coverage: number;
}

/** CONTRACT `warnings[].code`. */
export type DriftWarningCode = 'empty_scope' | 'no_state_source' | 'skipped_terraform_types';

/** Something about the inputs that makes the drift less than it seems (a mistyped namespace). */
export interface DriftWarning {
  code: DriftWarningCode;
  message: string;
  /** `skipped_terraform_types` only: each type not read and its instance count, by type. */
  types?: { type: string; count: number }[];
}

/** The matcher's answer: ordered by status (`missing`, `extra`, `changed`) then `resource_id`. */
export interface DriftResult {
  summary: DriftSummary;
  warnings: DriftWarning[];
  items: DriftItem[];
}

import { annotationIgnoreRules } from '../ignore/annotation-ignore-rules.ts';
import { type IgnoreMatcher, ignoreMatcher } from '../ignore/ignore-matcher.ts';
import type { IgnoreRule } from '../ignore/parse-ignore-rules.ts';
import { changedBy } from '../managed-fields/changed-by.ts';
import { iacFieldManagers } from '../managed-fields/iac-field-managers.ts';
import { managedFieldsEntries } from '../managed-fields/managed-fields-entries.ts';
import { DEFAULT_PERSON_TOOLS, personToolMatcher } from '../managed-fields/person-tools.ts';
import type {
  DriftChange,
  DriftItem,
  DriftResult,
  IacOrigin,
  IacResource,
  LiveResource,
  Severity,
} from '../model.ts';
import { type Declaration, declaringPatch } from './combine-declarations.ts';
import { compareObjects } from './compare-objects.ts';
import { driftItemOrder } from './drift-item-order.ts';
import { driftWarnings, type StateSourceInfo } from './drift-warnings.ts';
import { hpaTargets } from './hpa-targets.ts';
import { pairResources } from './pair-resources.ts';
import { redactChangeValues } from './redact-change-values.ts';
import { scopedDeclarations } from './scoped-declarations.ts';
import { serverManagedPaths } from './server-managed-paths.ts';
import { changeSeverity, highestSeverity, resourceSeverity } from './severity.ts';
import { summarizeDrift } from './summarize-drift.ts';
import { undeclaredChanges } from './undeclared-changes.ts';

/** What {@link matchDrift} compares. */
export interface MatchDriftOptions {
  live: LiveResource[];
  iac: IacResource[];
  /** The report's namespace, or `'*'` for a whole-cluster report. */
  namespace: string;
  /** Parsed `.driftignore` rules (see `parseIgnoreRules`). */
  ignoreRules?: IgnoreRule[];
  /**
   * Field managers that are a person's tool (`*` wildcards), for undeclared fields; default
   * `DEFAULT_PERSON_TOOLS`, an org's list from `parsePersonTools(ignoreText)`.
   */
  personTools?: readonly string[];
  /**
   * The state sources that apply, for the `no_state_source` and `skipped_terraform_types` warnings;
   * omitted, neither is given (`empty_scope` still is).
   */
  stateSources?: readonly StateSourceInfo[];
  /**
   * Incremental matching (issue 9): called for each in-scope live object that can have items (paired, or
   * not controller-owned); the items it returns stand for the object's own (`extra` or `changed`) instead of
   * matching it again, `undefined` matches it. Return only items of a match under the same rules, of the
   * same object in the same context ({@link matchContexts}): the result is then that of a full match.
   */
  reuse?: (live: LiveResource) => readonly DriftItem[] | undefined;
}

/**
 * The rules that apply to one live object: its `driftwise.io/ignore` annotation first, then the
 * `.driftignore` rules, so a `.driftignore` rule (a `!` rule in particular) overrides the annotation.
 */
function matcherFor(live: LiveResource, fileMatcher: IgnoreMatcher): IgnoreMatcher {
  const rules = annotationIgnoreRules(live);
  if (rules.length === 0) return fileMatcher;
  const annotationMatcher = ignoreMatcher(rules);
  return (resourceId, path) => fileMatcher(resourceId, path) ?? annotationMatcher(resourceId, path);
}

function hiddenBy(matcher: IgnoreMatcher, resourceId: string, path: string | null): string | null {
  const rule = matcher(resourceId, path);
  return rule === null || rule.negated ? null : rule.text;
}

function wholeItem(
  status: 'missing' | 'extra',
  resource: LiveResource | IacResource,
  iac: IacResource | null,
  matcher: IgnoreMatcher,
): DriftItem {
  const rule = hiddenBy(matcher, resource.id, null);
  const object = 'object' in resource ? resource.object : resource.declared;
  return {
    status,
    resource_id: resource.id,
    normalized_type: `k8s/${resource.kind}`,
    namespace: resource.namespace,
    name: resource.name,
    severity: resourceSeverity({ kind: resource.kind, status, object }),
    iac: iac === null ? null : iac.origin,
    changes: [],
    ignored: rule !== null,
    ...(rule === null ? {} : { ignore_rule: rule }),
    accepted: false,
  };
}

function sameOrigin(a: IacOrigin, b: IacOrigin): boolean {
  return a.state_source === b.state_source && a.address === b.address;
}

function changedItem(
  declaration: Declaration,
  live: LiveResource,
  skipPaths: ReadonlySet<string>,
  matcher: IgnoreMatcher,
  isPersonTool: (manager: string) => boolean,
): DriftItem | null {
  const iac = declaration.resource;
  // Patches alone declare only what they set: no additions, no undeclared fields around them. A
  // release's object without a rendered manifest declares nothing at all, so nothing is compared.
  const partial = declaration.whole === null;
  const fields = compareObjects({
    kind: live.kind,
    declared: iac.declared,
    recorded: iac.recorded,
    live: live.object,
    skipPaths,
    additions: !partial,
  });
  const entries = managedFieldsEntries(live.object);
  // The patches' own managers (`Terraform` by default) write for Terraform: never a person's.
  const patchManagers = declaration.patches.flatMap((patch) => iacFieldManagers(patch));
  const isPatchManager = personToolMatcher(patchManagers);
  const isPerson =
    patchManagers.length === 0
      ? isPersonTool
      : (manager: string) => isPersonTool(manager) && !isPatchManager(manager);
  // Only an object with managedFields can say a person wrote an undeclared field.
  const undeclared =
    entries.length === 0 || declaration.whole === null
      ? []
      : undeclaredChanges({
          kind: live.kind,
          declared: iac.declared,
          live: live.object,
          entries,
          // Bounded by the whole declaration's own writes: a later label patch adopts no spec edit.
          iacManagers: iacFieldManagers(declaration.whole),
          isPersonTool: isPerson,
          reported: fields.map((field) => field.path),
          skipPaths,
        });
  if (fields.length === 0 && undeclared.length === 0) return null;
  const attributed = [
    // CONTRACT: a removed field (`live: null`) has no writer to name.
    ...fields.map((field) => ({
      field,
      by: field.live === null ? null : changedBy(entries, live.object, field.segments),
      undeclared: false,
    })),
    ...undeclared.map((field) => ({ field, by: field.changed_by, undeclared: true })),
  ];
  const changes: DriftChange[] = attributed
    .map(({ field, by, undeclared: isUndeclared }) => {
      const severity = changeSeverity({ kind: live.kind, ...field });
      const { path, iac: iacValue, live: liveValue } = redactChangeValues(live.kind, field);
      const rule = hiddenBy(matcher, live.id, path);
      const patch = isUndeclared ? null : declaringPatch(declaration, field.segments);
      const declaredBy = patch === null || sameOrigin(patch.origin, iac.origin) ? null : patch.origin;
      const change: DriftChange = {
        path,
        iac: iacValue,
        live: liveValue,
        severity,
        changed_by: by,
        ...(declaredBy === null ? {} : { declared_by: declaredBy }),
        ...(isUndeclared ? { undeclared: true as const } : {}),
      };
      return rule === null ? change : { ...change, ignored: true as const, ignore_rule: rule };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shown = changes.filter((change) => change.ignored !== true);
  const ignored = shown.length === 0;
  const severity: Severity = highestSeverity((ignored ? changes : shown).map((change) => change.severity));
  return {
    status: 'changed',
    resource_id: live.id,
    normalized_type: `k8s/${live.kind}`,
    namespace: live.namespace,
    name: live.name,
    severity,
    iac: iac.origin,
    changes,
    ignored,
    ...(ignored ? { ignore_rule: changes[0]?.ignore_rule ?? '' } : {}),
    accepted: false,
  };
}

/**
 * Matches live Kubernetes objects against the IaC resources that declare them and reports the drift
 * (CONTRACT "Scans and drift", less `first_seen_*`):
 *
 * - scope: in a namespace report only resources of that namespace count on either side; `'*'` takes all;
 * - one declaration per object ({@link combineDeclarations}): patch-style resources (`kubernetes_labels`,
 *   `kubernetes_env`, …) merged into the object's whole declaration, or compared alone on only what they
 *   set and never `missing`; objects a `helm_release` installed managed by it (changes on a patch's field
 *   carry its origin in `declared_by`);
 * - pairing by UID where both sides carry one, then by canonical ID ({@link pairResources});
 * - `missing`: declared, not live; `extra`: live, undeclared and not controller-owned; `changed`: the
 *   declared fields differ ({@link compareObjects}), with a live HPA's target's `spec.replicas` and
 *   other server-managed paths left out ({@link serverManagedPaths}), or a person's tool wrote a field
 *   the IaC side does not declare after Terraform's last write ({@link undeclaredChanges});
 * - `changed_by` per change from the live object's managedFields ({@link changedBy});
 * - `warnings` about the inputs ({@link driftWarnings});
 * - severity per change and item ({@link changeSeverity}, {@link resourceSeverity});
 * - ignore rules and the `driftwise.io/ignore` annotation hide items or changes, which stay in the
 *   result with `ignored: true` and `ignore_rule`, and do not count in the summary;
 * - items by status (`missing`, `extra`, `changed`) then `resource_id`, changes by `path`: the same
 *   input in any order gives the same result.
 *
 * @example
 * const { summary, items } = matchDrift({ live, iac, namespace: 'payments', ignoreRules: parseIgnoreRules(text) });
 */
export function matchDrift({
  live,
  iac,
  namespace,
  ignoreRules = [],
  personTools = DEFAULT_PERSON_TOOLS,
  stateSources,
  reuse = () => undefined,
}: MatchDriftOptions): DriftResult {
  const { scopedLive, declarations } = scopedDeclarations({ live, iac, namespace });
  const declarationOf = new Map(declarations.map((declaration) => [declaration.resource, declaration]));
  const targets = hpaTargets(live);
  const fileMatcher = ignoreMatcher(ignoreRules);
  const isPersonTool = personToolMatcher(personTools);
  const { pairs, unpairedIac, unpairedLive } = pairResources(
    scopedLive,
    declarations.map((declaration) => declaration.resource),
  );
  // Patches alone never make their target missing (the provider reads a deleted target as a warning):
  // with no live object they are not an object of the scan either.
  const absentPatches = new Set(
    unpairedIac.filter((resource) => declarationOf.get(resource)?.whole === null),
  );
  const scopedIac = declarations
    .map((declaration) => declaration.resource)
    .filter((resource) => !absentPatches.has(resource));

  const items: DriftItem[] = [];
  for (const resource of unpairedIac) {
    if (absentPatches.has(resource)) continue;
    items.push(wholeItem('missing', resource, resource, fileMatcher));
  }
  for (const resource of unpairedLive) {
    // CONTRACT: objects owned by a controller (ReplicaSets, Pods, Jobs of a CronJob) are never extra.
    if (resource.controlled) continue;
    const previous = reuse(resource);
    if (previous) items.push(...previous);
    else items.push(wholeItem('extra', resource, null, matcherFor(resource, fileMatcher)));
  }
  // An object declared twice (two state sources) has one item per declaration: kept ones come at once.
  const kept = new Set<LiveResource>();
  for (const { iac: declared, live: object } of pairs) {
    if (kept.has(object)) continue;
    const previous = reuse(object);
    if (previous) {
      items.push(...previous);
      kept.add(object);
      continue;
    }
    const skipPaths = serverManagedPaths({ live: object, hpaTargets: targets });
    const declaration = declarationOf.get(declared) as Declaration;
    const item = changedItem(declaration, object, skipPaths, matcherFor(object, fileMatcher), isPersonTool);
    if (item !== null) items.push(item);
  }
  items.sort(driftItemOrder);
  return {
    summary: summarizeDrift({ live: scopedLive, iac: scopedIac, items }),
    warnings: driftWarnings({
      namespace,
      liveInScope: scopedLive.length,
      iacInScope: scopedIac.length,
      stateSources,
    }),
    items,
  };
}

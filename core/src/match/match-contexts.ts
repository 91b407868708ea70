import type { IacResource, LiveResource } from '../model.ts';
import { hpaTargets } from './hpa-targets.ts';
import type { MatchDriftOptions } from './match-drift.ts';
import { pairResources } from './pair-resources.ts';
import { scopedDeclarations } from './scoped-declarations.ts';

/**
 * Bump when the matcher's output for the same inputs changes (a new rule, a new field of an item): drift
 * kept from an earlier scan (incremental ingest) is reused only under the same version.
 */
export const MATCHER_VERSION = 1;

/** What the drift items of one live object depend on, besides the object itself and the org's rules. */
export interface MatchContext {
  live: LiveResource;
  /**
   * The declarations paired with it (none: it is `extra`, or controller-owned), in pairing order; one
   * with patches merged in is followed by the whole resource and the patches it was made of.
   */
  iac: IacResource[];
  /** A live HPA scales it (its `spec.replicas` is not compared). */
  hpaTarget: boolean;
}

/**
 * The context of each in-scope live object, as {@link matchDrift} sees it: the same declarations
 * ({@link scopedDeclarations}), the same pairing ({@link pairResources}) and the same HPA targets. Issue 9 (incremental ingest): an object whose content
 * and context are those of the previous scan, under the same rules, has the same drift items, so the
 * caller may hand them back through `matchDrift`'s `reuse` instead of matching it again.
 *
 * @example
 * matchContexts({ live, iac, namespace: 'payments' }) // [{ live, iac: [declared], hpaTarget: false }, …]
 */
export function matchContexts({
  live,
  iac,
  namespace,
}: Pick<MatchDriftOptions, 'live' | 'iac' | 'namespace'>): MatchContext[] {
  const { scopedLive, declarations } = scopedDeclarations({ live, iac, namespace });
  const declarationOf = new Map(declarations.map((declaration) => [declaration.resource, declaration]));
  const targets = hpaTargets(live);
  const { pairs } = pairResources(
    scopedLive,
    declarations.map((declaration) => declaration.resource),
  );
  const declaring = new Map<LiveResource, IacResource[]>();
  for (const pair of pairs) {
    const list = declaring.get(pair.live) ?? [];
    list.push(pair.iac);
    // A merged declaration also brings what it was merged from: their origins and field managers decide
    // `declared_by` and who is a person.
    const declaration = declarationOf.get(pair.iac);
    if (declaration && declaration.patches.length > 0)
      list.push(...(declaration.whole ? [declaration.whole] : []), ...declaration.patches);
    declaring.set(pair.live, list);
  }
  return scopedLive.map((resource) => ({
    live: resource,
    iac: declaring.get(resource) ?? [],
    hpaTarget: targets.has(resource.id),
  }));
}

import type { IacResource, LiveResource } from '../model.ts';
import { combineDeclarations, type Declaration } from './combine-declarations.ts';

/** The live objects of a scope and the IaC side as declarations, as the matcher pairs them. */
export interface ScopedDeclarations {
  scopedLive: LiveResource[];
  declarations: Declaration[];
}

/**
 * The in-scope live objects and one declaration per declared object ({@link combineDeclarations}): the
 * step {@link matchDrift} and {@link matchContexts} share, so that what incremental ingest hashes is what
 * the matcher compares (patches merged in, objects a `helm_release` installed managed by it).
 *
 * @example
 * scopedDeclarations({ live, iac, namespace: 'shop' }) // { scopedLive: [...], declarations: [...] }
 */
export function scopedDeclarations({
  live,
  iac,
  namespace,
}: {
  live: readonly LiveResource[];
  iac: readonly IacResource[];
  namespace: string;
}): ScopedDeclarations {
  const inScope = (resourceNamespace: string | null) => namespace === '*' || resourceNamespace === namespace;
  const scopedLive = live.filter((resource) => inScope(resource.namespace));
  // A release installs objects in any namespace (and cluster-scoped ones): every release applies.
  const releases = iac.filter((resource) => resource.declares === 'release');
  const declarations = combineDeclarations(
    iac.filter((resource) => resource.declares !== 'release' && inScope(resource.namespace)),
    scopedLive,
    releases,
  );
  return { scopedLive, declarations };
}

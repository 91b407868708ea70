import { isJsonObject } from '../json.ts';
import type { LiveResource } from '../model.ts';
import type { IgnoreRule } from './parse-ignore-rules.ts';

/** The annotation with which a live object opts paths of itself (or itself) out of drift. */
export const IGNORE_ANNOTATION = 'driftwise.io/ignore';

/**
 * The ignore rules a live object carries in its `driftwise.io/ignore` annotation: a comma-separated
 * list of path globs (`"spec.replicas,metadata.labels"`), or `"*"` for the whole object. Each rule
 * applies to that object alone, has `line` 0, and reads `annotation driftwise.io/ignore: <value>`.
 * Entries are trimmed and empty ones skipped; live data never throws.
 *
 * @example
 * annotationIgnoreRules(live) // [{ line: 0, resource: live.id, path: 'spec.replicas', negated: false,
 * //                              text: 'annotation driftwise.io/ignore: spec.replicas' }]
 */
export function annotationIgnoreRules(live: LiveResource): IgnoreRule[] {
  const metadata = live.object.metadata;
  const annotations = isJsonObject(metadata) ? metadata.annotations : undefined;
  const value = isJsonObject(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
  if (typeof value !== 'string') return [];
  const text = `annotation ${IGNORE_ANNOTATION}: ${value}`;
  // The resource glob is the object's own ID: IDs hold no `*`, so it matches that ID only.
  const resource = live.id;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({ line: 0, text, negated: false, resource, path: entry === '*' ? null : entry }));
}

import type { StatePathStep } from '@driftwise/core';
import type { HclBlock } from '../hcl/hcl-block.ts';
import type { Span } from '../hcl/span.ts';
import { walkSteps } from './walk-steps.ts';

/** Where a change path landed inside a resource block. */
export interface LocatedSteps {
  /** The head of the deepest node reached: `replicas = 3`, `container {`, `schedule = "…"`. */
  head: Span;
  /** True when every step was found; false when the walk stopped at an ancestor (computed value, added item). */
  exact: boolean;
}

/**
 * Walks HCL attribute steps (core's `toStatePath` output) down from a resource block. A step that cannot
 * be followed (a computed value, a list item that only exists live) stops the walk at the deepest node
 * found, so the drift still shows on the nearest line that declares it.
 * @example locateSteps(block, [{ attribute: 'spec' }, { attribute: 'replicas' }]) // head of `replicas = 3`
 */
export function locateSteps(block: HclBlock, steps: readonly StatePathStep[]): LocatedSteps {
  const chain = walkSteps(block, steps);
  return { head: chain.at(-1)!.head, exact: chain.length === steps.length + 1 };
}

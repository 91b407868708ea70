/** Lets each message through once until `reset()`: a failing refresh every 60 s logs its error once. */
export interface MessageFilter {
  /** True the first time `message` is seen since the last reset. */
  first(message: string): boolean;
  /** Forget what was seen (after a clean refresh), so a returning error is logged again. */
  reset(): void;
}

/**
 * @example const errors = createMessageFilter(); if (errors.first(text)) output.error(text);
 */
export function createMessageFilter(): MessageFilter {
  const seen = new Set<string>();
  return {
    first(message) {
      if (seen.has(message)) return false;
      seen.add(message);
      return true;
    },
    reset() {
      seen.clear();
    },
  };
}

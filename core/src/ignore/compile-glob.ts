/** Which kind of string a glob is matched against: resource IDs (`/`-separated) or change paths. */
export type GlobTarget = 'resource' | 'path';

/** Tests a whole resource ID or change path against a compiled glob. */
export type GlobMatcher = (text: string) => boolean;

type Token = { type: 'char'; char: string } | { type: 'star'; stop: string } | { type: 'any' };

function tokenize(glob: string, target: GlobTarget): Token[] {
  const tokens: Token[] = [];
  let inBrackets = false;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        while (glob[i + 1] === '*') i++;
        tokens.push({ type: 'any' });
      } else {
        tokens.push({ type: 'star', stop: target === 'resource' ? '/' : inBrackets ? ']' : '.' });
      }
      continue;
    }
    if (target === 'path' && char === '[') inBrackets = true;
    if (target === 'path' && char === ']') inBrackets = false;
    tokens.push({ type: 'char', char });
  }
  return tokens;
}

/** Marks the states reachable without reading a character: a wildcard may match nothing. */
function closure(tokens: readonly Token[], states: boolean[]): boolean[] {
  for (let j = 0; j < tokens.length; j++) {
    if (states[j] && tokens[j]?.type !== 'char') states[j + 1] = true;
  }
  return states;
}

/**
 * Compiles an ignore-rule glob into a matcher of whole strings.
 *
 * - `**` matches any run of characters;
 * - `*` matches any run except the separator: `/` in resource IDs, `.` in paths, and `]` inside a
 *   path's `[…]` (so `containers[*].image` matches `containers[api].image` and an env var name with dots);
 * - every other character is literal, `[` and `]` included.
 *
 * A `path` glob also matches everything below a matched path (`metadata.labels` matches
 * `metadata.labels.team`, `containers[api]` matches `containers[api].image`). Matching simulates the
 * glob as a state machine, in time linear in glob × text: a rule like `*a*a*a*a*b` cannot make a scan
 * backtrack for minutes the way a regular expression would.
 *
 * @example
 * compileGlob('k8s/*\/kube-system/*', 'resource')('k8s/deployment/kube-system/coredns') // true
 */
export function compileGlob(glob: string, target: GlobTarget): GlobMatcher {
  const tokens = tokenize(glob, target);
  const end = tokens.length;
  return (text) => {
    let states = closure(tokens, [true]);
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      // A path glob that has matched a whole prefix covers what lies below it.
      if (target === 'path' && i > 0 && states[end] && (char === '.' || char === '[')) return true;
      const next: boolean[] = [];
      let alive = false;
      for (let j = 0; j < end; j++) {
        if (!states[j]) continue;
        const token = tokens[j] as Token;
        if (token.type === 'char' ? token.char === char : token.type === 'any' || token.stop !== char) {
          // A character moves past a literal; a wildcard reads it and stays.
          next[token.type === 'char' ? j + 1 : j] = true;
          alive = true;
        }
      }
      if (!alive) return false;
      states = closure(tokens, next);
    }
    return states[end] === true;
  };
}

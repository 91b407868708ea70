import { DriftwiseError } from '../errors.ts';
import { DEFAULT_PERSON_TOOLS } from './person-tools.ts';

/** The directive, a comment to the ignore-rule parser, so older readers of the file skip it. */
const DIRECTIVE = /^\s*#\s*driftwise:person-tools(?=\s|$)(.*)$/;
const ENTRY = /^-?[A-Za-z0-9*][A-Za-z0-9._:@/*+-]{0,127}$/;

/**
 * The person's-tool managers of an org, from its `.driftignore` text: the defaults
 * ({@link DEFAULT_PERSON_TOOLS}) changed by directive lines, applied in order:
 *
 * ```
 * # driftwise:person-tools rancher headlamp-*   ← adds managers (`*` wildcards)
 * # driftwise:person-tools -kubernetes-dashboard ← removes one (a default or an earlier addition)
 * ```
 *
 * A directive is a `#` comment, so the ignore rules read it as nothing; a bad entry throws
 * `DriftwiseError('invalid_ignore_rule')` naming the line, like a bad rule.
 *
 * @example
 * parsePersonTools('# driftwise:person-tools rancher -k9s') // ['kubectl', 'kubectl-*', 'Lens', …, 'rancher']
 */
export function parsePersonTools(text: string): string[] {
  const tools = [...DEFAULT_PERSON_TOOLS];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i] ?? '');
    if (!match) continue;
    const entries = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
    if (entries.length === 0) {
      throw new DriftwiseError(
        'invalid_ignore_rule',
        `line ${i + 1}: driftwise:person-tools needs managers`,
        {
          line: i + 1,
        },
      );
    }
    for (const entry of entries) {
      if (!ENTRY.test(entry) || entry === '-') {
        throw new DriftwiseError(
          'invalid_ignore_rule',
          `line ${i + 1}: "${entry.slice(0, 130)}" is not a field manager name (letters, digits, . _ : @ / * + -)`,
          { line: i + 1 },
        );
      }
      const name = entry.startsWith('-') ? entry.slice(1) : entry;
      const at = tools.indexOf(name);
      if (entry.startsWith('-')) {
        if (at !== -1) tools.splice(at, 1);
      } else if (at === -1) {
        tools.push(name);
      }
    }
  }
  return tools;
}

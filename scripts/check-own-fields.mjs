#!/usr/bin/env node
// Objects that core, the operator, the worker and the extension build from data (a ConfigMap's keys, a
// CRD's spec, state attribute maps) must get their keys through core's `defineField`: `out[key] = value`
// on a plain object calls Object.prototype's `__proto__` setter for the key `__proto__`, a valid
// Kubernetes data key, and the key is lost without an error. This flags every assignment whose subscript
// is a name or a member expression (`out[key] =`, `node[item.type] ??=`); an array index (`out[i + 1]`,
// `out[o++]`, a call) is not flagged, and a line that must assign anyway says why in an
// `own-field: <reason>` comment. A cheap line check, not a type-aware rule: `Object.assign` and a
// subscript that calls a function (`out[literal(key)]`) are not seen, so review still matters. Run by
// `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOTS = ['core/src', 'operator/src', 'worker/src', 'extension/src'];
// `target[key] =`, `a.b[c.d] ??=`, not `==` / `===`; the subscript only names and dots.
const ASSIGNMENT = /[\w$)\]]\[\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\]\s*(?:=(?!=)|\?\?=|\|\|=|&&=)/;
const ALLOWED = /\/\/ own-field: \S/;

const files = execFileSync(
  'git',
  ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...ROOTS],
  { encoding: 'utf8' },
)
  .split('\0')
  .filter((file, i, all) => file.endsWith('.ts') && !file.endsWith('.test.ts') && all.indexOf(file) === i);
const hits = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree but still in the index
  }
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    if (!ASSIGNMENT.test(code)) return;
    if (ALLOWED.test(line) || ALLOWED.test(lines[index - 1] ?? '')) return;
    hits.push(`${file}:${index + 1}: ${line.trim()}`);
  });
}
if (hits.length > 0) {
  console.error(
    `check-own-fields: ${hits.length} assignment(s) by a computed key; use defineField (core/src/define-field.ts),` +
      ' or say why with a "// own-field: <reason>" comment:',
  );
  for (const hit of hits) console.error(`  ${hit}`);
  process.exit(1);
}

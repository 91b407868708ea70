#!/usr/bin/env node
// The repository stands on its own: no tracked file may point at the requirement inputs that live
// outside it (the workspace's shared folder beside the clone, its toolchain notes). Run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Built from parts so that this file does not match itself.
const patterns = [['..', 'shared'].join('/'), ['TOOLCHAIN', 'md'].join('.')];
// The tracked files; without git or a .git folder (the operator image's build stage: .dockerignore leaves
// .git out), every file of the tree but the installed and generated folders .dockerignore also leaves out.
const SKIPPED = new Set(['node_modules', 'dist', '.wrangler', '.tools', '.git']);
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}
let files;
try {
  files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\0')
    .filter(Boolean);
} catch {
  files = walk('.');
}
const hits = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree but still in the index
  }
  text.split('\n').forEach((line, index) => {
    if (patterns.some((pattern) => line.includes(pattern))) hits.push(`${file}:${index + 1}: ${line.trim()}`);
  });
}
if (hits.length > 0) {
  console.error(`check-self-contained: ${hits.length} line(s) refer to files outside the repository:`);
  for (const hit of hits) console.error(`  ${hit}`);
  process.exit(1);
}

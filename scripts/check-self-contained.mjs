#!/usr/bin/env node
// The repository stands on its own: no tracked file may point at the requirement inputs that live
// outside it (the workspace's shared folder beside the clone, its toolchain notes). Run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Built from parts so that this file does not match itself.
const patterns = [['..', 'shared'].join('/'), ['TOOLCHAIN', 'md'].join('.')];
const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
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

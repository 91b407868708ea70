#!/usr/bin/env node
// Runs before every npm script that needs a newer Node (the `pre*` hooks): plain JavaScript, no imports,
// so that it runs on any Node and says in one line what to do instead of Node's own
// "bad option: --experimental-strip-types". The minimum is the root package.json's `engines.node`.
const required = [22, 12];
const actual = process.versions.node.split('.').map(Number);
const newEnough = actual[0] > required[0] || (actual[0] === required[0] && actual[1] >= required[1]);
if (!newEnough) {
  console.error(
    'driftwise: Node ' +
      process.versions.node +
      ' is too old, this needs Node >= ' +
      required.join('.') +
      ': run `nvm install` or `fnm use` here (.nvmrc), or `npm install --prefix .tools node@24 && export PATH="$PWD/.tools/node_modules/.bin:$PATH"` (see docs/development.md)',
  );
  process.exit(1);
}

#!/usr/bin/env node
// Plain JavaScript, so that it starts on any Node and can choose what to run:
// - in the repository (cli/ is there), the TypeScript sources, so a change needs no build step; Node
//   strips the types itself from 22.18/23.6 on (`process.features.typescript`);
// - in the packed package (only bin/ and dist/), the bundle `npm run build -w core` wrote, which runs on
//   Node >= 20 and carries its dependencies.
import { existsSync } from 'node:fs';

const source = new URL('../cli/driftwise.ts', import.meta.url);
const bundle = new URL('../dist/cli.js', import.meta.url);
const stripsTypes = Boolean(process.features?.typescript);

let entry;
if (existsSync(source) && stripsTypes) entry = source;
else if (existsSync(bundle)) entry = bundle;
else {
  console.error(
    `driftwise: Node ${process.versions.node} cannot run the sources: use Node >= 22.18 (.nvmrc), or build the bundle with \`npm run build -w core\``,
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));

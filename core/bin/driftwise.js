#!/usr/bin/env -S node --experimental-strip-types
// Node runs the TypeScript sources directly (type stripping: default on Node ≥ 22.18, flag on 22.12).
import { main } from '../cli/driftwise.ts';

process.exitCode = await main(process.argv.slice(2));

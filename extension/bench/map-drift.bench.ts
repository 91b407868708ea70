// Benchmark: parse and map 2,000 resource blocks across a 20,000-line workspace (20 files).
// Prints `BENCH <name> <value> <unit>` lines. Goals: cold (parse every file + map) < 200 ms,
// warm (files unchanged, a new scan mapped again) < 50 ms.
// Run: node extension/bench/map-drift.bench.ts   (or: npm run bench -w extension)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ScanDrift } from '../src/api/scan-types.ts';
import { loadHclParser } from '../src/hcl/hcl-parser.ts';
import { mapDrift } from '../src/locate/map-drift.ts';
import { createTerraformWorkspace } from '../src/locate/terraform-workspace.ts';

const FILES = 20;
const BLOCKS_PER_FILE = 100;
const ROUNDS = 7;

const require = createRequire(import.meta.url);
const parser = await loadHclParser({
  runtimeWasmPath: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  grammarWasmPath: join(
    dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')),
    'tree-sitter-terraform.wasm',
  ),
});

/** A 10-line Deployment block, like the ones real workspaces are full of. */
function block(name: string): string {
  return `resource "kubernetes_deployment_v1" "${name}" {
  spec {
    replicas = 3
    template {
      spec {
        container { image = "r/${name}:1" }
      }
    }
  }
}
`;
}

const files = Array.from({ length: FILES }, (_, f) => ({
  ref: { uri: `file:///bench/m${f}/main.tf`, path: `/bench/m${f}/main.tf` },
  text: Array.from({ length: BLOCKS_PER_FILE }, (_, b) => block(`d${f}_${b}`)).join(''),
}));
const lines = files.reduce((sum, file) => sum + file.text.split('\n').length - 1, 0);

/** Every block drifted on two fields: the worst case for mapping. */
function driftFor(scanId: string): ScanDrift {
  const items = files.flatMap((_, f) =>
    Array.from({ length: BLOCKS_PER_FILE }, (_, b) => ({
      status: 'changed' as const,
      resource_id: `k8s/deployment/bench/d${f}-${b}`,
      normalized_type: 'k8s/deployment',
      namespace: 'bench',
      name: `d${f}-${b}`,
      severity: 'medium' as const,
      iac: { state_source: 'main', address: `kubernetes_deployment_v1.d${f}_${b}` },
      changes: [
        { path: 'spec.replicas', iac: 3, live: 6, severity: 'low' as const },
        { path: 'spec.template.spec.containers[0].image', iac: 'a', live: 'b', severity: 'medium' as const },
      ],
      ignored: false,
    })),
  );
  const summary = {
    live: items.length,
    iac: items.length,
    in_sync: 0,
    missing: 0,
    extra: 0,
    changed: items.length,
    coverage: 1,
  };
  return {
    scan_id: scanId,
    cluster_id: 'bench',
    namespace: 'bench',
    created_at: new Date().toISOString(),
    summary,
    items,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// The floor under "cold": tree-sitter parsing alone.
const parseOnly: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const started = performance.now();
  const trees = files.map((file) => parser.parse(file.text));
  parseOnly.push(performance.now() - started);
  for (const tree of trees) tree.delete();
}

const cold: number[] = [];
const warm: number[] = [];
let located = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  const workspace = createTerraformWorkspace(parser);
  const drift = driftFor(`scan-${round}`);
  let started = performance.now();
  for (const file of files) workspace.setFile(file.ref, file.text);
  located = mapDrift(workspace, [drift]).length;
  cold.push(performance.now() - started);

  // Warm: later refreshes bring new scans; no file changed, so nothing is parsed again.
  for (let refresh = 0; refresh < 3; refresh += 1) {
    const next = driftFor(`scan-${round}-${refresh}`);
    started = performance.now();
    for (const file of files) workspace.setFile(file.ref, file.text);
    mapDrift(workspace, [next]);
    warm.push(performance.now() - started);
  }
  workspace.dispose();
}

if (located !== FILES * BLOCKS_PER_FILE)
  throw new Error(`located ${located} blocks, expected ${FILES * BLOCKS_PER_FILE}`);
console.log(
  `# ${FILES} files, ${lines} lines, ${FILES * BLOCKS_PER_FILE} resource blocks, ${located} drifted; median of ${ROUNDS}`,
);
console.log(`BENCH extension.map.2k.cold_first ${cold[0]!.toFixed(1)} ms`);
console.log(`BENCH extension.map.2k.cold ${median(cold).toFixed(1)} ms`);
console.log(`BENCH extension.map.2k.warm ${median(warm).toFixed(1)} ms`);
console.log(`BENCH extension.parse_only.2k ${median(parseOnly).toFixed(1)} ms`);

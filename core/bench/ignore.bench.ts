// `npm run bench` (core part): issue 7 defect 2. The matcher over a 5,000-item drift (5,000 objects, every
// one hand-edited) with 2,000 `.driftignore` rules, beside the same match with no rules in the same run.
// Goal: the ratio ≤ 2 (the rules are compiled once per scan and indexed by their literal resource prefix).
import {
  matchDrift,
  parseIgnoreRules,
  readTerraformState,
  secretHasher,
  toLiveResources,
} from '../src/index.ts';
import { operatorReportRequestSchema } from '../src/schema/operator-report.ts';
import { bench, time } from './bench-timer.ts';
import { generateCluster } from './generate-cluster.ts';

const hasher = secretHasher('bench', 'k1test');
const ITEMS = 5_000;
const RULES = 2_000;

/**
 * 2,000 rules as a team writes them: per-object field rules (some hit the drift, most name objects that
 * do not exist), namespace-wide globs, negations, and a few wildcard-led rules every ID must consider.
 */
function rulesText(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < RULES; i++) {
    const namespace = `team-${i % 50}`;
    switch (i % 8) {
      case 0:
        lines.push(`k8s/deployment/${namespace}/stockkeeper-${i}:spec.template.spec.containers[*].image`);
        break;
      case 1:
        lines.push(`k8s/configmap/${namespace}/absent-${i}:data.*`);
        break;
      case 2:
        lines.push(`k8s/service/${namespace}/stockkeeper-${i}:spec.ports`);
        break;
      case 3:
        lines.push(
          `!k8s/deployment/team-${(i - 3) % 50}/stockkeeper-${i - 3}:spec.template.spec.containers[*].image`,
        );
        break;
      case 4:
        lines.push(`k8s/secret/${namespace}/*`);
        break;
      case 5:
        lines.push(`k8s/deployment/${namespace}/worker-*:metadata.labels.*`);
        break;
      case 6:
        lines.push(i % 400 === 6 ? '*/kube-system/*' : `k8s/cronjob/${namespace}/nightly-${i}`);
        break;
      default:
        lines.push(
          `k8s/configmap/${namespace}/stockkeeper-settings-${i}:data.RESERVATION_TTL   # owned by the app`,
        );
    }
  }
  return lines.join('\n');
}

const { stateText, reportText, drifted } = generateCluster(ITEMS, { driftEvery: 1 });
const iac = readTerraformState(stateText, { secretHasher: hasher }).resources;
const live = toLiveResources(operatorReportRequestSchema.parse(JSON.parse(reportText)), {
  secretHasher: hasher,
});
const ignoreRules = parseIgnoreRules(rulesText());
if (ignoreRules.length !== RULES)
  throw new Error(`bench: expected ${RULES} rules, got ${ignoreRules.length}`);

const runs = 7;
const withoutRules = time(runs, () => matchDrift({ live, iac, namespace: '*' })).ms;
const withRules = time(runs, () => matchDrift({ live, iac, namespace: '*', ignoreRules }));
const items = withRules.result.items;
if (items.length !== drifted) throw new Error(`bench: expected ${drifted} drift items, got ${items.length}`);
bench('core.ignore.no_rules.5k_items.match_ms', withoutRules, 'ms');
bench('core.ignore.2000_rules.5k_items.match_ms', withRules.ms, 'ms');
bench('core.ignore.2000_rules.5k_items.vs_no_rules', withRules.ms / withoutRules, 'x', 2);
const ignored = items.filter((item) => item.ignored).length;
// The rules must do work: some hide items, a `!` rule un-hides others again.
if (ignored === 0) throw new Error('bench: the rules hid no item');
bench('core.ignore.2000_rules.5k_items.ignored_items', ignored, 'items');

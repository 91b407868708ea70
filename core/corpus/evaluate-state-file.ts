import { DriftwiseError, readTerraformState, secretHasher } from '../src/index.ts';
import { countKubernetesInstances } from './count-kubernetes-instances.ts';

/** The reader's result on one real state file, checked against the independent count. */
export interface StateFileResult {
  file: string;
  terraform_version: string | null;
  format: number | string | null;
  /** Instances the independent walk finds (managed, not deposed). */
  instances: number;
  /** …that the reader turned into a resource (matched by address). */
  read: number;
  /** …that the reader counted in `skipped` (the `skipped_terraform_types` warning). */
  warned: number;
  /** Addresses neither read nor counted: a silent loss. */
  lost: string[];
  /** Read under another name than the raw attributes give it: `address: raw → read`. */
  misread: string[];
  /** Resources the reader produced that the walk does not list (should never happen). */
  unexpected: string[];
  /** Types warned about, with their counts. */
  skipped: Record<string, number>;
  data: number;
  deposed: number;
  /** The reader's error (`code: message`, first issues), when it refused the file. */
  error: string | null;
}

const HASHER = secretHasher(new Uint8Array(32), 'corpus');

/**
 * Reads one state file with core's reader and accounts for every Kubernetes instance the raw JSON holds:
 * read, warned (counted as a skipped type), or lost.
 *
 * @example
 * evaluateStateFile('a.tfstate', text).lost // [] when nothing is dropped silently
 */
export function evaluateStateFile(file: string, text: string): StateFileResult {
  let raw: unknown = null;
  try {
    raw = JSON.parse(text);
  } catch {
    // The reader says why below.
  }
  const count = countKubernetesInstances(raw);
  const result: StateFileResult = {
    file,
    terraform_version:
      raw !== null && typeof raw === 'object' && 'terraform_version' in raw
        ? String((raw as { terraform_version: unknown }).terraform_version)
        : null,
    format: count.format,
    instances: count.managed.length,
    read: 0,
    warned: 0,
    lost: [],
    misread: [],
    unexpected: [],
    skipped: {},
    data: count.data,
    deposed: count.deposed,
    error: null,
  };
  let read: ReturnType<typeof readTerraformState>;
  try {
    read = readTerraformState(text, { secretHasher: HASHER, stateSource: file });
  } catch (error) {
    if (!(error instanceof DriftwiseError)) throw error;
    const issues = error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ');
    result.error = `${error.code}: ${error.message}${issues === '' ? '' : ` (${issues})`}`.replace(
      /\s+/g,
      ' ',
    );
    result.lost = count.managed.map((instance) => instance.address);
    return result;
  }
  // One instance may stand for several resources (a helm_release and the objects it rendered): an
  // instance is read when any resource carries its address.
  const readNames = new Map<string, Set<string>>();
  for (const resource of read.resources) {
    const names = readNames.get(resource.origin.address) ?? new Set<string>();
    names.add(resource.name);
    readNames.set(resource.origin.address, names);
  }
  const counted = new Set(count.managed.map((instance) => instance.address));
  const skippedLeft: Record<string, number> = { ...read.skipped };
  for (const instance of count.managed) {
    const names = readNames.get(instance.address);
    if (names !== undefined) {
      result.read++;
      if (instance.name !== undefined && !names.has(instance.name))
        result.misread.push(`${instance.address}: ${instance.name} → ${[...names].join(', ')}`);
    } else if ((skippedLeft[instance.type] ?? 0) > 0) {
      result.warned++;
      skippedLeft[instance.type]!--;
      result.skipped[instance.type] = (result.skipped[instance.type] ?? 0) + 1;
    } else {
      result.lost.push(instance.address);
    }
  }
  for (const address of readNames.keys()) {
    if (!counted.has(address)) result.unexpected.push(address);
  }
  return result;
}

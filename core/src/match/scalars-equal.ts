import type { JsonValue } from '../json.ts';
import type { PathSegment } from './change-path.ts';
import { quantitiesEqual } from './quantity.ts';

// Maps whose values are resource quantities: a container's `resources.limits/requests`, ResourceQuota
// `spec.hard` (and `status.used`), LimitRange `spec.limits[].default/defaultRequest/max/min/
// maxLimitRequestRatio`, a node's or PV's `capacity`, a RuntimeClass's `overhead.podFixed`.
const QUANTITY_MAPS: ReadonlySet<string> = new Set([
  'limits',
  'requests',
  'hard',
  'used',
  'capacity',
  'allocatable',
  'podFixed',
  'default',
  'defaultRequest',
  'max',
  'min',
  'maxLimitRequestRatio',
]);
// Quantity fields outside those maps: emptyDir `sizeLimit`, and `storage` / `ephemeral-storage` wherever
// they stand (PVC and volume claim templates' requests are also caught by the maps above).
const QUANTITY_KEYS: ReadonlySet<string> = new Set(['sizeLimit', 'storage', 'ephemeral-storage']);
// File modes: typed state writes them as octal strings (`"0644"`), the API as decimal numbers (420).
const MODE_KEYS: ReadonlySet<string> = new Set(['defaultMode', 'mode']);

const OCTAL = /^0[0-7]+$/;
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

function keyAt(segments: readonly PathSegment[], fromEnd: number): string | undefined {
  const segment = segments[segments.length - fromEnd];
  return segment && 'key' in segment ? segment.key : undefined;
}

/** True when the field at `segments` holds a Kubernetes quantity (`cpu: 500m`, `sizeLimit: 1Gi`). */
function isQuantityField(segments: readonly PathSegment[]): boolean {
  const leaf = keyAt(segments, 1);
  const parent = keyAt(segments, 2);
  return (
    (leaf !== undefined && QUANTITY_KEYS.has(leaf)) || (parent !== undefined && QUANTITY_MAPS.has(parent))
  );
}

function numberEqualsText(value: number, text: string): boolean {
  return DECIMAL.test(text) && Number(text) === value;
}

/**
 * Compares a declared scalar with a live one by meaning rather than by representation:
 * quantities in resource-like fields (`1000m` = `1`, `1Gi` = `1024Mi`), int-or-string values
 * (number `8080` = string `"8080"`, typed state's `replicas = "2"` = live `2`), and octal file modes
 * (`"0644"` = `420`). Secret values are hashes on both sides and compare as plain strings.
 *
 * @example
 * scalarsEqual('500m', '0.5', [{ key: 'limits' }, { key: 'cpu' }]) // true
 */
export function scalarsEqual(
  declared: JsonValue,
  live: JsonValue,
  segments: readonly PathSegment[],
): boolean {
  if (declared === live) return true;
  const leaf = keyAt(segments, 1);
  if (leaf !== undefined && MODE_KEYS.has(leaf)) {
    if (typeof declared === 'string' && typeof live === 'number' && OCTAL.test(declared)) {
      return Number.parseInt(declared, 8) === live;
    }
    if (typeof live === 'string' && typeof declared === 'number' && OCTAL.test(live)) {
      return Number.parseInt(live, 8) === declared;
    }
  }
  const comparable = (v: JsonValue) => typeof v === 'string' || typeof v === 'number';
  if (comparable(declared) && comparable(live) && isQuantityField(segments)) {
    return quantitiesEqual(declared as string | number, live as string | number);
  }
  if (typeof declared === 'number' && typeof live === 'string') return numberEqualsText(declared, live);
  if (typeof declared === 'string' && typeof live === 'number') return numberEqualsText(live, declared);
  return false;
}

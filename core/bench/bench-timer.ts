// The core benchmarks' shared tools: `BENCH <name> <value> <unit>` lines and median timings.

/** `global.gc` under `node --expose-gc`, else a no-op (timings are then noisier, not wrong). */
export const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Prints one `BENCH <name> <value> <unit>` line; non-integers with `digits` decimals. */
export function bench(name: string, value: number, unit: string, digits = 1): void {
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(digits)} ${unit}`);
}

/** Median wall time of `runs` calls, in ms, each after a collection; the last result is returned for checks. */
export function time<T>(runs: number, fn: () => T): { ms: number; result: T } {
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    result = fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, result };
}

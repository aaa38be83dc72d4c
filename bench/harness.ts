// A small benchmark harness: timed loops calibrated to a minimum duration, reported as operations per
// second, and ratios against a baseline measured in the same run.

/** One measured figure. */
export interface Figure {
  readonly name: string;
  readonly opsPerSec: number;
  readonly nsPerOp: number;
  readonly ops: number;
}

/** Runs `fn` repeatedly for at least `minMs` (after a warm-up) and reports its rate. */
export function measure(name: string, fn: () => unknown, minMs = 1500): Figure {
  let sink: unknown;
  const warmUntil = performance.now() + Math.min(300, minMs / 4);
  while (performance.now() < warmUntil) for (let i = 0; i < 100; i++) sink = fn();
  let batch = 100;
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  const minNs = BigInt(Math.round(minMs * 1e6));
  while (elapsedNs < minNs) {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    elapsedNs = process.hrtime.bigint() - start;
    if (elapsedNs < minNs / 10n) batch *= 2;
  }
  keep(sink);
  const ns = Number(elapsedNs);
  return { name, opsPerSec: (ops * 1e9) / ns, nsPerOp: ns / ops, ops };
}

let kept: unknown;
function keep(value: unknown): void {
  kept = value;
  if (kept === Symbol.for('never')) console.log(kept);
}

/** Formats a rate with thousands separators. */
export function rate(opsPerSec: number): string {
  return Math.round(opsPerSec).toLocaleString('en-US');
}

/** Heap in use after a full collection (needs `--expose-gc`). */
export function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** A ratio as a whole percentage. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}

/** Prints a section heading and rows. */
export function report(title: string, rows: readonly string[]): void {
  console.log(`\n## ${title}`);
  for (const row of rows) console.log(row);
}

/**
 * Measures every contender once per round, in the same order each round, and returns each one's
 * results (contender by contender, round by round). On a VM whose speed drifts by tens of percent
 * within a minute, a ratio between two figures taken a minute apart measures the drift as much as
 * the servers; taken in the same round, seconds apart, both sides of a ratio move together.
 */
export async function inRounds<T>(rounds: number, contenders: readonly (() => Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, contender] of contenders.entries()) results[i]?.push(await contender());
  }
  return results;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Round-by-round ratios of two series measured in the same rounds, and their median. */
export interface PairedRatios {
  readonly median: number;
  readonly each: readonly number[];
}

/** The ratios of `measured` to `baseline`, round by round. */
export function pairedRatios(measured: readonly number[], baseline: readonly number[]): PairedRatios {
  const each = measured.map((value, i) => value / (baseline[i] ?? Number.NaN));
  return { median: median(each), each };
}

/** `12% of bare (rounds 10%, 12%, 15%)`. */
export function percentOf(ratio: PairedRatios, baseline: string): string {
  return `${percent(ratio.median)} of ${baseline} (rounds ${ratio.each.map(percent).join(', ')})`;
}

/** `14.5× moto (rounds 13.4×, 17.1×, 13.1×)`. */
export function timesOf(ratio: PairedRatios, baseline: string): string {
  const times = (r: number) => `${r.toFixed(1)}×`;
  return `${times(ratio.median)} ${baseline} (rounds ${ratio.each.map(times).join(', ')})`;
}

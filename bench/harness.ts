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

/** Prints a section heading and rows. */
export function report(title: string, rows: readonly string[]): void {
  console.log(`\n## ${title}`);
  for (const row of rows) console.log(row);
}

// Go's time.ParseDuration format, as kube2iam's duration flags take it ("15m", "1h30m", "2s", "500ms").

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Milliseconds of a Go duration; undefined when it is not one. A bare "0" is zero. */
export function parseGoDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  if (t === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < t.length) {
    const start = PART.lastIndex;
    const m = PART.exec(t);
    if (m === null || m.index !== start) return undefined;
    const unit = UNIT_MS[m[2] ?? ''];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
  }
  return total;
}

// Go's strconv.ParseBool and strconv.ParseInt(s, 10, 64), which upstream uses to read annotation
// values: the same strings are accepted and refused here.

/** strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** strconv.ParseInt(text, 10, 64) as a number; undefined for a syntax or range error. */
export function parseGoInt64(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value > INT64_MAX || value < INT64_MIN) return undefined;
  return Number(value);
}

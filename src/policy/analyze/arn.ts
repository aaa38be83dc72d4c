// ARNs in Resource elements and the ARN formats of the Service Authorization Reference.
// IAM User Guide, "IAM identifiers" (ARN format `arn:partition:service:region:account-id:resource`) and
// "IAM JSON policy elements: Resource" (wildcards `*` and `?` and policy variables may appear in any segment).

/** The six segments of an ARN: `arn`, partition, service, region, account, resource (which keeps its colons). */
export type ArnSegments = readonly [string, string, string, string, string, string];

/** Splits an ARN into its six segments; undefined when it has fewer than six. */
export function splitArn(text: string): ArnSegments | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  const [a, b, c, d, e, f] = parts;
  if (a === undefined || b === undefined || c === undefined || d === undefined || e === undefined || f === undefined) {
    return undefined;
  }
  return [a, b, c, d, e, f];
}

/** The partitions AWS has (AWS General Reference, "Amazon Resource Names (ARNs)"). */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** True when a policy value has a wildcard or a policy variable, so that it stands for many strings. */
export function isPattern(text: string): boolean {
  return text.includes('*') || text.includes('?') || text.includes('${');
}

type Token = { readonly kind: 'literal'; readonly char: string } | { readonly kind: 'any'; readonly colon: boolean; readonly repeat: boolean };

const STAR: Token = { kind: 'any', colon: true, repeat: true };
const ONE: Token = { kind: 'any', colon: true, repeat: false };

/** Tokens of a policy value: `*` any run, `?` one character, a `${variable}` any run. */
function policyTokens(text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '$' && text.charAt(i + 1) === '{') {
      const close = text.indexOf('}', i);
      if (close > 0) {
        out.push(STAR);
        i = close;
        continue;
      }
    }
    if (ch === '*') out.push(STAR);
    else if (ch === '?') out.push(ONE);
    else out.push({ kind: 'literal', char: ch });
  }
  return out;
}

/** Tokens of an ARN format: each `${Placeholder}` is one or more characters (no colon in the fixed segments). */
function formatTokens(text: string, colonInPlaceholders: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '$' && text.charAt(i + 1) === '{') {
      const close = text.indexOf('}', i);
      if (close > 0) {
        out.push({ kind: 'any', colon: colonInPlaceholders, repeat: false });
        out.push({ kind: 'any', colon: colonInPlaceholders, repeat: true });
        i = close;
        continue;
      }
    }
    out.push({ kind: 'literal', char: ch });
  }
  return out;
}

function accepts(token: Token, char: string): boolean {
  return token.kind === 'literal' ? token.char === char : token.colon || char !== ':';
}

/** True when some character is accepted by both tokens. */
function compatible(a: Token, b: Token): boolean {
  if (a.kind === 'literal') return accepts(b, a.char);
  if (b.kind === 'literal') return accepts(a, b.char);
  return true;
}

/** True when two token sequences can match a common string (the product of two small automata). */
function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const id = i * width + j;
    if (seen[id] === 0) {
      seen[id] = 1;
      stack.push(id);
    }
  };
  while (stack.length > 0) {
    const id = stack.pop() ?? 0;
    const i = Math.floor(id / width);
    const j = id % width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta !== undefined && ta.kind === 'any' && ta.repeat) push(i + 1, j);
    if (tb !== undefined && tb.kind === 'any' && tb.repeat) push(i, j + 1);
    if (ta !== undefined && tb !== undefined && compatible(ta, tb)) {
      const ni = ta.kind === 'any' && ta.repeat ? i : i + 1;
      const nj = tb.kind === 'any' && tb.repeat ? j : j + 1;
      if (ni !== i || nj !== j) push(ni, nj);
      // A repeating token may also consume the character and stop repeating.
      if (ta.kind === 'any' && ta.repeat) push(i + 1, nj);
      if (tb.kind === 'any' && tb.repeat) push(ni, j + 1);
    }
  }
  return false;
}

/** True when a policy value's segment and an ARN format's segment can name the same text. */
export function segmentMatchesFormat(value: string, format: string, colonInPlaceholders: boolean): boolean {
  return intersects(policyTokens(value), formatTokens(format, colonInPlaceholders));
}

/**
 * True when a Resource value can name a resource of this ARN format. The value may be a whole-ARN
 * pattern (`arn:aws:s3:::pics/*`, `arn:aws:iam::*:role/*`, `*`); the format's partition, region and
 * account placeholders never contain colons.
 */
export function arnMatchesFormat(value: string, format: string): boolean {
  const formatSegments = splitArn(format);
  if (formatSegments === undefined) return false;
  const tokens: Token[] = [];
  formatSegments.forEach((segment, i) => {
    if (i > 0) tokens.push({ kind: 'literal', char: ':' });
    tokens.push(...formatTokens(segment, i === 5));
  });
  return intersects(policyTokens(value), tokens);
}

/** True when a policy pattern matches every string another pattern matches (`jane*` covers `jane-admin`). */
export function patternCovers(broad: string, narrow: string, ignoreCase: boolean): boolean {
  if (broad === narrow) return true;
  const b = ignoreCase ? broad.toLowerCase() : broad;
  const n = ignoreCase ? narrow.toLowerCase() : narrow;
  if (b === n) return true;
  // Greedy check: every literal run of the broad pattern must appear, in order, in the narrow one,
  // and `?` in the broad pattern must face a literal character of the narrow one.
  const memo = new Map<string, boolean>();
  const covers = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === b.length) result = j === n.length;
    else if (b.charAt(i) === '*') {
      result = false;
      for (let k = j; k <= n.length && !result; k++) result = covers(i + 1, k);
    } else if (j === n.length) result = false;
    else if (n.charAt(j) === '*') result = false;
    else if (b.charAt(i) === '?') result = covers(i + 1, j + 1);
    else result = b.charAt(i) === n.charAt(j) && n.charAt(j) !== '?' && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

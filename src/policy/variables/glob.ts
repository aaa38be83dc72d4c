// Wildcard patterns whose literal parts may come from policy variables.
// IAM User Guide, "String condition operators" (StringLike: `*` matches any run of characters, `?` one
// character) and "IAM policy elements: Variables and tags" (special characters: `${*}`, `${?}` and `${$}`
// stand for a literal `*`, `?` and `$`). A pattern is a list of tokens, so a `*` that came from `${*}`
// or from a substituted value stays a literal character while a `*` written in the policy is a wildcard.

/** The `*` wildcard: any run of characters, including none. */
export const ANY_RUN: unique symbol = Symbol('*');
/** The `?` wildcard: exactly one character. */
export const ANY_CHAR: unique symbol = Symbol('?');

/** One token of a pattern: literal text, or a wildcard. */
export type GlobToken = string | typeof ANY_RUN | typeof ANY_CHAR;

/** A compiled pattern test. */
export type GlobMatcher = (value: string) => boolean;

/** Appends literal text to a token list, merging it with a literal token before it. */
export function pushLiteral(out: GlobToken[], text: string): void {
  if (text === '') return;
  const last = out.length - 1;
  const previous = out[last];
  if (typeof previous === 'string') out[last] = previous + text;
  else out.push(text);
}

/** Appends policy text whose `*` and `?` are wildcards. */
export function pushPattern(out: GlobToken[], text: string): void {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 42 /* * */ && ch !== 63 /* ? */) continue;
    pushLiteral(out, text.slice(start, i));
    if (ch === 63) out.push(ANY_CHAR);
    else if (out[out.length - 1] !== ANY_RUN) out.push(ANY_RUN);
    start = i + 1;
  }
  pushLiteral(out, text.slice(start));
}

/**
 * Matches a value against a token list without compiling it (for patterns rendered per request).
 * Greedy with backtracking to the last `*`, which is enough for `*`/`?` patterns: linear in practice,
 * O(pattern × value) at worst, never exponential.
 */
export function matchGlob(tokens: readonly GlobToken[], value: string): boolean {
  let t = 0;
  let v = 0;
  let starToken = -1;
  let starValue = 0;
  for (;;) {
    if (t < tokens.length) {
      const token = tokens[t];
      if (token === ANY_RUN) {
        starToken = t;
        starValue = v;
        t++;
        continue;
      }
      if (token === ANY_CHAR) {
        if (v < value.length) {
          v++;
          t++;
          continue;
        }
      } else if (token !== undefined && value.startsWith(token, v)) {
        v += token.length;
        t++;
        continue;
      }
    } else if (v === value.length) {
      return true;
    }
    if (starToken < 0 || starValue >= value.length) return false;
    starValue++;
    v = starValue;
    t = starToken + 1;
  }
}

const always: GlobMatcher = () => true;

/** Compiles a token list once into the cheapest test for its shape. */
export function compileGlob(tokens: readonly GlobToken[]): GlobMatcher {
  const [first, second] = tokens;
  if (tokens.length === 0) return (value) => value === '';
  if (tokens.length === 1) {
    if (first === ANY_RUN) return always;
    if (typeof first === 'string') return (value) => value === first;
  }
  if (tokens.length === 2 && typeof first === 'string' && second === ANY_RUN) return (value) => value.startsWith(first);
  if (tokens.length === 2 && first === ANY_RUN && typeof second === 'string') return (value) => value.endsWith(second);
  let source = '^';
  for (const token of tokens) {
    if (token === ANY_RUN) source += '[\\s\\S]*';
    else if (token === ANY_CHAR) source += '[\\s\\S]';
    else source += token.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  const regex = new RegExp(`${source}$`);
  return (value) => regex.test(value);
}

/** True when the tokens contain a wildcard. */
export function hasWildcardToken(tokens: readonly GlobToken[]): boolean {
  return tokens.some((token) => typeof token !== 'string');
}

/**
 * Splits a token list into the six colon-separated components of an ARN; the sixth keeps any further
 * colons. Undefined when there are fewer than six components ("ARN condition operators").
 */
export function splitArnTokens(tokens: readonly GlobToken[]): GlobToken[][] | undefined {
  const parts: GlobToken[][] = [[]];
  for (const token of tokens) {
    let current = parts[parts.length - 1] ?? [];
    if (typeof token !== 'string' || parts.length === 6) {
      if (typeof token === 'string') pushLiteral(current, token);
      else current.push(token);
      continue;
    }
    let start = 0;
    for (let colon = token.indexOf(':'); colon >= 0 && parts.length < 6; colon = token.indexOf(':', start)) {
      pushLiteral(current, token.slice(start, colon));
      current = [];
      parts.push(current);
      start = colon + 1;
    }
    pushLiteral(current, token.slice(start));
  }
  return parts.length === 6 ? parts : undefined;
}

// Wildcard matching as IAM does it: `*` is any run of characters (including none), `?` exactly one.
// IAM User Guide, "IAM JSON policy elements: Action/Resource" and "String condition operators" (StringLike).

/** A compiled wildcard test. */
export type WildcardMatcher = (value: string) => boolean;

const always: WildcardMatcher = () => true;

/**
 * Compiles a pattern with `*` and `?` into a matcher. With `ignoreCase` the pattern is compared
 * case-insensitively (actions); otherwise exactly (resource ARNs, StringLike).
 * Common shapes (`*`, literal, `prefix*`) avoid regular expressions.
 */
export function compileWildcard(pattern: string, ignoreCase: boolean): WildcardMatcher {
  if (pattern === '*') return always;
  const star = pattern.indexOf('*');
  const question = pattern.indexOf('?');
  if (star < 0 && question < 0) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.length === lower.length && value.toLowerCase() === lower;
  }
  if (question < 0 && star === pattern.length - 1) {
    const prefix = flatString(ignoreCase ? pattern.slice(0, -1).toLowerCase() : pattern.slice(0, -1));
    // `lastIndexOf(p, 0) === 0` is a prefix test several times faster than `startsWith` on V8.
    return ignoreCase ? (value) => value.toLowerCase().lastIndexOf(prefix, 0) === 0 : (value) => value.lastIndexOf(prefix, 0) === 0;
  }
  const source = wildcardToRegExpSource(pattern);
  const regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  return (value) => regex.test(value);
}

/**
 * The regular-expression source for a wildcard pattern (anchors not included). `anyChar` is what one
 * wildcard character may be: any character by default, `[^:]` inside an ARN segment.
 */
export function wildcardToRegExpSource(pattern: string, anyChar = '.'): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += `${anyChar}*`;
    else if (ch === '?') out += anyChar;
    else out += ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&');
  }
  return out;
}

/**
 * A copy of a string in V8's flat representation: slices and concatenations are kept as views of
 * their parents, which makes every later comparison slower (and keeps the parent alive).
 */
export function flatString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** True when the text has a `*` or `?` wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

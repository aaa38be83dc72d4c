// Key ranges for S3 listings. Keys compare in UTF-8 byte order on both backends (SQLite BINARY,
// PostgreSQL COLLATE "C"), which is code point order; so the keys that start with a prefix are
// exactly those from the prefix (inclusive) to the prefix with its last code point raised by one
// (exclusive).

const MAX_CODE_POINT = 0x10ffff;

/**
 * The least string above every string that starts with `prefix`, or undefined when there is none
 * (an empty prefix, or one made only of U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop() ?? '';
    let next = (last.codePointAt(0) ?? 0) + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= MAX_CODE_POINT) return points.join('') + String.fromCodePoint(next);
  }
  return undefined;
}

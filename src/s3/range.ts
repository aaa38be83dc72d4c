// The Range header of GetObject and HeadObject (Amazon S3 API Reference, "GetObject": Range; RFC 9110
// §14): one `bytes=first-last`, `bytes=first-` or `bytes=-suffix` range. S3 serves one range per
// request: a header it cannot read, or several ranges, gets the whole object; a range that starts
// past the end (or a zero suffix, or any range of an empty object) is 416 InvalidRange.

/** What to send for a Range header. */
export type ByteRange =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const WHOLE: ByteRange = { kind: 'whole' };
const UNSATISFIABLE: ByteRange = { kind: 'unsatisfiable' };
const SINGLE = /^bytes=(\d*)-(\d*)$/i;

/** The bytes a Range header asks of an object of `size` bytes (`end` inclusive). */
export function byteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return WHOLE;
  const m = SINGLE.exec(header.trim());
  if (m === null) return WHOLE;
  const [, firstText = '', lastText = ''] = m;
  if (firstText === '' && lastText === '') return WHOLE;
  if (firstText === '') {
    const suffix = Number(lastText);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(firstText);
  const last = lastText === '' ? size - 1 : Number(lastText);
  if (lastText !== '' && last < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(last, size - 1) };
}

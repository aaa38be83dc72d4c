// URI encoding as SigV4 defines it (AWS General Reference, "Create a canonical request for
// Signature Version 4": "URI-encode each byte ... except the unreserved characters A-Z a-z 0-9 - _ . ~",
// percent-escapes in upper case, space as %20, never '+').

const HEX = '0123456789ABCDEF';

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

function escapeByte(byte: number): string {
  return '%' + (HEX[byte >> 4] ?? '') + (HEX[byte & 15] ?? '');
}

/** Encodes a decoded string: every UTF-8 byte outside the unreserved set becomes `%XX`. */
export function uriEncode(text: string): string {
  // encodeURIComponent leaves !'()* alone, which SigV4 escapes; everything else already matches.
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => escapeByte(ch.charCodeAt(0)));
}

/** Why a percent-encoded string could not be read (AWS: "Illegal hex character in escape % pattern"). */
export interface EscapeFault {
  readonly fault: 'incomplete-escape' | 'illegal-hex';
  readonly message: string;
}

/**
 * Re-encodes an already percent-encoded string the way SigV4 canonicalises it: unreserved bytes
 * written plainly (so `%7E` becomes `~`), every other byte as an upper-case `%XX`, raw non-ASCII
 * as its UTF-8 bytes. `+` is a space in a query string (form encoding) and a plus sign in a path.
 */
export function normalizeEscapes(raw: string, plusIsSpace: boolean): string | EscapeFault {
  let out = '';
  let plainFrom = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x80 && isUnreserved(code)) continue;
    out += raw.slice(plainFrom, i);
    if (code === 0x25) {
      if (i + 2 >= raw.length) return { fault: 'incomplete-escape', message: 'Incomplete trailing escape % sequence' };
      const hi = hexDigit(raw.charCodeAt(i + 1));
      const lo = hexDigit(raw.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) {
        return { fault: 'illegal-hex', message: `Illegal hex character in escape % pattern: %${raw.slice(i + 1, i + 3)}` };
      }
      const byte = (hi << 4) | lo;
      out += isUnreserved(byte) ? String.fromCharCode(byte) : escapeByte(byte);
      i += 2;
    } else if (code === 0x2b) {
      out += plusIsSpace ? '%20' : '%2B';
    } else if (code < 0x80) {
      out += escapeByte(code);
    } else {
      // Raw non-ASCII on the wire: take the whole code point and escape its UTF-8 bytes.
      const point = raw.codePointAt(i) ?? code;
      const ch = String.fromCodePoint(point);
      for (const byte of Buffer.from(ch, 'utf8')) out += escapeByte(byte);
      i += ch.length - 1;
    }
    plainFrom = i + 1;
  }
  return plainFrom === 0 ? raw : out + raw.slice(plainFrom);
}

/** True when {@link normalizeEscapes} failed. */
export function isEscapeFault<T>(value: T | EscapeFault): value is EscapeFault {
  return typeof value === 'object' && value !== null && 'fault' in value;
}

/** Percent-decodes a path segment to bytes-as-text (UTF-8), leaving malformed escapes as they are. */
export function decodePathSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

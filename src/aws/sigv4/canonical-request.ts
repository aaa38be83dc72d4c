// The canonical request of Signature Version 4 (AWS General Reference, "Create a canonical request
// for Signature Version 4"; Amazon S3 API Reference, "Signature Calculations for the Authorization
// Header"):
//   HTTPMethod \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload

import { isEscapeFault, normalizeEscapes, uriEncode, type EscapeFault } from './uri-encode.ts';

/** Request headers by lower-case name; repeated headers as arrays in arrival order (Node's `req.headersDistinct`). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The canonical URI. S3 signs the path as sent (each segment URI-encoded once; escapes normalised to
 * upper case, unreserved bytes unescaped). Every other service drops empty and `.` segments,
 * resolves `..` (RFC 3986 section 5.2.4), and URI-encodes the path as it appears on the request line
 * once more, which double-encodes it (`%20` signs as `%2520`): "Each path segment must be
 * URI-encoded twice" (AWS General Reference, "Create a canonical request").
 */
export function canonicalUri(rawPath: string, s3: boolean): string | EscapeFault {
  if (rawPath === '' || rawPath === '/') return '/';
  if (s3) {
    const segments = rawPath.split('/');
    for (let i = 0; i < segments.length; i++) {
      const once = normalizeEscapes(segments[i] ?? '', false);
      if (isEscapeFault(once)) return once;
      segments[i] = once;
    }
    return segments.join('/');
  }
  const segments: string[] = [];
  for (const part of rawPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      segments.pop();
      continue;
    }
    try {
      segments.push(uriEncode(part));
    } catch {
      // encodeURIComponent refuses lone UTF-16 surrogates, which no request line can carry.
      return { fault: 'illegal-hex', message: `Invalid path segment: ${part}` };
    }
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return '/' + segments.join('/') + trailing;
}

/** One query parameter as it arrived, still percent-encoded. */
export interface RawQueryParameter {
  readonly name: string;
  readonly value: string;
}

/** Splits a raw query string (`a=1&b=&c`) into its parameters, in order, without decoding. */
export function splitQuery(rawQuery: string): RawQueryParameter[] {
  const out: RawQueryParameter[] = [];
  if (rawQuery === '') return out;
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    out.push(eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) });
  }
  return out;
}

/**
 * The canonical query string: names and values URI-encoded, sorted by name then by value, joined
 * with `&`; `X-Amz-Signature` left out (it is what is being computed).
 */
export function canonicalQuery(params: readonly RawQueryParameter[]): string | EscapeFault {
  const encoded: { name: string; value: string }[] = [];
  for (const p of params) {
    const name = normalizeEscapes(p.name, true);
    if (isEscapeFault(name)) return name;
    if (name === 'X-Amz-Signature') continue;
    const value = normalizeEscapes(p.value, true);
    if (isEscapeFault(value)) return value;
    encoded.push({ name, value });
  }
  encoded.sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.value, b.value));
  let out = '';
  for (const e of encoded) out += (out === '' ? '' : '&') + e.name + '=' + e.value;
  return out;
}

// Encoded names and values are ASCII, so code-unit order is byte order, as AWS sorts.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A header's values as SigV4 signs them: each trimmed, runs of spaces collapsed, joined by commas. */
export function canonicalHeaderValue(value: string | readonly string[]): string {
  if (typeof value === 'string') return collapse(value);
  let out = '';
  for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + collapse(value[i] ?? '');
  return out;
}

function collapse(value: string): string {
  return value.replace(/[ \t]+/g, ' ').trim();
}

/** The inputs of {@link canonicalRequest}, already validated. */
export interface CanonicalRequestParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  readonly headers: HeaderBag;
  /** Lower-case header names, in the order the client listed them (AWS requires sorted). */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

/** Builds the canonical request text. A signed header absent from the request contributes no line. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  let headerBlock = '';
  for (const name of parts.signedHeaders) {
    const value = parts.headers[name];
    if (value === undefined) continue;
    headerBlock += name + ':' + canonicalHeaderValue(value) + '\n';
  }
  return (
    parts.method.toUpperCase() +
    '\n' +
    parts.uri +
    '\n' +
    parts.query +
    '\n' +
    headerBlock +
    '\n' +
    parts.signedHeaders.join(';') +
    '\n' +
    parts.payloadHash
  );
}

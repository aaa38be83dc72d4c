// Reading the parts of a SigV4 signature from a request: the request target, the `Authorization`
// header (`AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`) and the presigned
// query parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, ...). Syntax only: which error a fault
// becomes depends on the service (see verify-query.ts and verify-s3.ts).

import { splitQuery, type HeaderBag, type RawQueryParameter } from './canonical-request.ts';

/** The path and the raw query of a request line target. */
export interface RequestTarget {
  readonly path: string;
  readonly rawQuery: string;
  readonly params: readonly RawQueryParameter[];
}

/** Splits `req.url` into its path and query without decoding either. */
export function splitTarget(url: string): RequestTarget {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  return { path, rawQuery, params: splitQuery(rawQuery) };
}

/** The first value of a query parameter by exact (decoded) name, decoded; undefined when absent. */
export function queryParam(params: readonly RawQueryParameter[], name: string): string | undefined {
  for (const p of params) {
    if (decodeQueryComponent(p.name) === name) return decodeQueryComponent(p.value);
  }
  return undefined;
}

/** True when a query parameter of that name is present. */
export function hasQueryParam(params: readonly RawQueryParameter[], name: string): boolean {
  return params.some((p) => decodeQueryComponent(p.name) === name);
}

/** Form-decodes one query component (`+` is a space); malformed escapes are kept as they are. */
export function decodeQueryComponent(raw: string): string {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The first value of a header, or undefined. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v[0];
}

/** The `key=value` parameters of an Authorization header after its algorithm. */
export type AuthorizationFields =
  | { readonly ok: true; readonly algorithm: string; readonly fields: ReadonlyMap<string, string> }
  /** A parameter without `=`; AWS names the parameter and the whole header. */
  | { readonly ok: false; readonly algorithm: string; readonly badPair: string };

/**
 * Parses `ALGORITHM k1=v1, k2=v2, ...`: the algorithm is the text before the first space; the rest
 * is split on commas and whitespace (AWS accepts either between components), the last value of a
 * repeated key winning.
 */
export function parseAuthorizationHeader(header: string): AuthorizationFields {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const fields = new Map<string, string>();
  for (const p of rest.split(/[\s,]+/)) {
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) return { ok: false, algorithm, badPair: p };
    fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  return { ok: true, algorithm, fields };
}

/** The parts of a credential: `AKID/yyyymmdd/region/service/aws4_request`. */
export interface CredentialParts {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
}

/** Splits a credential into its five parts; undefined when it does not have exactly five. */
export function splitCredential(credential: string): CredentialParts | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator };
}

/** Splits `SignedHeaders` (`host;x-amz-date`) into lower-case names. */
export function splitSignedHeaders(text: string): string[] {
  return text.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
}

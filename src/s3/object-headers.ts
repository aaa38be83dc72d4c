// The headers S3 keeps with an object and sends back (Amazon S3 API Reference, "PutObject" and
// "GetObject"): Content-Type (binary/octet-stream when none was given), Content-Encoding (without
// the aws-chunked transfer coding), Content-Disposition, Content-Language, Cache-Control, Expires,
// user metadata `x-amz-meta-*` (names lower-cased), and the `response-*` query overrides of GetObject;
// reads also carry the object's encryption, SSE-S3 (server-side-encryption.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { awsError } from '../aws/index.ts';
import type { S3Object } from '../store/index.ts';
import { quotedEtag } from './etag.ts';
import { SSE_S3_RESPONSE_HEADERS } from './server-side-encryption.ts';
import { storageClassHeader } from './storage-class.ts';

/** S3's Content-Type for objects put without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const KEPT = ['content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires'] as const;
const META = 'x-amz-meta-';
/**
 * Amazon S3 User Guide, "Working with object metadata": user-defined metadata is limited to 2 KB,
 * "measured by taking the sum of the number of bytes in the UTF-8 encoding of each key and value".
 */
const MAX_USER_METADATA_BYTES = 2048;

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The representation headers and user metadata a write gives its object; MetadataTooLarge over 2 KB of metadata. */
export function storedHeaders(headers: IncomingHttpHeaders): {
  contentType: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
} {
  const kept: Record<string, string> = {};
  for (const name of KEPT) {
    let value = one(headers, name);
    if (name === 'content-encoding' && value !== undefined) {
      value = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '' && v.toLowerCase() !== 'aws-chunked')
        .join(',');
      if (value === '') value = undefined;
    }
    if (value !== undefined) kept[name] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(META) && value !== undefined) metadata[name.slice(META.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  let size = 0;
  for (const [name, value] of Object.entries(metadata)) size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  if (size > MAX_USER_METADATA_BYTES) throw awsError('MetadataTooLarge', undefined, { fields: { Size: String(size), MaxSizeAllowed: String(MAX_USER_METADATA_BYTES) } });
  return { contentType: one(headers, 'content-type') ?? DEFAULT_CONTENT_TYPE, headers: kept, metadata };
}

const OVERRIDES: readonly [string, string][] = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

/** The headers of a GetObject/HeadObject response (without Content-Length and Content-Range). */
export function objectResponseHeaders(object: S3Object, query: URLSearchParams, withChecksum: boolean): Record<string, string> {
  const out: Record<string, string> = {
    'accept-ranges': 'bytes',
    'last-modified': object.lastModified.toUTCString(),
    etag: quotedEtag(object.etag),
    'content-type': object.contentType ?? DEFAULT_CONTENT_TYPE,
    ...SSE_S3_RESPONSE_HEADERS,
    ...storageClassHeader(object.storageClass),
  };
  for (const [name, value] of Object.entries(object.headers)) out[name] = value;
  for (const [name, value] of Object.entries(object.metadata)) out[`${META}${name}`] = value;
  if (object.tags.length > 0) out['x-amz-tagging-count'] = String(object.tags.length);
  if (object.partsCount !== undefined && query.has('partNumber')) out['x-amz-mp-parts-count'] = String(object.partsCount);
  const checksum = object.checksum;
  if (withChecksum && checksum !== undefined) {
    out[`x-amz-checksum-${checksum.algorithm.toLowerCase()}`] = checksum.value;
    out['x-amz-checksum-type'] = checksum.type;
  }
  for (const [param, name] of OVERRIDES) {
    const v = query.get(param);
    if (v !== null) out[name] = v;
  }
  return out;
}

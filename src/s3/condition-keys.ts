// S3's condition keys (Service Authorization Reference, "Actions, resources, and condition keys for
// Amazon S3"; Amazon S3 User Guide, "Bucket policy examples using condition keys"). Keys a request
// does not carry are left out, so `...IfExists` and `Null` conditions see them as absent.
// `aws:RequestTag/<k>` and `aws:TagKeys` are the tags of a request that tags a *bucket* (CreateBucket
// with tags); the tags of objects a request writes are `s3:RequestObjectTag/<k>` and
// `s3:RequestObjectTagKeys`, and an object's own tags are `s3:ExistingObjectTag/<k>`. A policy that
// conditions object uploads on `aws:RequestTag/...` therefore never matches them.
import type { ContextValue } from '../policy/index.ts';
import type { Tag } from '../store/index.ts';

/** How a request was authenticated, for s3:authType, s3:signatureversion and s3:signatureAge. */
export type RequestAuthentication =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'header' | 'query'; readonly requestTime: number; readonly contentSha256: string | undefined };

type Keys = Record<string, ContextValue>;

/** The keys every S3 request carries. */
export function requestKeys(auth: RequestAuthentication, now: number, tlsVersion: string | undefined): Keys {
  const keys: Keys = {};
  if (tlsVersion !== undefined) keys['s3:TlsVersion'] = tlsVersion;
  if (auth.kind === 'anonymous') return keys;
  keys['s3:authType'] = auth.kind === 'header' ? 'REST-HEADER' : 'REST-QUERY-STRING';
  keys['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
  keys['s3:signatureAge'] = String(Math.max(0, now - auth.requestTime));
  if (auth.contentSha256 !== undefined) keys['s3:x-amz-content-sha256'] = auth.contentSha256;
  return keys;
}

/** ListBucket's keys: s3:prefix, s3:delimiter, s3:max-keys, when the request gives them. */
export function listKeys(query: URLSearchParams): Keys {
  const keys: Keys = {};
  const prefix = query.get('prefix');
  const delimiter = query.get('delimiter');
  const maxKeys = query.get('max-keys');
  if (prefix !== null) keys['s3:prefix'] = prefix;
  if (delimiter !== null) keys['s3:delimiter'] = delimiter;
  if (maxKeys !== null) keys['s3:max-keys'] = maxKeys;
  return keys;
}

/** `s3:ExistingObjectTag/<k>` for an object's tags. */
export function existingObjectTagKeys(tags: readonly Tag[]): Keys {
  const keys: Keys = {};
  for (const t of tags) keys[`s3:ExistingObjectTag/${t.key}`] = t.value;
  return keys;
}

/** `s3:RequestObjectTag/<k>` and `s3:RequestObjectTagKeys` for the tags a request puts on an object. */
export function requestObjectTagKeys(tags: readonly Tag[] | undefined): Keys {
  if (tags === undefined) return {};
  const keys: Keys = { 's3:RequestObjectTagKeys': tags.map((t) => t.key) };
  for (const t of tags) keys[`s3:RequestObjectTag/${t.key}`] = t.value;
  return keys;
}

/** `aws:RequestTag/<k>` and `aws:TagKeys` for the tags a request puts on a bucket. */
export function requestTagKeys(tags: readonly Tag[]): Keys {
  if (tags.length === 0) return {};
  const keys: Keys = { 'aws:TagKeys': tags.map((t) => t.key) };
  for (const t of tags) keys[`aws:RequestTag/${t.key}`] = t.value;
  return keys;
}

const HEADER_KEYS = [
  'x-amz-acl',
  'x-amz-copy-source',
  'x-amz-metadata-directive',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
  'x-amz-grant-read',
  'x-amz-grant-write',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
  'x-amz-grant-full-control',
];

/** The header-valued keys of writes (s3:x-amz-acl, s3:x-amz-copy-source, ...) and s3:if-match/s3:if-none-match. */
export function writeHeaderKeys(headers: { readonly [name: string]: string | string[] | undefined }): Keys {
  const keys: Keys = {};
  for (const name of HEADER_KEYS) {
    const v = headers[name];
    if (typeof v === 'string') keys[`s3:${name}`] = v;
  }
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifMatch === 'string') keys['s3:if-match'] = ifMatch;
  if (typeof ifNoneMatch === 'string') keys['s3:if-none-match'] = ifNoneMatch;
  return keys;
}

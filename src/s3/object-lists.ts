// ListObjects and ListObjectsV2 (Amazon S3 API Reference): s3:ListBucket with s3:prefix,
// s3:delimiter and s3:max-keys; at most 1000 keys a page (a larger max-keys gets 1000);
// continuation by marker (V1, NextMarker with a delimiter) or opaque continuation token (V2, which
// also takes start-after); keys, prefixes and markers URL-encoded with `encoding-type=url`.
import { awsError, restXmlResponse, type AwsError, type WireResponse } from '../aws/index.ts';
import type { S3ObjectSummary } from '../store/index.ts';
import { listKeys } from './condition-keys.ts';
import { quotedEtag } from './etag.ts';
import { listPage, type ListingPage } from './object-listing.ts';
import { ownerOf } from './owner.ts';
import { LIST_BUCKET_RESULT_V1, LIST_BUCKET_RESULT_V2 } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { listingUrlEncode } from './url-encoding.ts';

const MAX_KEYS = 1000;

/** max-keys (and the like): a non-negative integer, at most `cap`. */
export function pageSize(text: string | null, name: string, cap: number): number | AwsError {
  if (text === null) return cap;
  if (!/^\d{1,10}$/.test(text.trim()) || Number(text) > 2147483647) {
    return awsError('InvalidArgument', `Provided ${name} not an integer or within integer range`, { fields: { ArgumentName: name, ArgumentValue: text } });
  }
  return Math.min(Number(text), cap);
}

/** encoding-type: absent or `url`. */
export function encodingType(query: URLSearchParams): 'url' | undefined | AwsError {
  const value = query.get('encoding-type');
  if (value === null) return undefined;
  if (value.toLowerCase() === 'url') return 'url';
  return awsError('InvalidArgument', 'Invalid Encoding Method specified in Request', { fields: { ArgumentName: 'encoding-type', ArgumentValue: value } });
}

function continuationToken(last: string): string {
  return Buffer.from(JSON.stringify({ k: last }), 'utf8').toString('base64');
}

function decodeContinuation(token: string): string | AwsError {
  const invalid = awsError('InvalidArgument', 'The continuation token provided is incorrect', { fields: { ArgumentName: 'continuation-token', ArgumentValue: token } });
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'k' in parsed && typeof parsed.k === 'string') return parsed.k;
  } catch {
    return invalid;
  }
  return invalid;
}

/** What every object listing (ListObjects, ListObjectsV2, ListObjectVersions) reads first: the bucket, authorized, and its paging parameters. */
export async function listingRequest(call: S3Call): Promise<{
  entry: Awaited<ReturnType<S3Call['bucket']>>;
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  encoding: 'url' | undefined;
  encode: (t: string) => string;
}> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry, listKeys(call.query));
  const maxKeys = pageSize(call.query.get('max-keys'), 'max-keys', MAX_KEYS);
  if (maxKeys instanceof Error) throw maxKeys;
  const encoding = encodingType(call.query);
  if (encoding instanceof Error) throw encoding;
  const prefix = call.query.get('prefix') ?? '';
  const delimiter = call.query.get('delimiter') ?? undefined;
  return { entry, prefix, delimiter, maxKeys, encoding, encode: encoding === 'url' ? listingUrlEncode : (t) => t };
}

async function page(call: S3Call, after: string | undefined): Promise<{ page: ListingPage; prefix: string; delimiter: string | undefined; maxKeys: number; encode: (t: string) => string; encoding: 'url' | undefined }> {
  const { entry, prefix, delimiter, maxKeys, encoding, encode } = await listingRequest(call);
  const objects = call.services.store.s3Objects;
  const result = await listPage((range) => objects.list(entry.bucket.name, range), { prefix, delimiter: delimiter === '' ? undefined : delimiter, maxKeys, after });
  return { page: result, prefix, delimiter, maxKeys, encode, encoding };
}

function contentsOf(objects: readonly S3ObjectSummary[], encode: (t: string) => string, owner: { ID: string } | undefined) {
  return objects.map((o) => ({
    Key: encode(o.key),
    LastModified: o.lastModified,
    ETag: quotedEtag(o.etag),
    ...(o.checksum !== undefined ? { ChecksumAlgorithm: o.checksum.algorithm, ChecksumType: o.checksum.type } : {}),
    Size: o.size,
    ...(owner !== undefined ? { Owner: owner } : {}),
    StorageClass: o.storageClass,
  }));
}

export async function listObjectsV2(call: S3Call): Promise<WireResponse> {
  const token = call.query.get('continuation-token');
  const startAfter = call.query.get('start-after') ?? undefined;
  let after = startAfter;
  if (token !== null) {
    const decoded = decodeContinuation(token);
    if (decoded instanceof Error) throw decoded;
    after = decoded;
  }
  const { page: p, prefix, delimiter, maxKeys, encode, encoding } = await page(call, after);
  const entry = await call.bucket();
  const owner = call.query.get('fetch-owner') === 'true' ? ownerOf(entry.bucket.accountId) : undefined;
  return restXmlResponse(
    'ListBucketResult',
    LIST_BUCKET_RESULT_V2,
    {
      Name: entry.bucket.name,
      Prefix: encode(prefix),
      MaxKeys: maxKeys,
      ...(delimiter !== undefined ? { Delimiter: encode(delimiter) } : {}),
      IsTruncated: p.truncated,
      ...(encoding !== undefined ? { EncodingType: encoding } : {}),
      Contents: contentsOf(p.contents, encode, owner),
      CommonPrefixes: p.commonPrefixes.map((c) => ({ Prefix: encode(c) })),
      KeyCount: p.contents.length + p.commonPrefixes.length,
      ...(token !== null ? { ContinuationToken: token } : {}),
      ...(p.truncated && p.last !== undefined ? { NextContinuationToken: continuationToken(p.last) } : {}),
      ...(startAfter !== undefined ? { StartAfter: encode(startAfter) } : {}),
    },
    call.ids,
  );
}

export async function listObjects(call: S3Call): Promise<WireResponse> {
  const marker = call.query.get('marker') ?? undefined;
  const { page: p, prefix, delimiter, maxKeys, encode, encoding } = await page(call, marker === '' ? undefined : marker);
  const entry = await call.bucket();
  return restXmlResponse(
    'ListBucketResult',
    LIST_BUCKET_RESULT_V1,
    {
      Name: entry.bucket.name,
      Prefix: encode(prefix),
      Marker: encode(marker ?? ''),
      ...(p.truncated && delimiter !== undefined && p.last !== undefined ? { NextMarker: encode(p.last) } : {}),
      MaxKeys: maxKeys,
      ...(delimiter !== undefined ? { Delimiter: encode(delimiter) } : {}),
      IsTruncated: p.truncated,
      ...(encoding !== undefined ? { EncodingType: encoding } : {}),
      Contents: contentsOf(p.contents, encode, ownerOf(entry.bucket.accountId)),
      CommonPrefixes: p.commonPrefixes.map((c) => ({ Prefix: encode(c) })),
    },
    call.ids,
  );
}

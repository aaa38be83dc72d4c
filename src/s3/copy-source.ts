// The source of CopyObject and UploadPartCopy (Amazon S3 API Reference, "CopyObject" and
// "UploadPartCopy"): `x-amz-copy-source` names `bucket/key` (URL-encoded, optionally with a leading
// slash and `?versionId=`), read with s3:GetObject (s3:GetObjectVersion when it names a version);
// the `x-amz-copy-source-if-*` conditions are checked against it (412 PreconditionFailed), with S3's
// pairing rules: If-Match true and If-Unmodified-Since false copies, If-None-Match false and
// If-Modified-Since true refuses. UploadPartCopy's `x-amz-copy-source-range: bytes=first-last`
// names both offsets, inside the source.
import { awsError, type AwsError } from '../aws/index.ts';
import type { S3Object } from '../store/index.ts';
import { etagListMatches } from './conditional.ts';
import { checkExpectedBucketOwner } from './expected-bucket-owner.ts';
import { readableObject } from './object-reads.ts';
import { checkBytesReadable } from './storage-class.ts';
import type { S3Call } from './s3-call.ts';
import { parseVersionId, type RequestedVersion } from './version-id.ts';

/** What `x-amz-copy-source` names. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly version: RequestedVersion;
}

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads `x-amz-copy-source` (`/bucket/key` or `bucket/key`, URL-encoded, `?versionId=`). */
export function parseCopySource(text: string): CopySource | AwsError {
  const invalid = awsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', {
    fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: text },
  });
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const version = parseVersionId(q < 0 ? undefined : new URLSearchParams(text.slice(q + 1)).get('versionId'), 'x-amz-copy-source');
  if (version instanceof Error) return version;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return invalid;
  }
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) return invalid;
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1), version };
}

/** The source object of a copy, authorized and checked against the copy-source conditions. */
export async function readCopySource(call: S3Call): Promise<{ readonly text: string; readonly source: CopySource; readonly object: S3Object }> {
  const text = header(call, 'x-amz-copy-source') ?? '';
  const source = parseCopySource(text);
  if (source instanceof Error) throw source;
  const entry = await call.services.buckets.get(source.bucket);
  if (entry === undefined) throw awsError('NoSuchBucket', undefined, { fields: { BucketName: source.bucket } });
  checkExpectedBucketOwner(call.req.headers, 'x-amz-source-expected-bucket-owner', entry.bucket.accountId);
  const object = await readableObject(call, entry, source.key, 's3:GetObject', source.version);
  checkBytesReadable(object);
  return { text, source, object };
}

/** Throws PreconditionFailed unless the source meets the `x-amz-copy-source-if-*` conditions. */
export function checkCopyConditions(call: S3Call, source: S3Object): void {
  const ifMatch = header(call, 'x-amz-copy-source-if-match');
  const ifNoneMatch = header(call, 'x-amz-copy-source-if-none-match');
  const modifiedSince = header(call, 'x-amz-copy-source-if-modified-since');
  const unmodifiedSince = header(call, 'x-amz-copy-source-if-unmodified-since');
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const date = (t: string | undefined) => (t === undefined || Number.isNaN(Date.parse(t)) ? undefined : new Date(t));
  const failed = (condition: string) => awsError('PreconditionFailed', undefined, { fields: { Condition: condition } });
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, source.etag)) throw failed('x-amz-copy-source-If-Match');
  } else {
    const d = date(unmodifiedSince);
    if (d !== undefined && seconds(source.lastModified) > seconds(d)) throw failed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, source.etag)) throw failed('x-amz-copy-source-If-None-Match');
  } else {
    const d = date(modifiedSince);
    if (d !== undefined && seconds(source.lastModified) <= seconds(d)) throw failed('x-amz-copy-source-If-Modified-Since');
  }
}

const COPY_RANGE = /^bytes=(\d+)-(\d+)$/;

/**
 * The bytes `x-amz-copy-source-range` copies of a source of `size` bytes (`end` inclusive); the
 * whole source when the header is absent.
 */
export function copySourceRange(text: string | undefined, size: number): { readonly start: number; readonly end: number } | AwsError {
  if (text === undefined) return { start: 0, end: size - 1 };
  const fields = { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: text };
  const m = COPY_RANGE.exec(text.trim());
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end) {
    return awsError(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { fields },
    );
  }
  if (end >= size) return awsError('InvalidArgument', `Range specified is not valid for source object of size: ${size}`, { fields });
  return { start, end };
}

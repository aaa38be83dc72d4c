// GetObject and HeadObject (Amazon S3 API Reference, "GetObject", "HeadObject"): s3:GetObject with
// the object's tags as s3:ExistingObjectTag; a missing key is 404 NoSuchKey only for callers who may
// s3:ListBucket the bucket, 403 AccessDenied for the others ("If the object you request doesn't
// exist, the error that Amazon S3 returns depends on whether you also have the s3:ListBucket
// permission"); conditional headers (304/412); one byte range (206, or 416 InvalidRange); the
// stored checksum with `x-amz-checksum-mode: ENABLED` for whole-object reads; partNumber of a
// multipart object. Bodies stream from their files (small objects from their row). A versionId is
// authorized as s3:GetObjectVersion: `null` reads the object, another is NoSuchVersion (version-id.ts).
// Objects are SSE-S3, and the answers say so; encryption headers are refused (server-side-encryption.ts).
import { awsError, type AwsError, type WireResponse } from '../aws/index.ts';
import type { S3Object } from '../store/index.ts';
import type { BucketEntry } from './bucket-directory.ts';
import { existingObjectTagKeys } from './condition-keys.ts';
import { evaluatePreconditions } from './conditional.ts';
import { quotedEtag } from './etag.ts';
import { objectResponseHeaders } from './object-headers.ts';
import { resourceArn } from './operations.ts';
import { byteRange } from './range.ts';
import type { S3Call } from './s3-call.ts';
import { checkEncryption } from './server-side-encryption.ts';
import { checkBytesReadable } from './storage-class.ts';
import { noSuchVersion, requestedVersion, versionedAction, versionKeys, type RequestedVersion } from './version-id.ts';

const ATTEMPTS = 3;

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The object a read names, authorized for each of `actions` in turn (their version actions when the
 * request names a version); NoSuchKey or AccessDenied when it is missing, NoSuchVersion for a version
 * it does not have.
 */
export async function readableObject(
  call: S3Call,
  entry: BucketEntry,
  key: string,
  actions: string | readonly string[],
  version: RequestedVersion = { kind: 'current' },
): Promise<S3Object> {
  const object = await call.services.objects.get(entry.bucket.name, key);
  const arn = resourceArn('object', entry.bucket.name, key);
  const tagKeys = object === undefined ? {} : existingObjectTagKeys(object.tags);
  const context = version.kind === 'current' ? tagKeys : { ...tagKeys, ...versionKeys(version) };
  for (const action of typeof actions === 'string' ? [actions] : actions) call.authorize(versionedAction(action, version), arn, entry, context);
  if (object === undefined || version.kind === 'missing') {
    if (object === undefined && !call.allows('s3:ListBucket', entry.arn, entry)) {
      throw awsError('AccessDenied', 'Access Denied', { detail: `no such key ${key}; no s3:ListBucket` });
    }
    if (version.kind === 'missing') throw noSuchVersion(key, version.versionId);
    throw awsError('NoSuchKey', undefined, { fields: { Key: key } });
  }
  return object;
}

// partNumber: the bytes of one part of a multipart object (each part is one file); part 1 of an
// object written whole is the object.
function partSpan(object: S3Object, text: string): { start: number; end: number } | AwsError {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > 10000) {
    return awsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { fields: { ArgumentName: 'partNumber', ArgumentValue: text } });
  }
  const parts = object.partsCount === undefined ? 1 : object.blobs.length;
  if (n > parts) return awsError('InvalidRange', 'The requested partnumber is not satisfiable', { fields: { PartNumberRequested: text, ActualPartCount: String(parts) } });
  if (object.partsCount === undefined) return { start: 0, end: object.size - 1 };
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += object.blobs[i]?.size ?? 0;
  return { start, end: start + (object.blobs[n - 1]?.size ?? 0) - 1 };
}

function isMissingFile(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}

/** GetObject and HeadObject. */
export async function getObject(call: S3Call): Promise<WireResponse | 'streamed'> {
  const head = call.op.name === 'HeadObject';
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  checkEncryption(head ? 'HeadObject' : 'GetObject', call.req.headers);
  for (let attempt = 1; ; attempt++) {
    const object = await readableObject(call, entry, key, call.op.action, version);
    // HeadObject describes an archived object; GetObject cannot read its bytes until it is restored.
    if (!head) checkBytesReadable(object);
    const outcome = evaluatePreconditions(
      {
        ifMatch: header(call, 'if-match'),
        ifNoneMatch: header(call, 'if-none-match'),
        ifModifiedSince: header(call, 'if-modified-since'),
        ifUnmodifiedSince: header(call, 'if-unmodified-since'),
      },
      object.etag,
      object.lastModified,
    );
    if (outcome === 'failed') {
      throw awsError('PreconditionFailed', undefined, { fields: { Condition: header(call, 'if-match') !== undefined ? 'If-Match' : 'If-Unmodified-Since' } });
    }
    if (outcome === 'not-modified') {
      return call.reply(304, { etag: quotedEtag(object.etag), 'last-modified': object.lastModified.toUTCString() });
    }
    const partNumber = call.query.get('partNumber');
    let start = 0;
    let end = object.size - 1;
    let partial = false;
    if (partNumber !== null) {
      const span = partSpan(object, partNumber);
      if (span instanceof Error) throw span;
      ({ start, end } = span);
      partial = object.partsCount !== undefined;
    } else {
      const range = byteRange(header(call, 'range'), object.size);
      if (range.kind === 'unsatisfiable') {
        throw awsError('InvalidRange', undefined, { fields: { RangeRequested: header(call, 'range') ?? '', ActualObjectSize: String(object.size) } });
      }
      if (range.kind === 'partial') {
        ({ start, end } = range);
        partial = true;
      }
    }
    const whole = !partial && partNumber === null;
    const headers = objectResponseHeaders(object, call.query, whole && header(call, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED');
    const length = Math.max(0, end - start + 1);
    headers['content-length'] = String(length);
    if (partial) headers['content-range'] = `bytes ${start}-${end}/${object.size}`;
    const status = partial ? 206 : 200;
    const res = call.res;
    if (head || length === 0 || object.data !== undefined) {
      res.writeHead(status, { ...call.reply(status).headers, ...headers });
      if (head || length === 0) res.end();
      else res.end(Buffer.from(object.data?.buffer ?? new ArrayBuffer(0), (object.data?.byteOffset ?? 0) + start, length));
      call.audit.bytesOut = head ? 0 : length;
      return 'streamed';
    }
    let body;
    try {
      body = await call.services.blobs.read(object.blobs, start, end);
    } catch (err) {
      // The object was replaced or deleted between reading its row and opening its file.
      if (isMissingFile(err) && attempt < ATTEMPTS) continue;
      throw err;
    }
    res.writeHead(status, { ...call.reply(status).headers, ...headers });
    call.audit.bytesOut = length;
    await body.sendTo(res).catch(() => res.destroy());
    return 'streamed';
  }
}

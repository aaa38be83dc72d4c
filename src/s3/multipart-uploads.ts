// Multipart uploads (Amazon S3 API Reference, "CreateMultipartUpload", "UploadPart",
// "CompleteMultipartUpload", "AbortMultipartUpload"; Amazon S3 User Guide, "Multipart upload
// limits": part numbers 1 to 10,000, parts of 5 MiB to 5 GiB, the last part smaller). Each part is
// a file; completing makes the chosen parts' files the object's, in order, in one transaction —
// nothing is copied. CompleteMultipartUpload names the parts in ascending order (InvalidPartOrder),
// each with its ETag (InvalidPart), all but the last at least 5 MiB (EntityTooSmall). The object's
// ETag is the MD5 of the parts' binary MD5s, `-N`; its checksum, when the upload chose an algorithm,
// is the composite checksum of the parts' checksums. The upload chooses the object's encryption
// (SSE-S3); its parts and the completed object say so (server-side-encryption.ts). Completing is a
// conditional write as PutObject is (If-None-Match: *, If-Match: object-writes.ts).
import { randomBytes } from 'node:crypto';
import {
  awsError,
  checkObjectKey,
  createChecksum,
  restXmlResponse,
  type ChecksumAlgorithm,
  type WireResponse,
  CHECKSUM_ALGORITHMS,
} from '../aws/index.ts';
import type { S3Object, S3Part, S3Upload } from '../store/index.ts';
import { StoreConflict } from '../store/index.ts';
import { multipartEtag, quotedEtag } from './etag.ts';
import { storedHeaders } from './object-headers.ts';
import { requestedStorageClass } from './storage-class.ts';
import { authorizeWrite, checkAcl, checkWriteConditions, requestedTags } from './object-writes.ts';
import { resourceArn } from './operations.ts';
import { COMPLETE_MULTIPART_UPLOAD_RESULT, INITIATE_MULTIPART_UPLOAD_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkEncryption, SSE_S3_RESPONSE_HEADERS, sseApplied } from './server-side-encryption.ts';
import { readCompleteMultipartUpload } from './xml/request-documents.ts';

/** S3's smallest part but the last: 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** S3's largest part: 5 GiB. */
export const MAX_PART_SIZE = 5 * 1024 ** 3;

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The upload a request names, for this bucket and key (NoSuchUpload otherwise). */
export async function namedUpload(call: S3Call, bucket: string, key: string): Promise<S3Upload> {
  const uploadId = call.query.get('uploadId') ?? '';
  const upload = await call.services.store.s3Uploads.get(uploadId);
  if (upload === undefined || upload.bucket !== bucket || upload.key !== key) throw awsError('NoSuchUpload', undefined, { fields: { UploadId: uploadId } });
  return upload;
}

export async function createMultipartUpload(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  const keyProblem = checkObjectKey(key);
  if (keyProblem !== undefined) throw keyProblem;
  const encryption = checkEncryption('CreateMultipartUpload', call.req.headers);
  const tags = requestedTags(call);
  authorizeWrite(call, entry, key, tags);
  checkAcl(call, entry);
  const algorithmText = header(call, 'x-amz-checksum-algorithm')?.toUpperCase();
  const algorithm = algorithmText === undefined ? undefined : CHECKSUM_ALGORITHMS.find((a) => a === algorithmText);
  if (algorithmText !== undefined && algorithm === undefined) {
    throw awsError('InvalidRequest', 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  }
  const stored = storedHeaders(call.req.headers);
  const storageClass = requestedStorageClass(call.req.headers) ?? 'STANDARD';
  const upload: S3Upload = {
    uploadId: randomBytes(48).toString('base64url'),
    bucket: entry.bucket.name,
    key,
    initiated: call.now,
    initiator: { id: call.caller?.userId ?? 'anonymous', arn: call.caller?.principal.arn ?? '*' },
    contentType: stored.contentType,
    headers: stored.headers,
    metadata: stored.metadata,
    tags: tags ?? [],
    checksumAlgorithm: algorithm,
    storageClass,
  };
  const created = await call.services.store.s3Uploads.create(upload);
  if (created === undefined) throw awsError('NoSuchBucket', undefined, { fields: { BucketName: entry.bucket.name } });
  if (created instanceof StoreConflict) throw awsError('InternalError', undefined, { detail: 'upload ID collision' });
  call.audit.responseElements = { bucket: upload.bucket, key, uploadId: upload.uploadId };
  call.audit.additionalEventData = sseApplied(encryption);
  return restXmlResponse(
    'InitiateMultipartUploadResult',
    INITIATE_MULTIPART_UPLOAD_RESULT,
    { Bucket: upload.bucket, Key: key, UploadId: upload.uploadId },
    call.ids,
    { ...SSE_S3_RESPONSE_HEADERS, ...(algorithm === undefined ? {} : { 'x-amz-checksum-algorithm': algorithm, 'x-amz-checksum-type': 'COMPOSITE' }) },
  );
}

/** The partNumber of UploadPart and UploadPartCopy: 1 to 10,000 (InvalidArgument otherwise). */
export function partNumberOf(call: S3Call): number {
  const numberText = call.query.get('partNumber') ?? '';
  const partNumber = Number(numberText);
  if (!/^\d{1,5}$/.test(numberText) || partNumber < 1 || partNumber > 10000) {
    throw awsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { fields: { ArgumentName: 'partNumber', ArgumentValue: numberText } });
  }
  return partNumber;
}

export async function uploadPart(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  const partNumber = partNumberOf(call);
  checkEncryption('UploadPart', call.req.headers);
  call.authorize(call.op.action, resourceArn('object', entry.bucket.name, key), entry);
  const upload = await namedUpload(call, entry.bucket.name, key);
  const body = call.body();
  if (body.length === undefined) throw awsError('MissingContentLength');
  if (body.length > MAX_PART_SIZE) throw awsError('EntityTooLarge', undefined, { fields: { ProposedSize: String(body.length), MaxSizeAllowed: String(MAX_PART_SIZE) } });
  const pending = await call.services.blobs.receive(body.chunks());
  const digest = body.finish();
  if (digest instanceof Error) {
    await pending.discard();
    throw digest;
  }
  call.audit.bytesIn = digest.size;
  const blob = await pending.commit();
  const stored = await call.services.store.s3Uploads.putPart({
    uploadId: upload.uploadId,
    partNumber,
    size: digest.size,
    etag: digest.md5,
    lastModified: call.now,
    blob: blob.id,
    checksum: digest.checksum === undefined ? undefined : { ...digest.checksum, type: 'FULL_OBJECT' },
  });
  if (stored === undefined) {
    await call.services.blobs.remove([blob.id]);
    throw awsError('NoSuchUpload', undefined, { fields: { UploadId: upload.uploadId } });
  }
  if (stored.replaced !== undefined) await call.services.blobs.remove([stored.replaced]);
  const checksum = digest.checksum === undefined ? {} : { [`x-amz-checksum-${digest.checksum.algorithm.toLowerCase()}`]: digest.checksum.value };
  return call.reply(200, { etag: quotedEtag(digest.md5), ...checksum, ...SSE_S3_RESPONSE_HEADERS });
}

/** Every part of an upload, by number. */
export async function allParts(call: S3Call, uploadId: string): Promise<S3Part[]> {
  const out: S3Part[] = [];
  for (;;) {
    const batch = await call.services.store.s3Uploads.parts(uploadId, { ...(out.length > 0 ? { after: out[out.length - 1]?.partNumber } : {}), limit: 1000 });
    out.push(...batch);
    if (batch.length < 1000) return out;
  }
}

// The composite checksum: the algorithm over the concatenated binary part checksums, then -N.
function compositeChecksum(algorithm: ChecksumAlgorithm, parts: readonly S3Part[]): string | undefined {
  const c = createChecksum(algorithm);
  for (const p of parts) {
    if (p.checksum === undefined || p.checksum.algorithm !== algorithm) return undefined;
    c.update(Buffer.from(p.checksum.value, 'base64'));
  }
  return `${c.digestBase64()}-${parts.length}`;
}

export async function completeMultipartUpload(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  checkEncryption('CompleteMultipartUpload', call.req.headers);
  call.authorize(call.op.action, resourceArn('object', entry.bucket.name, key), entry);
  const upload = await namedUpload(call, entry.bucket.name, key);
  const requested = readCompleteMultipartUpload(await call.smallBody(4 * 1024 * 1024));
  if (requested instanceof Error) throw requested;
  const stored = new Map((await allParts(call, upload.uploadId)).map((p) => [p.partNumber, p]));
  const chosen: S3Part[] = [];
  let previous = 0;
  for (const want of requested) {
    if (want.partNumber <= previous) throw awsError('InvalidPartOrder', undefined, { fields: { UploadId: upload.uploadId } });
    previous = want.partNumber;
    const part = stored.get(want.partNumber);
    if (part === undefined || part.etag !== want.etag) {
      throw awsError('InvalidPart', undefined, { fields: { UploadId: upload.uploadId, PartNumber: String(want.partNumber), ETag: want.etag } });
    }
    chosen.push(part);
  }
  chosen.forEach((part, i) => {
    if (i < chosen.length - 1 && part.size < MIN_PART_SIZE) {
      throw awsError('EntityTooSmall', undefined, {
        fields: { ProposedSize: String(part.size), MinSizeAllowed: String(MIN_PART_SIZE), PartNumber: String(part.partNumber), ETag: part.etag },
      });
    }
  });
  await checkWriteConditions(call, entry.bucket.name, key);
  const algorithm = upload.checksumAlgorithm === undefined ? undefined : CHECKSUM_ALGORITHMS.find((a) => a === upload.checksumAlgorithm);
  const composite = algorithm === undefined ? undefined : compositeChecksum(algorithm, chosen);
  const object: S3Object = {
    bucket: entry.bucket.name,
    key,
    size: chosen.reduce((n, p) => n + p.size, 0),
    etag: multipartEtag(chosen.map((p) => p.etag)),
    lastModified: call.now,
    checksum: algorithm === undefined || composite === undefined ? undefined : { algorithm, value: composite, type: 'COMPOSITE' },
    contentType: upload.contentType,
    headers: upload.headers,
    metadata: upload.metadata,
    tags: upload.tags,
    blobs: chosen.map((p) => ({ id: p.blob, size: p.size })),
    partsCount: chosen.length,
    data: undefined,
    storageClass: upload.storageClass,
  };
  const done = await call.services.writing(entry.bucket.name, key, () => call.services.store.s3Uploads.complete(upload.uploadId, object));
  if (!done.ok) {
    switch (done.reason) {
      case 'no-upload':
        throw awsError('NoSuchUpload', undefined, { fields: { UploadId: upload.uploadId } });
      case 'no-bucket':
        throw awsError('NoSuchBucket', undefined, { fields: { BucketName: entry.bucket.name } });
      case 'parts-changed':
        throw awsError('InvalidPart', undefined, { fields: { UploadId: upload.uploadId } });
      default: {
        const never: never = done.reason;
        return never;
      }
    }
  }
  await call.services.blobs.remove([...done.unused, ...done.replaced.map((b) => b.id)]);
  const host = call.req.headers.host ?? 'localhost';
  const c = object.checksum;
  return restXmlResponse(
    'CompleteMultipartUploadResult',
    COMPLETE_MULTIPART_UPLOAD_RESULT,
    {
      Location: `http://${host}/${entry.bucket.name}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
      Bucket: entry.bucket.name,
      Key: key,
      ETag: quotedEtag(object.etag),
      ...(c !== undefined ? { [`Checksum${c.algorithm}`]: c.value, ChecksumType: c.type } : {}),
    },
    call.ids,
    SSE_S3_RESPONSE_HEADERS,
  );
}

export async function abortMultipartUpload(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  call.authorize(call.op.action, resourceArn('object', entry.bucket.name, key), entry);
  const upload = await namedUpload(call, entry.bucket.name, key);
  const parts = await call.services.store.s3Uploads.abort(upload.uploadId);
  if (parts === undefined) throw awsError('NoSuchUpload', undefined, { fields: { UploadId: upload.uploadId } });
  await call.services.blobs.remove(parts.map((p) => p.blob));
  return call.reply(204);
}

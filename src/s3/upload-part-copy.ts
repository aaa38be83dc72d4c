// UploadPartCopy (Amazon S3 API Reference, "UploadPartCopy"): a part of a multipart upload copied
// from an existing object — all of it, or the bytes `x-amz-copy-source-range: bytes=first-last`
// names — authorized as s3:GetObject (s3:GetObjectVersion) on the source and s3:PutObject on the
// destination ("Required permissions for Amazon S3 API operations"), with the copy-source
// conditions of CopyObject. The bytes stream from the source's files into the part's own file,
// hashed on the way: the part's ETag is their MD5, and when the upload chose a checksum algorithm
// the part carries that checksum too. Answers CopyPartResult (ETag, LastModified, checksum) and the
// upload's encryption, SSE-S3 (server-side-encryption.ts).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { awsError, CHECKSUM_ALGORITHMS, createChecksum, restXmlResponse, type WireResponse } from '../aws/index.ts';
import type { S3Object, S3Upload } from '../store/index.ts';
import { checkCopyConditions, copySourceRange, readCopySource } from './copy-source.ts';
import { quotedEtag } from './etag.ts';
import { MAX_PART_SIZE, namedUpload, partNumberOf } from './multipart-uploads.ts';
import { authorizeWrite, MAX_COPY_SOURCE_SIZE } from './object-writes.ts';
import { COPY_PART_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkEncryption, SSE_S3_RESPONSE_HEADERS } from './server-side-encryption.ts';

const ATTEMPTS = 3;

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isMissingFile(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}

// The source's bytes start..end (inclusive): from its row, or streamed from its files.
async function sourceBytes(call: S3Call, object: S3Object, start: number, end: number): Promise<AsyncIterable<Buffer>> {
  if (end < start) return Readable.from([]);
  if (object.data !== undefined) return Readable.from([Buffer.from(object.data.subarray(start, end + 1))]);
  return call.services.blobs.read(object.blobs, start, end);
}

/** UploadPartCopy. */
export async function uploadPartCopy(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  const partNumber = partNumberOf(call);
  checkEncryption('UploadPartCopy', call.req.headers);
  authorizeWrite(call, entry, key, undefined);
  const upload = await namedUpload(call, entry.bucket.name, key);
  const rangeText = header(call, 'x-amz-copy-source-range');
  for (let attempt = 1; ; attempt++) {
    const { text, object: source } = await readCopySource(call);
    checkCopyConditions(call, source);
    if (rangeText === undefined && source.size > MAX_COPY_SOURCE_SIZE) {
      throw awsError('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_SIZE}`);
    }
    const range = copySourceRange(rangeText, source.size);
    if (range instanceof Error) throw range;
    const size = range.end - range.start + 1;
    if (size > MAX_PART_SIZE) throw awsError('EntityTooLarge', undefined, { fields: { ProposedSize: String(size), MaxSizeAllowed: String(MAX_PART_SIZE) } });
    let bytes: AsyncIterable<Buffer>;
    try {
      bytes = await sourceBytes(call, source, range.start, range.end);
    } catch (err) {
      // The source was replaced or deleted between reading its row and opening its file.
      if (isMissingFile(err) && attempt < ATTEMPTS) continue;
      throw err;
    }
    call.audit.requestParameters['x-amz-copy-source'] = text;
    if (rangeText !== undefined) call.audit.requestParameters['x-amz-copy-source-range'] = rangeText;
    return storeCopiedPart(call, upload, partNumber, bytes);
  }
}

async function storeCopiedPart(call: S3Call, upload: S3Upload, partNumber: number, bytes: AsyncIterable<Buffer>): Promise<WireResponse> {
  const md5 = createHash('md5');
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => a === upload.checksumAlgorithm);
  const checksum = algorithm === undefined ? undefined : createChecksum(algorithm);
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      md5.update(chunk);
      checksum?.update(chunk);
      yield chunk;
    }
  }
  const pending = await call.services.blobs.receive(hashed());
  const blob = await pending.commit();
  const etag = md5.digest('hex');
  const value = checksum?.digestBase64();
  const stored = await call.services.store.s3Uploads.putPart({
    uploadId: upload.uploadId,
    partNumber,
    size: blob.size,
    etag,
    lastModified: call.now,
    blob: blob.id,
    checksum: algorithm === undefined || value === undefined ? undefined : { algorithm, value, type: 'FULL_OBJECT' },
  });
  if (stored === undefined) {
    await call.services.blobs.remove([blob.id]);
    throw awsError('NoSuchUpload', undefined, { fields: { UploadId: upload.uploadId } });
  }
  if (stored.replaced !== undefined) await call.services.blobs.remove([stored.replaced]);
  return restXmlResponse(
    'CopyPartResult',
    COPY_PART_RESULT,
    { ETag: quotedEtag(etag), LastModified: call.now, ...(algorithm !== undefined && value !== undefined ? { [`Checksum${algorithm}`]: value } : {}) },
    call.ids,
    SSE_S3_RESPONSE_HEADERS,
  );
}

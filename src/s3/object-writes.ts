// Writing and deleting objects (Amazon S3 API Reference, "PutObject", "CopyObject", "DeleteObject",
// "DeleteObjects"). A PutObject body is received whole and checked (signature, Content-MD5,
// checksums) before anything is kept: small objects go into their row, others into a file that is
// fsynced and renamed into place; the row is committed last, so a refused or interrupted upload
// leaves nothing. The tags of `x-amz-tagging` need s3:PutObjectTagging as well as s3:PutObject.
// Conditional writes (PutObject, CopyObject's target, CompleteMultipartUpload): `If-None-Match: *`
// refuses to replace an object, `If-Match` to replace another version (412 PreconditionFailed;
// If-Match on a missing key is 404 NoSuchKey). Conditional deletes (Amazon S3 User Guide, "How to
// perform conditional deletes"): DeleteObject's `If-Match` and DeleteObjects' per-object `ETag`
// delete only the object they name (412 PreconditionFailed, 404 NoSuchKey when there is none;
// `*` matches any object), and an ETag value needs s3:GetObject as well. Deletes naming a versionId are s3:DeleteObjectVersion (version-id.ts). Objects are SSE-S3, and the writes
// say so (server-side-encryption.ts).
import { awsError, checkObjectKey, checksumAlgorithmOfHeader, restXmlResponse, type WireResponse } from '../aws/index.ts';
import type { BlobRef, S3Object, Tag } from '../store/index.ts';
import type { BucketEntry } from './bucket-directory.ts';
import { aclOfHeaders } from './acl.ts';
import { requestObjectTagKeys, writeHeaderKeys } from './condition-keys.ts';
import { etagListMatches } from './conditional.ts';
import { checkCopyConditions, readCopySource } from './copy-source.ts';
import { quotedEtag } from './etag.ts';
import { storedHeaders } from './object-headers.ts';
import { requestedStorageClass } from './storage-class.ts';
import { resourceArn } from './operations.ts';
import { canonicalUserId } from './owner.ts';
import { COPY_OBJECT_RESULT, DELETE_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkEncryption, SSE_S3_RESPONSE_HEADERS, sseApplied } from './server-side-encryption.ts';
import { parseTaggingHeader } from './tags.ts';
import { echoedVersionId, parseVersionId, requestedVersion, versionedAction, versionKeys } from './version-id.ts';
import { readDelete } from './xml/request-documents.ts';

/** S3's largest single PUT: 5 GiB. */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;
/** S3's largest object CopyObject copies, and UploadPartCopy copies without a range: 5 GiB. */
export const MAX_COPY_SOURCE_SIZE = 5 * 1024 ** 3;

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The tags of `x-amz-tagging`, checked; undefined when the header is absent. */
export function requestedTags(call: S3Call): Tag[] | undefined {
  const text = header(call, 'x-amz-tagging');
  if (text === undefined) return undefined;
  const tags = parseTaggingHeader(text);
  if (tags instanceof Error) throw tags;
  return tags;
}

/** Refuses ACLs that would grant more than the bucket owner's full control (ACLs are disabled: acl.ts). */
export function checkAcl(call: S3Call, entry: BucketEntry): void {
  if (aclOfHeaders(call.req.headers, canonicalUserId(entry.bucket.accountId)) === 'grants-more') throw awsError('AccessControlListNotSupported');
}

/** Authorizes writing an object (s3:PutObject, and s3:PutObjectTagging when it sets tags). */
export function authorizeWrite(call: S3Call, entry: BucketEntry, key: string, tags: readonly Tag[] | undefined): void {
  const arn = resourceArn('object', entry.bucket.name, key);
  const context = { ...writeHeaderKeys(call.req.headers), ...requestObjectTagKeys(tags) };
  call.authorize('s3:PutObject', arn, entry, context);
  if (tags !== undefined) call.authorize('s3:PutObjectTagging', arn, entry, context);
}

function checkKey(key: string): void {
  const problem = checkObjectKey(key);
  if (problem !== undefined) throw problem;
}

/** Throws unless the object at `key` meets the write's `If-None-Match`/`If-Match` headers. */
export async function checkWriteConditions(call: S3Call, bucket: string, key: string): Promise<void> {
  const ifNoneMatch = header(call, 'if-none-match');
  const ifMatch = header(call, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') throw awsError('NotImplemented');
  const current = await call.services.objects.get(bucket, key);
  if (ifNoneMatch !== undefined && current !== undefined) throw awsError('PreconditionFailed', undefined, { fields: { Condition: 'If-None-Match' } });
  if (ifMatch !== undefined) {
    if (current === undefined) throw awsError('NoSuchKey', undefined, { fields: { Key: key } });
    if (!etagListMatches(ifMatch, current.etag)) throw awsError('PreconditionFailed', undefined, { fields: { Condition: 'If-Match' } });
  }
}

/** Commits an object row; cleans up the files it replaced, or its own when the bucket went away. */
export async function commitObject(call: S3Call, object: S3Object): Promise<void> {
  const replaced = await call.services.writing(object.bucket, object.key, () => call.services.commits.put(object));
  if (replaced === undefined) {
    await call.services.blobs.remove(object.blobs.map((b) => b.id));
    throw awsError('NoSuchBucket', undefined, { fields: { BucketName: object.bucket } });
  }
  await call.services.blobs.remove(replaced.map((b) => b.id));
}

function checksumHeaders(object: S3Object): Record<string, string> {
  const c = object.checksum;
  return c === undefined ? {} : { [`x-amz-checksum-${c.algorithm.toLowerCase()}`]: c.value, 'x-amz-checksum-type': c.type };
}

/** PutObject. */
export async function putObject(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  checkKey(key);
  const encryption = checkEncryption('PutObject', call.req.headers);
  const tags = requestedTags(call);
  authorizeWrite(call, entry, key, tags);
  checkAcl(call, entry);
  await checkWriteConditions(call, entry.bucket.name, key);
  // Before the body is read: a refused write leaves nothing behind.
  const stored = storedHeaders(call.req.headers);
  const storageClass = requestedStorageClass(call.req.headers) ?? 'STANDARD';
  const body = call.body();
  if (body.length === undefined) throw awsError('MissingContentLength');
  if (body.length > MAX_PUT_SIZE) throw awsError('EntityTooLarge', undefined, { fields: { ProposedSize: String(body.length), MaxSizeAllowed: String(MAX_PUT_SIZE) } });

  let data: Buffer | undefined;
  let blobs: BlobRef[] = [];
  let digest;
  if (body.length <= call.services.inlineLimit) {
    data = await body.buffer(call.services.inlineLimit);
    digest = body.finish();
    if (digest instanceof Error) throw digest;
  } else {
    const pending = await call.services.blobs.receive(body.chunks());
    digest = body.finish();
    if (digest instanceof Error) {
      await pending.discard();
      throw digest;
    }
    blobs = [await pending.commit()];
  }
  call.audit.bytesIn = digest.size;
  const object: S3Object = {
    bucket: entry.bucket.name,
    key,
    size: digest.size,
    etag: digest.md5,
    lastModified: call.now,
    checksum: digest.checksum === undefined ? undefined : { ...digest.checksum, type: 'FULL_OBJECT' },
    contentType: stored.contentType,
    headers: stored.headers,
    metadata: stored.metadata,
    tags: tags ?? [],
    blobs,
    partsCount: undefined,
    data,
    storageClass,
  };
  await commitObject(call, object);
  call.audit.additionalEventData = sseApplied(encryption);
  call.audit.responseElements = { ...SSE_S3_RESPONSE_HEADERS };
  return call.reply(200, { etag: quotedEtag(object.etag), ...checksumHeaders(object), ...SSE_S3_RESPONSE_HEADERS });
}

/** CopyObject: s3:GetObject on the source, s3:PutObject on the target; files are shared by hard links. */
export async function copyObject(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  checkKey(key);
  const encryption = checkEncryption('CopyObject', call.req.headers);
  const { text: sourceText, source, object: original } = await readCopySource(call);

  const metadataDirective = (header(call, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  const taggingDirective = (header(call, 'x-amz-tagging-directive') ?? 'COPY').toUpperCase();
  if ((metadataDirective !== 'COPY' && metadataDirective !== 'REPLACE') || (taggingDirective !== 'COPY' && taggingDirective !== 'REPLACE')) {
    throw awsError('InvalidArgument', 'Unknown metadata directive.', { fields: { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: metadataDirective } });
  }
  const tags = taggingDirective === 'REPLACE' ? (requestedTags(call) ?? []) : undefined;
  // "CopyObject": the copy is STANDARD unless the request names a class; naming one is a change
  // that makes a copy in place legal (how S3 changes an object's class).
  const storageClass = requestedStorageClass(call.req.headers);
  authorizeWrite(call, entry, key, tags);
  checkAcl(call, entry);
  await checkWriteConditions(call, entry.bucket.name, key);
  // Copying in place needs a change; S3 counts an encryption header as one even when it names the
  // encryption the object already has (the in-place `--sse AES256` copy), but not the bucket default.
  if (source.bucket === entry.bucket.name && source.key === key && metadataDirective === 'COPY' && taggingDirective === 'COPY' && encryption !== 'requested' && storageClass === undefined) {
    throw awsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  if (original.size > MAX_COPY_SOURCE_SIZE) {
    throw awsError('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_SIZE}`);
  }
  checkCopyConditions(call, original);
  const stored = metadataDirective === 'REPLACE' ? storedHeaders(call.req.headers) : undefined;
  const blobs = await call.services.blobs.duplicate(original.blobs);
  const object: S3Object = {
    ...original,
    bucket: entry.bucket.name,
    key,
    lastModified: call.now,
    contentType: stored?.contentType ?? original.contentType,
    headers: stored?.headers ?? original.headers,
    metadata: stored?.metadata ?? original.metadata,
    tags: tags ?? original.tags,
    blobs,
    storageClass: storageClass ?? 'STANDARD',
  };
  await commitObject(call, object);
  call.audit.requestParameters['x-amz-copy-source'] = sourceText;
  call.audit.additionalEventData = sseApplied(encryption);
  const c = object.checksum;
  return restXmlResponse(
    'CopyObjectResult',
    COPY_OBJECT_RESULT,
    {
      ETag: quotedEtag(object.etag),
      LastModified: object.lastModified,
      ...(c !== undefined ? { [`Checksum${c.algorithm}`]: c.value, ChecksumType: c.type } : {}),
    },
    call.ids,
    SSE_S3_RESPONSE_HEADERS,
  );
}

/**
 * DeleteObject: 204 whether or not the key existed. With a versionId it is s3:DeleteObjectVersion:
 * `null` deletes the object, another version is already gone; either is echoed in x-amz-version-id.
 */
export async function deleteObject(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  const arn = resourceArn('object', entry.bucket.name, key);
  call.authorize(versionedAction(call.op.action, version), arn, entry, versionKeys(version));
  const ifMatch = header(call, 'if-match');
  if (ifMatch !== undefined) {
    if (ifMatch.trim() !== '*') call.authorize('s3:GetObject', arn, entry);
    const refused = await deleteConditionRefusal(call, entry.bucket.name, key, ifMatch);
    if (refused !== undefined) throw awsError(refused, undefined, refused === 'NoSuchKey' ? { fields: { Key: key } } : { fields: { Condition: 'If-Match' } });
  }
  if (version.kind !== 'missing') await removeObject(call, entry.bucket.name, key);
  const echoed = echoedVersionId(version);
  return call.reply(204, echoed === undefined ? {} : { 'x-amz-version-id': echoed });
}

// A conditional delete's If-Match (or DeleteObjects' ETag) against the current object.
async function deleteConditionRefusal(call: S3Call, bucket: string, key: string, ifMatch: string): Promise<'NoSuchKey' | 'PreconditionFailed' | undefined> {
  const current = await call.services.objects.get(bucket, key);
  if (current === undefined) return 'NoSuchKey';
  return etagListMatches(ifMatch, current.etag) ? undefined : 'PreconditionFailed';
}

async function removeObject(call: S3Call, bucket: string, key: string): Promise<void> {
  const removed = await call.services.writing(bucket, key, () => call.services.store.s3Objects.delete(bucket, key));
  if (removed !== undefined) await call.services.blobs.remove(removed.blobs.map((b) => b.id));
}

/**
 * DeleteObjects: each key authorized and deleted on its own (s3:DeleteObjectVersion for the keys
 * named with a VersionId, as DeleteObject); refusals are listed as Errors.
 */
export async function deleteObjects(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  // "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for all Multi-Object Delete
  // requests" (API Reference, "DeleteObjects"): a checksum header, or one in the trailer, will do.
  const headers = Object.keys(call.req.headers);
  if (!headers.some((h) => h === 'content-md5' || h === 'x-amz-trailer' || checksumAlgorithmOfHeader(h) !== undefined)) {
    throw awsError('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  const request = readDelete(await call.smallBody(2 * 1024 * 1024));
  if (request instanceof Error) throw request;
  const deleted: { Key: string; VersionId?: string }[] = [];
  const errors: { Key: string; VersionId?: string; Code: string; Message: string }[] = [];
  for (const { key, versionId, etag } of request.objects) {
    const arn = resourceArn('object', entry.bucket.name, key);
    const named = versionId === undefined ? {} : { VersionId: versionId };
    const version = parseVersionId(versionId);
    if (version instanceof Error) {
      errors.push({ Key: key, ...named, Code: version.code, Message: version.message });
      continue;
    }
    if (!call.allows(versionedAction('s3:DeleteObject', version), arn, entry, versionKeys(version)) || (etag !== undefined && etag.trim() !== '*' && !call.allows('s3:GetObject', arn, entry))) {
      errors.push({ Key: key, ...named, Code: 'AccessDenied', Message: 'Access Denied' });
      continue;
    }
    const refused = etag === undefined ? undefined : await deleteConditionRefusal(call, entry.bucket.name, key, etag);
    if (refused !== undefined) {
      const error = awsError(refused);
      errors.push({ Key: key, ...named, Code: error.code, Message: error.message });
      continue;
    }
    if (version.kind !== 'missing') await removeObject(call, entry.bucket.name, key);
    if (!request.quiet) deleted.push({ Key: key, ...named });
  }
  call.audit.requestParameters['delete'] = { Object: request.objects.map((o) => ({ Key: o.key, ...(o.versionId === undefined ? {} : { VersionId: o.versionId }) })), Quiet: request.quiet };
  return restXmlResponse('DeleteResult', DELETE_RESULT, { Deleted: deleted, Error: errors }, call.ids);
}

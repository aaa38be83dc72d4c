// ListParts and ListMultipartUploads (Amazon S3 API Reference): parts by number after
// part-number-marker, at most max-parts (1000); uploads by key and initiation after key-marker and
// upload-id-marker, at most max-uploads (1000), with prefix, delimiter and encoding-type.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { encodingType, pageSize } from './object-lists.ts';
import { resourceArn } from './operations.ts';
import { ownerOf } from './owner.ts';
import { namedUpload } from './multipart-uploads.ts';
import { LIST_MULTIPART_UPLOADS_RESULT, LIST_PARTS_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { quotedEtag } from './etag.ts';
import { listUploadsPage } from './upload-listing.ts';
import { listingUrlEncode } from './url-encoding.ts';

const MAX_PAGE = 1000;

function initiatorOf(initiator: { id: string; arn: string }) {
  return { ID: initiator.arn, DisplayName: initiator.id };
}

export async function listParts(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  const key = call.key ?? '';
  call.authorize(call.op.action, resourceArn('object', entry.bucket.name, key), entry);
  const upload = await namedUpload(call, entry.bucket.name, key);
  const maxParts = pageSize(call.query.get('max-parts'), 'max-parts', MAX_PAGE);
  if (maxParts instanceof Error) throw maxParts;
  const markerText = call.query.get('part-number-marker');
  const marker = markerText === null ? 0 : Number(markerText);
  if (!Number.isInteger(marker) || marker < 0) {
    throw awsError('InvalidArgument', 'Provided part-number-marker not an integer or within integer range', { fields: { ArgumentName: 'part-number-marker', ArgumentValue: markerText ?? '' } });
  }
  const parts = await call.services.store.s3Uploads.parts(upload.uploadId, { after: marker, limit: maxParts + 1 });
  const truncated = parts.length > maxParts;
  const shown = parts.slice(0, maxParts);
  const last = shown.at(-1);
  return restXmlResponse(
    'ListPartsResult',
    LIST_PARTS_RESULT,
    {
      Bucket: entry.bucket.name,
      Key: key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      ...(last !== undefined ? { NextPartNumberMarker: last.partNumber } : {}),
      MaxParts: maxParts,
      IsTruncated: truncated,
      Part: shown.map((p) => ({
        PartNumber: p.partNumber,
        LastModified: p.lastModified,
        ETag: quotedEtag(p.etag),
        Size: p.size,
        ...(p.checksum !== undefined ? { [`Checksum${p.checksum.algorithm}`]: p.checksum.value } : {}),
      })),
      Initiator: initiatorOf(upload.initiator),
      Owner: ownerOf(entry.bucket.accountId),
      StorageClass: upload.storageClass,
      ...(upload.checksumAlgorithm !== undefined ? { ChecksumAlgorithm: upload.checksumAlgorithm } : {}),
    },
    call.ids,
  );
}

export async function listMultipartUploads(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  const maxUploads = pageSize(call.query.get('max-uploads'), 'max-uploads', MAX_PAGE);
  if (maxUploads instanceof Error) throw maxUploads;
  const encoding = encodingType(call.query);
  if (encoding instanceof Error) throw encoding;
  const encode = encoding === 'url' ? listingUrlEncode : (t: string) => t;
  const prefix = call.query.get('prefix') ?? '';
  const delimiterText = call.query.get('delimiter') ?? undefined;
  const delimiter = delimiterText === '' ? undefined : delimiterText;
  const keyMarker = call.query.get('key-marker') ?? undefined;
  const uploadIdMarker = call.query.get('upload-id-marker') ?? undefined;
  const uploads = call.services.store.s3Uploads;
  const page = await listUploadsPage((range) => uploads.list(entry.bucket.name, range), {
    prefix,
    delimiter,
    maxUploads,
    keyMarker: keyMarker === '' ? undefined : keyMarker,
    uploadIdMarker: uploadIdMarker === '' ? undefined : uploadIdMarker,
  });
  const owner = ownerOf(entry.bucket.accountId);
  return restXmlResponse(
    'ListMultipartUploadsResult',
    LIST_MULTIPART_UPLOADS_RESULT,
    {
      Bucket: entry.bucket.name,
      KeyMarker: encode(keyMarker ?? ''),
      UploadIdMarker: uploadIdMarker ?? '',
      ...(page.truncated && page.nextKeyMarker !== undefined ? { NextKeyMarker: encode(page.nextKeyMarker) } : {}),
      ...(page.truncated && page.nextUploadIdMarker !== undefined ? { NextUploadIdMarker: page.nextUploadIdMarker } : {}),
      ...(prefix !== '' ? { Prefix: encode(prefix) } : {}),
      ...(delimiter !== undefined ? { Delimiter: encode(delimiter) } : {}),
      MaxUploads: maxUploads,
      IsTruncated: page.truncated,
      Upload: page.uploads.map((u) => ({
        Key: encode(u.key),
        UploadId: u.uploadId,
        Initiator: initiatorOf(u.initiator),
        Owner: owner,
        StorageClass: u.storageClass,
        Initiated: u.initiated,
        ...(u.checksumAlgorithm !== undefined ? { ChecksumAlgorithm: u.checksumAlgorithm } : {}),
      })),
      CommonPrefixes: page.commonPrefixes.map((c) => ({ Prefix: encode(c) })),
      ...(encoding !== undefined ? { EncodingType: encoding } : {}),
    },
    call.ids,
  );
}

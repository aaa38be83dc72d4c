// GetObjectAttributes (Amazon S3 API Reference, "GetObjectAttributes"): what HeadObject and
// ListParts would say about an object, in one XML body, limited to the attributes the request names in
// x-amz-object-attributes (ETag, Checksum, ObjectParts, StorageClass, ObjectSize). It needs both
// s3:GetObject and s3:GetObjectAttributes (s3:GetObjectVersion and s3:GetObjectVersionAttributes for a
// version), reads no bytes (so an archived object answers too), and writes the ETag without quotes.
// ObjectParts gives a multipart object's part count; S3 lists the parts themselves only for objects
// with an additional checksum, and podiam does not keep per-part checksums after completion, so it
// never lists them.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { readableObject } from './object-reads.ts';
import { GET_OBJECT_ATTRIBUTES_RESPONSE } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { requestedVersion } from './version-id.ts';

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

function isAttribute(text: string): text is Attribute {
  return (ATTRIBUTES as readonly string[]).includes(text);
}

/** The attributes x-amz-object-attributes names (a comma-separated list, as the SDKs send it). */
function requestedAttributes(call: S3Call): ReadonlySet<Attribute> {
  const raw = call.req.headers['x-amz-object-attributes'];
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) {
    throw awsError('InvalidRequest', 'Missing required header for this request: x-amz-object-attributes');
  }
  const unknown = names.find((n) => !isAttribute(n));
  if (unknown !== undefined) {
    throw awsError('InvalidArgument', 'Invalid attribute name specified.', { fields: { ArgumentName: 'x-amz-object-attributes', ArgumentValue: unknown } });
  }
  return new Set(names.filter(isAttribute));
}

export async function getObjectAttributes(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  // Both actions: "If the bucket is not versioned, you need the s3:GetObject and s3:GetObjectAttributes permissions."
  const object = await readableObject(call, entry, key, [call.op.action, 's3:GetObject'], version);
  const wanted = requestedAttributes(call);
  const checksum = object.checksum;
  return restXmlResponse(
    'GetObjectAttributesResponse',
    GET_OBJECT_ATTRIBUTES_RESPONSE,
    {
      ...(wanted.has('ETag') ? { ETag: object.etag } : {}),
      ...(wanted.has('Checksum') && checksum !== undefined ? { Checksum: { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: checksum.type } } : {}),
      ...(wanted.has('ObjectParts') && object.partsCount !== undefined ? { ObjectParts: { PartsCount: object.partsCount } } : {}),
      ...(wanted.has('StorageClass') ? { StorageClass: object.storageClass } : {}),
      ...(wanted.has('ObjectSize') ? { ObjectSize: object.size } : {}),
    },
    call.ids,
    { 'last-modified': object.lastModified.toUTCString() },
  );
}

// ListObjectVersions of an unversioned bucket (Amazon S3 API Reference, "ListObjectVersions"; Amazon
// S3 User Guide, "How S3 Versioning works": objects stored while versioning was never enabled have
// the version ID `null`): each object is its one version, `null` and latest; there are no delete
// markers. s3:ListBucketVersions with s3:prefix, s3:delimiter and s3:max-keys; at most 1000 entries a
// page; paging by key-marker (and version-id-marker, which needs a key marker and can only be `null`
// here: every other version ID names a version that does not exist, "Invalid version id
// specified"); prefix, delimiter and encoding-type as in ListObjects.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { quotedEtag } from './etag.ts';
import { listPage } from './object-listing.ts';
import { listingRequest } from './object-lists.ts';
import { ownerOf } from './owner.ts';
import { LIST_VERSIONS_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';

export async function listObjectVersions(call: S3Call): Promise<WireResponse> {
  const { entry, prefix, delimiter, maxKeys, encoding, encode } = await listingRequest(call);
  const keyMarker = call.query.get('key-marker') ?? '';
  const versionIdMarker = call.query.get('version-id-marker') ?? '';
  if (versionIdMarker !== '' && keyMarker === '') {
    throw awsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', {
      fields: { ArgumentName: 'version-id-marker', ArgumentValue: versionIdMarker },
    });
  }
  if (versionIdMarker !== '' && versionIdMarker !== 'null') {
    throw awsError('InvalidArgument', 'Invalid version id specified', { fields: { ArgumentName: 'version-id-marker', ArgumentValue: versionIdMarker } });
  }
  // The key marker's only version is `null`, listed already: the page starts after the key.
  const objects = call.services.store.s3Objects;
  const page = await listPage((range) => objects.list(entry.bucket.name, range), {
    prefix,
    delimiter: delimiter === '' ? undefined : delimiter,
    maxKeys,
    after: keyMarker === '' ? undefined : keyMarker,
  });
  const owner = ownerOf(entry.bucket.accountId);
  const lastIsKey = page.last !== undefined && page.contents.at(-1)?.key === page.last;
  return restXmlResponse(
    'ListVersionsResult',
    LIST_VERSIONS_RESULT,
    {
      Name: entry.bucket.name,
      Prefix: encode(prefix),
      KeyMarker: encode(keyMarker),
      VersionIdMarker: versionIdMarker,
      ...(page.truncated && page.last !== undefined ? { NextKeyMarker: encode(page.last), ...(lastIsKey ? { NextVersionIdMarker: 'null' } : {}) } : {}),
      MaxKeys: maxKeys,
      ...(delimiter !== undefined ? { Delimiter: encode(delimiter) } : {}),
      IsTruncated: page.truncated,
      ...(encoding !== undefined ? { EncodingType: encoding } : {}),
      Version: page.contents.map((o) => ({
        Key: encode(o.key),
        VersionId: 'null',
        IsLatest: true,
        LastModified: o.lastModified,
        ETag: quotedEtag(o.etag),
        ...(o.checksum !== undefined ? { ChecksumAlgorithm: o.checksum.algorithm, ChecksumType: o.checksum.type } : {}),
        Size: o.size,
        StorageClass: o.storageClass,
        Owner: owner,
      })),
      CommonPrefixes: page.commonPrefixes.map((c) => ({ Prefix: encode(c) })),
    },
    call.ids,
  );
}

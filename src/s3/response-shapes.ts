// The XML bodies S3 answers with, as shapes (Amazon S3 API Reference, each action's "Response
// Syntax"; member order as S3 writes them). Lists that S3 writes flattened (Contents, CommonPrefixes,
// Deleted, Error, Upload, Part) repeat their element.

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const long = { type: 'long' } as const;
const bool = { type: 'boolean' } as const;
const time = { type: 'timestamp' } as const;

const owner = { type: 'structure', members: { ID: str, DisplayName: str } } as const;
const tagSet = {
  type: 'list',
  memberName: 'Tag',
  member: { type: 'structure', members: { Key: str, Value: str }, required: ['Key', 'Value'] },
} as const;
const commonPrefixes = { type: 'list', flattened: true, member: { type: 'structure', members: { Prefix: str } } } as const;
const checksumMembers = {
  ChecksumCRC32: str,
  ChecksumCRC32C: str,
  ChecksumCRC64NVME: str,
  ChecksumSHA1: str,
  ChecksumSHA256: str,
  ChecksumType: str,
} as const;

export const LIST_ALL_MY_BUCKETS_RESULT = {
  type: 'structure',
  members: {
    Buckets: {
      type: 'list',
      memberName: 'Bucket',
      member: { type: 'structure', members: { Name: str, CreationDate: time, BucketRegion: str } },
    },
    Owner: owner,
    ContinuationToken: str,
    Prefix: str,
  },
} as const;

const contents = {
  type: 'list',
  flattened: true,
  member: {
    type: 'structure',
    members: { Key: str, LastModified: time, ETag: str, ChecksumAlgorithm: str, ChecksumType: str, Size: long, Owner: owner, StorageClass: str },
  },
} as const;

export const LIST_BUCKET_RESULT_V1 = {
  type: 'structure',
  members: {
    Name: str,
    Prefix: str,
    Marker: str,
    NextMarker: str,
    MaxKeys: int,
    Delimiter: str,
    IsTruncated: bool,
    EncodingType: str,
    Contents: contents,
    CommonPrefixes: commonPrefixes,
  },
} as const;

export const LIST_BUCKET_RESULT_V2 = {
  type: 'structure',
  members: {
    Name: str,
    Prefix: str,
    MaxKeys: int,
    Delimiter: str,
    IsTruncated: bool,
    EncodingType: str,
    Contents: contents,
    CommonPrefixes: commonPrefixes,
    KeyCount: int,
    ContinuationToken: str,
    NextContinuationToken: str,
    StartAfter: str,
  },
} as const;

export const TAGGING = { type: 'structure', members: { TagSet: tagSet } } as const;

export const DELETE_RESULT = {
  type: 'structure',
  members: {
    Deleted: { type: 'list', flattened: true, member: { type: 'structure', members: { Key: str, VersionId: str } } },
    Error: { type: 'list', flattened: true, member: { type: 'structure', members: { Key: str, VersionId: str, Code: str, Message: str } } },
  },
} as const;

export const COPY_OBJECT_RESULT = { type: 'structure', members: { ETag: str, LastModified: time, ...checksumMembers } } as const;

export const COPY_PART_RESULT = {
  type: 'structure',
  members: { ETag: str, LastModified: time, ChecksumCRC32: str, ChecksumCRC32C: str, ChecksumCRC64NVME: str, ChecksumSHA1: str, ChecksumSHA256: str },
} as const;

export const INITIATE_MULTIPART_UPLOAD_RESULT = { type: 'structure', members: { Bucket: str, Key: str, UploadId: str } } as const;

export const COMPLETE_MULTIPART_UPLOAD_RESULT = {
  type: 'structure',
  members: { Location: str, Bucket: str, Key: str, ETag: str, ...checksumMembers },
} as const;

export const LIST_MULTIPART_UPLOADS_RESULT = {
  type: 'structure',
  members: {
    Bucket: str,
    KeyMarker: str,
    UploadIdMarker: str,
    NextKeyMarker: str,
    NextUploadIdMarker: str,
    Prefix: str,
    Delimiter: str,
    MaxUploads: int,
    IsTruncated: bool,
    Upload: {
      type: 'list',
      flattened: true,
      member: {
        type: 'structure',
        members: { Key: str, UploadId: str, Initiator: owner, Owner: owner, StorageClass: str, Initiated: time, ChecksumAlgorithm: str },
      },
    },
    CommonPrefixes: commonPrefixes,
    EncodingType: str,
  },
} as const;

export const LIST_PARTS_RESULT = {
  type: 'structure',
  members: {
    Bucket: str,
    Key: str,
    UploadId: str,
    PartNumberMarker: int,
    NextPartNumberMarker: int,
    MaxParts: int,
    IsTruncated: bool,
    Part: {
      type: 'list',
      flattened: true,
      member: {
        type: 'structure',
        members: { PartNumber: int, LastModified: time, ETag: str, Size: long, ChecksumCRC32: str, ChecksumCRC32C: str, ChecksumCRC64NVME: str, ChecksumSHA1: str, ChecksumSHA256: str },
      },
    },
    Initiator: owner,
    Owner: owner,
    StorageClass: str,
    ChecksumAlgorithm: str,
  },
} as const;

export const GET_OBJECT_ATTRIBUTES_RESPONSE = {
  type: 'structure',
  members: {
    ETag: str,
    Checksum: { type: 'structure', members: checksumMembers },
    ObjectParts: { type: 'structure', members: { PartsCount: int } },
    StorageClass: str,
    ObjectSize: long,
  },
} as const;

export const PUBLIC_ACCESS_BLOCK_CONFIGURATION = {
  type: 'structure',
  members: { BlockPublicAcls: bool, IgnorePublicAcls: bool, BlockPublicPolicy: bool, RestrictPublicBuckets: bool },
} as const;

export const POLICY_STATUS = { type: 'structure', members: { IsPublic: bool } } as const;

export const LIST_VERSIONS_RESULT = {
  type: 'structure',
  members: {
    Name: str,
    Prefix: str,
    KeyMarker: str,
    VersionIdMarker: str,
    NextKeyMarker: str,
    NextVersionIdMarker: str,
    MaxKeys: int,
    Delimiter: str,
    IsTruncated: bool,
    EncodingType: str,
    Version: {
      type: 'list',
      flattened: true,
      member: {
        type: 'structure',
        members: {
          Key: str,
          VersionId: str,
          IsLatest: bool,
          LastModified: time,
          ETag: str,
          ChecksumAlgorithm: str,
          ChecksumType: str,
          Size: long,
          StorageClass: str,
          Owner: owner,
        },
      },
    },
    CommonPrefixes: commonPrefixes,
  },
} as const;

/** GetBucketVersioning of a bucket whose versioning was never set: no Status, no MfaDelete. */
export const VERSIONING_CONFIGURATION = { type: 'structure', members: { Status: str, MfaDelete: str } } as const;

export const OWNERSHIP_CONTROLS = {
  type: 'structure',
  members: { Rule: { type: 'list', flattened: true, member: { type: 'structure', members: { ObjectOwnership: str } } } },
} as const;

export const SERVER_SIDE_ENCRYPTION_CONFIGURATION = {
  type: 'structure',
  members: {
    Rule: {
      type: 'list',
      flattened: true,
      member: {
        type: 'structure',
        members: {
          ApplyServerSideEncryptionByDefault: { type: 'structure', members: { SSEAlgorithm: str, KMSMasterKeyID: str } },
          BucketKeyEnabled: bool,
        },
      },
    },
  },
} as const;

export const REQUEST_PAYMENT_CONFIGURATION = { type: 'structure', members: { Payer: str } } as const;

/** A configuration document that is empty when nothing is configured (BucketLoggingStatus, NotificationConfiguration, AccelerateConfiguration). */
export const EMPTY_CONFIGURATION = { type: 'structure', members: {} } as const;

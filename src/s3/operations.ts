// The S3 operations podiam serves and the IAM action each is authorized as (Amazon S3 User Guide,
// "Required permissions for Amazon S3 API operations"; Service Authorization Reference, "Actions,
// resources, and condition keys for Amazon S3"). Several operations share an action: HeadObject is
// s3:GetObject, HeadBucket and ListObjects(V2) are s3:ListBucket, UploadPart and the multipart
// create/complete calls are s3:PutObject, DeleteBucketTagging is s3:PutBucketTagging, the public
// access block calls are s3:*BucketPublicAccessBlock. CopyObject is s3:GetObject on the source and
// s3:PutObject on the target (UploadPartCopy likewise); DeleteObjects is s3:DeleteObject on each key.
// A request naming a versionId is authorized as the version's action instead (s3:GetObjectVersion,
// s3:DeleteObjectVersion, s3:GetObjectVersionAcl, ...: see version-id.ts).
// CloudTrail logs object-level calls (and listings of a bucket's objects) as data events and
// bucket-level calls as management events (AWS CloudTrail User Guide, "Logging data events":
// Amazon S3 object-level API activity).

/** Every S3 operation podiam answers. */
export type S3OperationName =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'HeadBucket'
  | 'DeleteBucket'
  | 'GetBucketLocation'
  | 'GetBucketTagging'
  | 'PutBucketTagging'
  | 'DeleteBucketTagging'
  | 'GetBucketPolicy'
  | 'PutBucketPolicy'
  | 'DeleteBucketPolicy'
  | 'GetBucketPolicyStatus'
  | 'GetPublicAccessBlock'
  | 'PutPublicAccessBlock'
  | 'DeletePublicAccessBlock'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'ListMultipartUploads'
  | 'DeleteObjects'
  | 'PutObject'
  | 'CopyObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'GetObjectTagging'
  | 'GetObjectAttributes'
  | 'PutObjectTagging'
  | 'DeleteObjectTagging'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListParts'
  | 'UploadPartCopy'
  | 'GetBucketAcl'
  | 'PutBucketAcl'
  | 'GetObjectAcl'
  | 'PutObjectAcl'
  | 'GetBucketOwnershipControls'
  | 'PutBucketOwnershipControls'
  | 'GetBucketVersioning'
  | 'PutBucketVersioning'
  | 'ListObjectVersions'
  | 'GetBucketCors'
  | 'GetBucketLifecycleConfiguration'
  | 'GetBucketWebsite'
  | 'GetBucketEncryption'
  | 'GetBucketLogging'
  | 'GetBucketRequestPayment'
  | 'GetBucketNotificationConfiguration'
  | 'GetObjectLockConfiguration'
  | 'GetBucketAccelerateConfiguration'
  | 'GetBucketReplication';

/** What an operation acts on: the account's bucket list, one bucket, or one object. */
export type S3ResourceScope = 'service' | 'bucket' | 'object';

/** How an operation is authorized and audited. */
export interface S3OperationSpec {
  readonly name: S3OperationName;
  /** The IAM action authorized (for CopyObject: the target's; DeleteObjects: each key's). */
  readonly action: string;
  readonly scope: S3ResourceScope;
  readonly category: 'Data' | 'Management';
  readonly readOnly: boolean;
  /** The CloudTrail eventName where it differs from the operation's name. */
  readonly eventName?: string;
}

function op(name: S3OperationName, action: string, scope: S3ResourceScope, category: 'Data' | 'Management', readOnly: boolean, eventName?: string): S3OperationSpec {
  return Object.freeze({ name, action, scope, category, readOnly, ...(eventName !== undefined ? { eventName } : {}) });
}

/** The operations, by name. */
export const S3_OPERATIONS: { readonly [N in S3OperationName]: S3OperationSpec } = {
  ListBuckets: op('ListBuckets', 's3:ListAllMyBuckets', 'service', 'Management', true),
  CreateBucket: op('CreateBucket', 's3:CreateBucket', 'bucket', 'Management', false),
  HeadBucket: op('HeadBucket', 's3:ListBucket', 'bucket', 'Management', true),
  DeleteBucket: op('DeleteBucket', 's3:DeleteBucket', 'bucket', 'Management', false),
  GetBucketLocation: op('GetBucketLocation', 's3:GetBucketLocation', 'bucket', 'Management', true),
  GetBucketTagging: op('GetBucketTagging', 's3:GetBucketTagging', 'bucket', 'Management', true),
  PutBucketTagging: op('PutBucketTagging', 's3:PutBucketTagging', 'bucket', 'Management', false),
  DeleteBucketTagging: op('DeleteBucketTagging', 's3:PutBucketTagging', 'bucket', 'Management', false),
  GetBucketPolicy: op('GetBucketPolicy', 's3:GetBucketPolicy', 'bucket', 'Management', true),
  PutBucketPolicy: op('PutBucketPolicy', 's3:PutBucketPolicy', 'bucket', 'Management', false),
  DeleteBucketPolicy: op('DeleteBucketPolicy', 's3:DeleteBucketPolicy', 'bucket', 'Management', false),
  GetBucketPolicyStatus: op('GetBucketPolicyStatus', 's3:GetBucketPolicyStatus', 'bucket', 'Management', true),
  GetPublicAccessBlock: op('GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', 'bucket', 'Management', true, 'GetBucketPublicAccessBlock'),
  PutPublicAccessBlock: op('PutPublicAccessBlock', 's3:PutBucketPublicAccessBlock', 'bucket', 'Management', false, 'PutBucketPublicAccessBlock'),
  DeletePublicAccessBlock: op('DeletePublicAccessBlock', 's3:PutBucketPublicAccessBlock', 'bucket', 'Management', false, 'DeleteBucketPublicAccessBlock'),
  ListObjects: op('ListObjects', 's3:ListBucket', 'bucket', 'Data', true),
  ListObjectsV2: op('ListObjectsV2', 's3:ListBucket', 'bucket', 'Data', true),
  ListMultipartUploads: op('ListMultipartUploads', 's3:ListBucketMultipartUploads', 'bucket', 'Data', true),
  DeleteObjects: op('DeleteObjects', 's3:DeleteObject', 'bucket', 'Data', false),
  PutObject: op('PutObject', 's3:PutObject', 'object', 'Data', false),
  CopyObject: op('CopyObject', 's3:PutObject', 'object', 'Data', false),
  GetObject: op('GetObject', 's3:GetObject', 'object', 'Data', true),
  HeadObject: op('HeadObject', 's3:GetObject', 'object', 'Data', true),
  DeleteObject: op('DeleteObject', 's3:DeleteObject', 'object', 'Data', false),
  GetObjectTagging: op('GetObjectTagging', 's3:GetObjectTagging', 'object', 'Data', true),
  GetObjectAttributes: op('GetObjectAttributes', 's3:GetObjectAttributes', 'object', 'Data', true),
  PutObjectTagging: op('PutObjectTagging', 's3:PutObjectTagging', 'object', 'Data', false),
  DeleteObjectTagging: op('DeleteObjectTagging', 's3:DeleteObjectTagging', 'object', 'Data', false),
  CreateMultipartUpload: op('CreateMultipartUpload', 's3:PutObject', 'object', 'Data', false),
  UploadPart: op('UploadPart', 's3:PutObject', 'object', 'Data', false),
  CompleteMultipartUpload: op('CompleteMultipartUpload', 's3:PutObject', 'object', 'Data', false),
  AbortMultipartUpload: op('AbortMultipartUpload', 's3:AbortMultipartUpload', 'object', 'Data', false),
  ListParts: op('ListParts', 's3:ListMultipartUploadParts', 'object', 'Data', true),
  UploadPartCopy: op('UploadPartCopy', 's3:PutObject', 'object', 'Data', false),
  GetBucketAcl: op('GetBucketAcl', 's3:GetBucketAcl', 'bucket', 'Management', true),
  PutBucketAcl: op('PutBucketAcl', 's3:PutBucketAcl', 'bucket', 'Management', false),
  GetObjectAcl: op('GetObjectAcl', 's3:GetObjectAcl', 'object', 'Data', true),
  PutObjectAcl: op('PutObjectAcl', 's3:PutObjectAcl', 'object', 'Data', false),
  GetBucketOwnershipControls: op('GetBucketOwnershipControls', 's3:GetBucketOwnershipControls', 'bucket', 'Management', true),
  PutBucketOwnershipControls: op('PutBucketOwnershipControls', 's3:PutBucketOwnershipControls', 'bucket', 'Management', false),
  GetBucketVersioning: op('GetBucketVersioning', 's3:GetBucketVersioning', 'bucket', 'Management', true),
  PutBucketVersioning: op('PutBucketVersioning', 's3:PutBucketVersioning', 'bucket', 'Management', false),
  ListObjectVersions: op('ListObjectVersions', 's3:ListBucketVersions', 'bucket', 'Data', true),
  GetBucketCors: op('GetBucketCors', 's3:GetBucketCORS', 'bucket', 'Management', true),
  GetBucketLifecycleConfiguration: op('GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration', 'bucket', 'Management', true, 'GetBucketLifecycle'),
  GetBucketWebsite: op('GetBucketWebsite', 's3:GetBucketWebsite', 'bucket', 'Management', true),
  GetBucketEncryption: op('GetBucketEncryption', 's3:GetEncryptionConfiguration', 'bucket', 'Management', true),
  GetBucketLogging: op('GetBucketLogging', 's3:GetBucketLogging', 'bucket', 'Management', true),
  GetBucketRequestPayment: op('GetBucketRequestPayment', 's3:GetBucketRequestPayment', 'bucket', 'Management', true),
  GetBucketNotificationConfiguration: op('GetBucketNotificationConfiguration', 's3:GetBucketNotification', 'bucket', 'Management', true, 'GetBucketNotification'),
  GetObjectLockConfiguration: op('GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration', 'bucket', 'Management', true),
  GetBucketAccelerateConfiguration: op('GetBucketAccelerateConfiguration', 's3:GetAccelerateConfiguration', 'bucket', 'Management', true),
  GetBucketReplication: op('GetBucketReplication', 's3:GetReplicationConfiguration', 'bucket', 'Management', true),
};

/** The resource ARN an operation is authorized on. ListAllMyBuckets names no resource type. */
export function resourceArn(scope: S3ResourceScope, bucket: string | undefined, key: string | undefined): string {
  switch (scope) {
    case 'service':
      return 'arn:aws:s3:::*';
    case 'bucket':
      return `arn:aws:s3:::${bucket ?? ''}`;
    case 'object':
      return `arn:aws:s3:::${bucket ?? ''}/${key ?? ''}`;
    default: {
      const never: never = scope;
      return never;
    }
  }
}

// Which function answers each S3 operation.
import type { WireResponse } from '../aws/index.ts';
import { getBucketAcl, getBucketOwnershipControls, getObjectAcl, putBucketAcl, putBucketOwnershipControls, putObjectAcl } from './acl-operations.ts';
import {
  getBucketAccelerateConfiguration,
  getBucketCors,
  getBucketEncryption,
  getBucketLifecycleConfiguration,
  getBucketLogging,
  getBucketNotificationConfiguration,
  getBucketReplication,
  getBucketRequestPayment,
  getBucketWebsite,
  getObjectLockConfiguration,
} from './bucket-configuration.ts';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './bucket-operations.ts';
import {
  deleteBucketPolicy,
  deleteBucketTagging,
  deletePublicAccessBlock,
  getBucketPolicy,
  getBucketPolicyStatus,
  getBucketTagging,
  getPublicAccessBlock,
  putBucketPolicy,
  putBucketTagging,
  putPublicAccessBlock,
} from './bucket-settings.ts';
import { listMultipartUploads, listParts } from './multipart-listing.ts';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './multipart-uploads.ts';
import { listObjects, listObjectsV2 } from './object-lists.ts';
import { getObject } from './object-reads.ts';
import { listObjectVersions } from './object-versions.ts';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './object-tagging.ts';
import { getObjectAttributes } from './object-attributes.ts';
import { copyObject, deleteObject, deleteObjects, putObject } from './object-writes.ts';
import type { S3OperationName } from './operations.ts';
import type { S3Call } from './s3-call.ts';
import { uploadPartCopy } from './upload-part-copy.ts';
import { getBucketVersioning, putBucketVersioning } from './versioning.ts';

/** An operation's handler. */
export type S3Handler = (call: S3Call) => Promise<WireResponse | 'streamed'>;

export const S3_HANDLERS: { readonly [N in S3OperationName]: S3Handler } = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  GetBucketLocation: getBucketLocation,
  GetBucketTagging: getBucketTagging,
  PutBucketTagging: putBucketTagging,
  DeleteBucketTagging: deleteBucketTagging,
  GetBucketPolicy: getBucketPolicy,
  PutBucketPolicy: putBucketPolicy,
  DeleteBucketPolicy: deleteBucketPolicy,
  GetBucketPolicyStatus: getBucketPolicyStatus,
  GetPublicAccessBlock: getPublicAccessBlock,
  PutPublicAccessBlock: putPublicAccessBlock,
  DeletePublicAccessBlock: deletePublicAccessBlock,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListMultipartUploads: listMultipartUploads,
  DeleteObjects: deleteObjects,
  PutObject: putObject,
  CopyObject: copyObject,
  GetObject: getObject,
  HeadObject: getObject,
  DeleteObject: deleteObject,
  GetObjectTagging: getObjectTagging,
  GetObjectAttributes: getObjectAttributes,
  PutObjectTagging: putObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  UploadPartCopy: uploadPartCopy,
  GetBucketAcl: getBucketAcl,
  PutBucketAcl: putBucketAcl,
  GetObjectAcl: getObjectAcl,
  PutObjectAcl: putObjectAcl,
  GetBucketOwnershipControls: getBucketOwnershipControls,
  PutBucketOwnershipControls: putBucketOwnershipControls,
  GetBucketVersioning: getBucketVersioning,
  PutBucketVersioning: putBucketVersioning,
  ListObjectVersions: listObjectVersions,
  GetBucketCors: getBucketCors,
  GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
  GetBucketWebsite: getBucketWebsite,
  GetBucketEncryption: getBucketEncryption,
  GetBucketLogging: getBucketLogging,
  GetBucketRequestPayment: getBucketRequestPayment,
  GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
  GetObjectLockConfiguration: getObjectLockConfiguration,
  GetBucketAccelerateConfiguration: getBucketAccelerateConfiguration,
  GetBucketReplication: getBucketReplication,
};

// The S3 service's part of the store: buckets, objects, multipart uploads and parts.
export { s3BucketsRepo, type BucketDeletion, type PublicAccessBlock, type S3Bucket, type S3BucketsRepo } from './s3-buckets.ts';
export { s3ObjectsRepo, type S3Object, type S3ObjectRange, type S3ObjectSummary, type S3ObjectsRepo } from './s3-objects.ts';
export {
  s3UploadsRepo,
  type S3Part,
  type S3Upload,
  type S3UploadRange,
  type S3UploadsRepo,
  type UploadCompletion,
  type UploadInitiator,
} from './s3-uploads.ts';
export type { BlobRef, ObjectChecksum } from './s3-codecs.ts';

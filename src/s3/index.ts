// podiam's S3: the REST-XML front door of `podiam serve` — buckets, objects, multipart uploads (with
// UploadPartCopy), tags, bucket policies and Block Public Access; ACLs as Object Ownership "bucket
// owner enforced" answers them; unversioned buckets (versionId null, ListObjectVersions); the bucket
// configurations it does not keep read as never set, and their writes NotImplemented; every object
// SSE-S3 as S3's default encryption reports it (SSE-KMS and SSE-C NotImplemented) — with every
// request authorized by the IAM policy engine (identity, session, boundary, SCP/RCP and bucket
// policies) and recorded for CloudTrail.
export { createS3Door, type S3Door, type S3DoorDeps } from './s3-door.ts';
export { isS3Request } from './request-shape.ts';
export { S3_OPERATIONS, type S3OperationName, type S3OperationSpec } from './operations.ts';

// podiam's S3: the REST-XML front door of `podiam serve` — buckets, objects, multipart uploads,
// tags, bucket policies and Block Public Access — with every request authorized by the IAM policy
// engine (identity, session, boundary, SCP/RCP and bucket policies) and recorded for CloudTrail.
export { createS3Door, type S3Door, type S3DoorDeps } from './s3-door.ts';
export { isS3Request } from './request-shape.ts';
export { S3_OPERATIONS, type S3OperationName, type S3OperationSpec } from './operations.ts';

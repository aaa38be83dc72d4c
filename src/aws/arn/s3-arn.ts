// S3 bucket and object ARNs (Amazon S3 User Guide, "Policy resources for Amazon S3"):
//   arn:partition:s3:::bucket-name   and   arn:partition:s3:::bucket-name/object-key
// with bucket names checked against "General purpose bucket naming rules" and keys against the
// 1024-byte limit ("Naming Amazon S3 objects").

import { awsError, type AwsError } from '../errors/index.ts';
import { asPartition, AWS_PARTITION, splitArn, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';

/** A bucket name that satisfies S3's naming rules. */
export type BucketName = string & { readonly __bucketName: true };

const BUCKET_CHARS = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const MAX_KEY_BYTES = 1024;

/** Checks a bucket name (InvalidBucketName, naming the bucket, when it breaks a rule). */
export function parseBucketName(text: string): ArnResult<BucketName> {
  const valid =
    BUCKET_CHARS.test(text) &&
    !text.includes('..') &&
    !IP_ADDRESS.test(text) &&
    !RESERVED_PREFIXES.some((p) => text.startsWith(p)) &&
    !RESERVED_SUFFIXES.some((s) => text.endsWith(s));
  return valid ? ok(text as BucketName) : fail(invalidBucketName(text));
}

function invalidBucketName(text: string): AwsError {
  return awsError('InvalidBucketName', undefined, { fields: { BucketName: text } });
}

/** Checks an object key: at least one character, at most 1024 bytes of UTF-8 (KeyTooLongError). */
export function checkObjectKey(key: string): AwsError | undefined {
  if (key === '') return awsError('InvalidArgument', 'Object key must not be empty');
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    return awsError('KeyTooLongError', undefined, { fields: { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(bytes) } });
  }
  return undefined;
}

/** A bucket ARN. */
export interface S3BucketArn {
  readonly kind: 's3-bucket';
  readonly partition: Partition;
  readonly bucket: BucketName;
  readonly arn: string;
}

/** An object ARN. */
export interface S3ObjectArn {
  readonly kind: 's3-object';
  readonly partition: Partition;
  readonly bucket: BucketName;
  readonly key: string;
  readonly arn: string;
}

/** The ARN of a bucket. */
export function s3BucketArn(bucket: BucketName, partition: Partition = AWS_PARTITION): S3BucketArn {
  return Object.freeze({ kind: 's3-bucket', partition, bucket, arn: `arn:${partition}:s3:::${bucket}` });
}

/** The ARN of an object (the key as it is, unencoded, as policies match it). */
export function s3ObjectArn(bucket: BucketName, key: string, partition: Partition = AWS_PARTITION): S3ObjectArn {
  return Object.freeze({ kind: 's3-object', partition, bucket, key, arn: `arn:${partition}:s3:::${bucket}/${key}` });
}

/** Parses a bucket or object ARN. */
export function parseS3Arn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<S3BucketArn | S3ObjectArn> {
  const parts = splitArn(text);
  const partition = parts === undefined ? undefined : asPartition(parts.partition);
  if (parts === undefined || partition === undefined || parts.service !== 's3' || parts.region !== '' || parts.account !== '') {
    return fail(invalidArn(text, style));
  }
  const slash = parts.resource.indexOf('/');
  const bucketText = slash < 0 ? parts.resource : parts.resource.slice(0, slash);
  const bucket = parseBucketName(bucketText);
  if (!bucket.ok) return fail(invalidArn(text, style));
  if (slash < 0) return ok(s3BucketArn(bucket.value, partition));
  const key = parts.resource.slice(slash + 1);
  if (checkObjectKey(key) !== undefined) return fail(invalidArn(text, style));
  return ok(s3ObjectArn(bucket.value, key, partition));
}

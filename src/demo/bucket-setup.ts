// The demo's buckets and objects, through podiam's S3 with the owning account's credentials:
// CreateBucket is idempotent for its owner in us-east-1, and PutObject replaces an object.
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { failureOf } from './demo-log.ts';
import type { AwsClients, S3Availability } from './demo-context.ts';

/** Whether S3 answers ListBuckets for the administrator. */
export async function probeS3(admin: AwsClients): Promise<S3Availability> {
  try {
    await admin.s3.send(new ListBucketsCommand({}));
    return { available: true };
  } catch (err) {
    const failure = failureOf(err);
    return { available: false, reason: `ListBuckets: ${failure.code}: ${failure.message}` };
  }
}

/** The bucket, created by its owner (a second CreateBucket by the owner in us-east-1 succeeds). */
export async function ensureBucket(s3: S3Client, name: string, tags: Readonly<Record<string, string>> = {}): Promise<void> {
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  await s3.send(new CreateBucketCommand({ Bucket: name, ...(tagList.length > 0 ? { CreateBucketConfiguration: { Tags: tagList } } : {}) }));
}

/** The URL-encoded query of `x-amz-tagging` for object tags. */
export function taggingHeader(tags: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(tags)).toString();
}

/** Puts one object (with object tags when given). */
export async function putObject(s3: S3Client, bucket: string, key: string, body: Uint8Array, options: { contentType?: string; tags?: Readonly<Record<string, string>> } = {}): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ...(options.contentType !== undefined ? { ContentType: options.contentType } : {}),
      ...(options.tags !== undefined ? { Tagging: taggingHeader(options.tags) } : {}),
    }),
  );
}

/** The content type S3 stores for a demo object, by extension. */
export function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  switch (extension) {
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg';
    case 'csv':
      return 'text/csv';
    case 'txt':
      return 'text/plain';
    default:
      return 'application/octet-stream';
  }
}

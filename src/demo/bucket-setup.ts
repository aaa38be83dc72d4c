// The demo's buckets and objects, through podiam's S3 with the owning account's credentials:
// a bucket its owner creates again is the same bucket, and PutObject replaces an object.
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, type BucketLocationConstraint, type S3Client } from '@aws-sdk/client-s3';
import { failureOf } from './aws-failure.ts';
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

/**
 * Creates a bucket in the client's region (a LocationConstraint outside us-east-1), with bucket tags.
 * Resolves to what happened: S3 answers the owner's second CreateBucket in us-east-1 with success and
 * elsewhere with BucketAlreadyOwnedByYou, which is the same outcome for the demo.
 */
export async function createBucket(s3: S3Client, region: string, name: string, tags: Readonly<Record<string, string>> = {}): Promise<'created' | 'already yours'> {
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const configuration = {
    ...(region !== 'us-east-1' ? { LocationConstraint: region as BucketLocationConstraint } : {}),
    ...(tagList.length > 0 ? { Tags: tagList } : {}),
  };
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name, ...(Object.keys(configuration).length > 0 ? { CreateBucketConfiguration: configuration } : {}) }));
    return 'created';
  } catch (err) {
    if (failureOf(err).code === 'BucketAlreadyOwnedByYou') return 'already yours';
    throw err;
  }
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

// The bucket configurations podiam does not keep, read as S3 answers for a bucket where they were
// never set (Amazon S3 API Reference, each action's "Response Syntax" and "Errors"), so that tools
// probing a bucket (the AWS CLI, Terraform, SDK helpers) see a plain new bucket: no CORS
// (NoSuchCORSConfiguration), no lifecycle (NoSuchLifecycleConfiguration), no website
// (NoSuchWebsiteConfiguration), no replication (ReplicationConfigurationNotFoundError), no Object
// Lock (ObjectLockConfigurationNotFoundError); default encryption SSE-S3 ("Amazon S3 now applies
// server-side encryption with Amazon S3 managed keys (SSE-S3) as the base level of encryption for
// every bucket", January 2023) without an S3 Bucket Key, the encryption every object reports
// (server-side-encryption.ts); logging off (empty BucketLoggingStatus);
// the bucket owner pays; no notifications; Transfer Acceleration never set (empty, no Status).
// Setting any of them is NotImplemented (routing.ts).
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import type { BucketEntry } from './bucket-directory.ts';
import { EMPTY_CONFIGURATION, REQUEST_PAYMENT_CONFIGURATION, SERVER_SIDE_ENCRYPTION_CONFIGURATION } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { SSE_S3_ALGORITHM } from './server-side-encryption.ts';

async function authorizedBucket(call: S3Call): Promise<BucketEntry> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return entry;
}

export async function getBucketCors(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  throw awsError('NoSuchCORSConfiguration', undefined, { fields: { BucketName: entry.bucket.name } });
}

export async function getBucketLifecycleConfiguration(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  throw awsError('NoSuchLifecycleConfiguration', undefined, { fields: { BucketName: entry.bucket.name } });
}

export async function getBucketWebsite(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  throw awsError('NoSuchWebsiteConfiguration', undefined, { fields: { BucketName: entry.bucket.name } });
}

export async function getBucketReplication(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  throw awsError('ReplicationConfigurationNotFoundError', undefined, { fields: { BucketName: entry.bucket.name } });
}

export async function getObjectLockConfiguration(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  throw awsError('ObjectLockConfigurationNotFoundError', undefined, { fields: { BucketName: entry.bucket.name } });
}

export async function getBucketEncryption(call: S3Call): Promise<WireResponse> {
  await authorizedBucket(call);
  return restXmlResponse(
    'ServerSideEncryptionConfiguration',
    SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    { Rule: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: SSE_S3_ALGORITHM }, BucketKeyEnabled: false }] },
    call.ids,
  );
}

export async function getBucketLogging(call: S3Call): Promise<WireResponse> {
  await authorizedBucket(call);
  return restXmlResponse('BucketLoggingStatus', EMPTY_CONFIGURATION, {}, call.ids);
}

export async function getBucketRequestPayment(call: S3Call): Promise<WireResponse> {
  await authorizedBucket(call);
  return restXmlResponse('RequestPaymentConfiguration', REQUEST_PAYMENT_CONFIGURATION, { Payer: 'BucketOwner' }, call.ids);
}

export async function getBucketNotificationConfiguration(call: S3Call): Promise<WireResponse> {
  await authorizedBucket(call);
  return restXmlResponse('NotificationConfiguration', EMPTY_CONFIGURATION, {}, call.ids);
}

export async function getBucketAccelerateConfiguration(call: S3Call): Promise<WireResponse> {
  await authorizedBucket(call);
  return restXmlResponse('AccelerateConfiguration', EMPTY_CONFIGURATION, {}, call.ids);
}

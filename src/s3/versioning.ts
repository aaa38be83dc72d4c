// Versioning of podiam's buckets, which keep no object versions (Amazon S3 API Reference,
// "GetBucketVersioning", "PutBucketVersioning"): GetBucketVersioning answers as S3 does for a bucket
// whose versioning was never set — an empty VersioningConfiguration, no Status. PutBucketVersioning
// that would enable or suspend versioning is refused with NotImplemented rather than pretended; one
// that sets nothing (no Status, MfaDelete absent or Disabled) leaves the bucket as it is.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { VERSIONING_CONFIGURATION } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { readVersioningConfiguration } from './xml/request-documents.ts';

export async function getBucketVersioning(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return restXmlResponse('VersioningConfiguration', VERSIONING_CONFIGURATION, {}, call.ids);
}

export async function putBucketVersioning(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  const request = readVersioningConfiguration(await call.smallBody(64 * 1024));
  if (request instanceof Error) throw request;
  if (request.status !== undefined || request.mfaDelete === 'Enabled') {
    throw awsError(
      'NotImplemented',
      `podiam keeps no object versions: its buckets stay unversioned, and versioning Status ${request.status ?? '(none)'}${request.mfaDelete === 'Enabled' ? ' with MfaDelete Enabled' : ''} is not implemented`,
    );
  }
  return call.reply(200);
}

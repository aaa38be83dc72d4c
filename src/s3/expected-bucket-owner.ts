// The bucket owner condition (Amazon S3 User Guide, "Verifying bucket ownership with bucket owner
// condition"): a request carrying `x-amz-expected-bucket-owner` (and, for the source of CopyObject
// and UploadPartCopy, `x-amz-source-expected-bucket-owner`) with an account ID other than the
// bucket owner's fails with 403 Access Denied, whatever the caller's permissions.
import type { IncomingHttpHeaders } from 'node:http';
import { awsError } from '../aws/index.ts';

/** The header that names the expected owner of the addressed bucket, or of a copy's source bucket. */
export type ExpectedOwnerHeader = 'x-amz-expected-bucket-owner' | 'x-amz-source-expected-bucket-owner';

/** Throws AccessDenied when `header` names an account other than `ownerAccountId`. */
export function checkExpectedBucketOwner(headers: IncomingHttpHeaders, header: ExpectedOwnerHeader, ownerAccountId: string): void {
  const raw = headers[header];
  const expected = Array.isArray(raw) ? raw[0] : raw;
  if (expected !== undefined && expected.trim() !== ownerAccountId) throw awsError('AccessDenied', 'Access Denied');
}

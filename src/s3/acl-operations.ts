// ACLs and Object Ownership of podiam's buckets, which are all "bucket owner enforced" (Amazon S3
// API Reference, "GetBucketAcl", "PutBucketAcl", "GetObjectAcl", "PutObjectAcl",
// "GetBucketOwnershipControls", "PutBucketOwnershipControls"; Amazon S3 User Guide, "Controlling
// ownership of objects and disabling ACLs for your bucket"): reading an ACL answers the bucket owner
// with FULL_CONTROL, for the bucket and for every object in it; setting one succeeds only when it
// grants the owner full control and nobody anything else (acl.ts), changing nothing, and is
// AccessControlListNotSupported otherwise. Object Ownership reads BucketOwnerEnforced; setting it to
// BucketOwnerEnforced changes nothing, and the settings that enable ACLs are not implemented.
import { awsError, restXmlResponse, S3_NAMESPACE, xmlEscape, type AwsError, type WireResponse } from '../aws/index.ts';
import { aclOfHeaders, aclOfPolicy, type AclRequest } from './acl.ts';
import type { BucketEntry } from './bucket-directory.ts';
import { existingObjectTagKeys, writeHeaderKeys } from './condition-keys.ts';
import { readableObject } from './object-reads.ts';
import { resourceArn } from './operations.ts';
import { canonicalUserId } from './owner.ts';
import { OWNERSHIP_CONTROLS } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { echoedVersionId, noSuchVersion, requestedVersion, versionedAction, versionKeys } from './version-id.ts';
import { readAccessControlPolicy, readOwnershipControls } from './xml/request-documents.ts';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

// The Grantee's type is an xsi:type attribute, which the shape serializer does not write.
function accessControlPolicy(call: S3Call, ownerId: string, headers: Readonly<Record<string, string>> = {}): WireResponse {
  const id = xmlEscape(ownerId);
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${S3_NAMESPACE}"><Owner><ID>${id}</ID></Owner>` +
    `<AccessControlList><Grant><Grantee xmlns:xsi="${XSI}" xsi:type="CanonicalUser"><ID>${id}</ID></Grantee>` +
    `<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`;
  return call.reply(200, { 'content-type': 'application/xml', ...headers }, body);
}

// The ACL a Put*Acl request asks: its headers, or else its AccessControlPolicy body.
async function requestedAcl(call: S3Call, ownerId: string): Promise<AclRequest> {
  const fromHeaders = aclOfHeaders(call.req.headers, ownerId);
  if (fromHeaders !== 'none') return fromHeaders;
  const body = await call.smallBody(64 * 1024);
  if (body.toString('utf8').trim() === '') throw awsError('MissingRequestBodyError');
  const policy = readAccessControlPolicy(body);
  if (policy instanceof Error) throw policy;
  return aclOfPolicy(policy, ownerId);
}

function ownerIdOf(entry: BucketEntry): string {
  return canonicalUserId(entry.bucket.accountId);
}

export async function getBucketAcl(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return accessControlPolicy(call, ownerIdOf(entry));
}

export async function putBucketAcl(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry, writeHeaderKeys(call.req.headers));
  if ((await requestedAcl(call, ownerIdOf(entry))) === 'grants-more') throw awsError('AccessControlListNotSupported');
  return call.reply(200);
}

export async function getObjectAcl(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  await readableObject(call, entry, call.key ?? '', call.op.action, version);
  const echoed = echoedVersionId(version);
  return accessControlPolicy(call, ownerIdOf(entry), echoed === undefined ? {} : { 'x-amz-version-id': echoed });
}

export async function putObjectAcl(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  const object = await call.services.objects.get(entry.bucket.name, key);
  const context = { ...(object === undefined ? {} : existingObjectTagKeys(object.tags)), ...writeHeaderKeys(call.req.headers), ...versionKeys(version) };
  call.authorize(versionedAction(call.op.action, version), resourceArn('object', entry.bucket.name, key), entry, context);
  if (version.kind === 'missing') throw noSuchVersion(key, version.versionId);
  if (object === undefined) throw awsError('NoSuchKey', undefined, { fields: { Key: key } });
  if ((await requestedAcl(call, ownerIdOf(entry))) === 'grants-more') throw awsError('AccessControlListNotSupported');
  const echoed = echoedVersionId(version);
  return call.reply(200, echoed === undefined ? {} : { 'x-amz-version-id': echoed });
}

export async function getBucketOwnershipControls(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return restXmlResponse('OwnershipControls', OWNERSHIP_CONTROLS, { Rule: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }, call.ids);
}

export async function putBucketOwnershipControls(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  const ownership = readOwnershipControls(await call.smallBody(64 * 1024));
  if (ownership instanceof Error) throw ownership;
  if (ownership !== 'BucketOwnerEnforced') throw objectOwnershipNotImplemented(ownership);
  return call.reply(200);
}

/** NotImplemented for an Object Ownership that would enable ACLs (podiam's buckets keep them disabled). */
export function objectOwnershipNotImplemented(ownership: string): AwsError {
  return awsError('NotImplemented', `podiam's buckets keep ACLs disabled: Object Ownership is always BucketOwnerEnforced, ${ownership} is not implemented`);
}

// Buckets themselves (Amazon S3 API Reference, "CreateBucket", "HeadBucket", "ListBuckets",
// "DeleteBucket", "GetBucketLocation"). New buckets have S3 Block Public Access on ("Amazon S3
// Block Public Access is enabled by default for new buckets", April 2023) and ACLs disabled (Object
// Ownership "bucket owner enforced", the default for new buckets since April 2023).
import { awsError, parseBucketName, restXmlResponse, S3_NAMESPACE, xmlEscape, type WireResponse } from '../aws/index.ts';
import { StoreConflict } from '../store/index.ts';
import { aclOfHeaders } from './acl.ts';
import { objectOwnershipNotImplemented } from './acl-operations.ts';
import { requestTagKeys, writeHeaderKeys } from './condition-keys.ts';
import { resourceArn } from './operations.ts';
import { canonicalUserId, ownerOf } from './owner.ts';
import { LIST_ALL_MY_BUCKETS_RESULT } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkTags } from './tags.ts';
import { readBucketConfiguration } from './xml/request-documents.ts';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const DEFAULT_BLOCK = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

/** CreateBucket: a new bucket owned by the caller's account, in the region its configuration names. */
export async function createBucket(call: S3Call): Promise<WireResponse> {
  const name = call.bucketName ?? '';
  const parsed = parseBucketName(name);
  if (!parsed.ok) throw parsed.error;
  const config = readBucketConfiguration(await call.smallBody(64 * 1024));
  if (config instanceof Error) throw config;
  const tagError = config.tags.length > 0 ? checkTags(config.tags, 'bucket') : undefined;
  if (tagError !== undefined) throw tagError;
  const context: Record<string, string | readonly string[]> = { ...requestTagKeys(config.tags), ...writeHeaderKeys(call.req.headers) };
  if (config.locationConstraint !== undefined) context['s3:locationconstraint'] = config.locationConstraint;
  const ownership = header(call, 'x-amz-object-ownership');
  if (ownership !== undefined) context['s3:x-amz-object-ownership'] = ownership;
  const arn = resourceArn('bucket', name, undefined);
  call.authorize(call.op.action, arn, undefined, context);
  const caller = call.caller;
  const account = caller?.principal.accountId;
  if (caller === undefined || account === undefined) throw awsError('AccessDenied', 'Access Denied');
  // "CreateBucket": an ACL other than private needs s3:PutBucketAcl as well, x-amz-object-ownership
  // s3:PutBucketOwnershipControls. Buckets are "bucket owner enforced": an ACL granting more than the
  // owner's full control is InvalidBucketAclWithObjectOwnership; the settings that enable ACLs are not implemented.
  const acl = aclOfHeaders(call.req.headers, canonicalUserId(account));
  if (acl !== 'none' && header(call, 'x-amz-acl') !== 'private') call.authorize('s3:PutBucketAcl', arn, undefined, context);
  if (ownership !== undefined) call.authorize('s3:PutBucketOwnershipControls', arn, undefined, context);
  if (acl === 'grants-more') throw awsError('InvalidBucketAclWithObjectOwnership');
  if (ownership !== undefined && ownership !== 'BucketOwnerEnforced') {
    if (ownership !== 'BucketOwnerPreferred' && ownership !== 'ObjectWriter') {
      throw awsError('InvalidArgument', 'Invalid x-amz-object-ownership header', { fields: { ArgumentName: 'x-amz-object-ownership', ArgumentValue: ownership } });
    }
    throw objectOwnershipNotImplemented(ownership);
  }

  const endpointRegion = call.verified?.scope.region ?? call.services.defaultRegion;
  let region = config.locationConstraint === 'EU' ? 'eu-west-1' : config.locationConstraint;
  if (region === undefined) {
    if (endpointRegion !== 'us-east-1') throw awsError('IllegalLocationConstraintException');
    region = 'us-east-1';
  } else if (region === 'us-east-1' || !REGION.test(region)) {
    throw awsError('InvalidLocationConstraint', undefined, { fields: { LocationConstraint: region } });
  } else if (endpointRegion !== 'us-east-1' && endpointRegion !== region) {
    throw awsError('IllegalLocationConstraintException', `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  }

  const existing = await call.services.buckets.get(name);
  if (existing !== undefined) {
    if (existing.bucket.accountId !== account) throw awsError('BucketAlreadyExists', undefined, { fields: { BucketName: name } });
    // us-east-1 answers a repeated CreateBucket by the owner with success (Amazon S3 API Reference, "CreateBucket").
    if (existing.bucket.region === 'us-east-1' && region === 'us-east-1') return call.reply(200, { location: `/${name}` });
    throw awsError('BucketAlreadyOwnedByYou', undefined, { fields: { BucketName: name } });
  }
  const inserted = await call.services.store.s3Buckets.insert({
    name,
    accountId: account,
    region,
    createdAt: call.now,
    tags: config.tags,
    policy: undefined,
    publicAccessBlock: DEFAULT_BLOCK,
  });
  call.services.buckets.invalidate();
  await call.services.refresh();
  if (inserted instanceof StoreConflict) {
    const winner = await call.services.store.s3Buckets.get(name);
    throw winner?.accountId === account
      ? awsError('BucketAlreadyOwnedByYou', undefined, { fields: { BucketName: name } })
      : awsError('BucketAlreadyExists', undefined, { fields: { BucketName: name } });
  }
  return call.reply(200, { location: `/${name}` });
}

/** HeadBucket: 200 with the bucket's region, when the caller may list it. */
export async function headBucket(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return call.reply(200, { 'x-amz-bucket-region': entry.bucket.region, 'x-amz-access-point-alias': 'false' });
}

/** DeleteBucket: only when it holds no objects and no multipart uploads (BucketNotEmpty). */
export async function deleteBucket(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  const outcome = await call.services.store.s3Buckets.delete(entry.bucket.name);
  call.services.buckets.invalidate();
  await call.services.refresh();
  switch (outcome) {
    case 'deleted':
      return call.reply(204);
    case 'absent':
      throw awsError('NoSuchBucket', undefined, { fields: { BucketName: entry.bucket.name } });
    case 'not-empty':
      throw awsError('BucketNotEmpty', undefined, { fields: { BucketName: entry.bucket.name } });
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** GetBucketLocation: the LocationConstraint, empty for us-east-1. */
export async function getBucketLocation(call: S3Call): Promise<WireResponse> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  const region = entry.bucket.region;
  const body =
    region === 'us-east-1'
      ? `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}"/>`
      : `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${xmlEscape(region)}</LocationConstraint>`;
  return call.reply(200, { 'content-type': 'application/xml' }, body);
}

const MAX_BUCKETS_PAGE = 10_000;

/** ListBuckets: the caller's account's buckets, by name (prefix, max-buckets, continuation-token). */
export async function listBuckets(call: S3Call): Promise<WireResponse> {
  call.authorize(call.op.action, resourceArn('service', undefined, undefined), undefined);
  const account = call.caller?.principal.accountId;
  if (account === undefined) throw awsError('AccessDenied', 'Access Denied');
  const prefix = call.query.get('prefix') ?? '';
  const maxText = call.query.get('max-buckets');
  const max = maxText === null ? MAX_BUCKETS_PAGE : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > MAX_BUCKETS_PAGE) {
    throw awsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000', { fields: { ArgumentName: 'max-buckets', ArgumentValue: maxText ?? '' } });
  }
  const token = call.query.get('continuation-token');
  const after = token === null ? undefined : Buffer.from(token, 'base64url').toString('utf8');
  const all = (await call.services.store.s3Buckets.ofAccount(account)).filter((b) => b.name.startsWith(prefix) && (after === undefined || b.name > after));
  const page = all.slice(0, max);
  const last = page.at(-1);
  return restXmlResponse(
    'ListAllMyBucketsResult',
    LIST_ALL_MY_BUCKETS_RESULT,
    {
      Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })),
      Owner: ownerOf(account),
      ...(all.length > page.length && last !== undefined ? { ContinuationToken: Buffer.from(last.name, 'utf8').toString('base64url') } : {}),
      ...(prefix !== '' ? { Prefix: prefix } : {}),
    },
    call.ids,
  );
}

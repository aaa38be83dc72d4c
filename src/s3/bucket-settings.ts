// A bucket's tags, policy and Block Public Access settings (Amazon S3 API Reference,
// "Get/Put/DeleteBucketTagging", "Get/Put/DeleteBucketPolicy", "GetBucketPolicyStatus",
// "Get/Put/DeletePublicAccessBlock"). The bucket policy calls are for identities of the bucket
// owner's account only: others, even when a policy allows them, get 405 MethodNotAllowed
// ("PutBucketPolicy": "If you have the correct permissions, but you're not using an identity that
// belongs to the bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error").
// BlockPublicPolicy refuses a public policy with AccessDenied.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { serviceCatalog } from '../catalog/index.ts';
import { bindPrincipalIds } from '../identity/index.ts';
import type { PublicAccessBlock } from '../store/index.ts';
import type { BucketEntry } from './bucket-directory.ts';
import { checkBucketPolicy, MAX_BUCKET_POLICY_BYTES } from './bucket-policy.ts';
import { isPublicPolicy } from './public-policy.ts';
import { POLICY_STATUS, PUBLIC_ACCESS_BLOCK_CONFIGURATION, TAGGING } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkTags } from './tags.ts';
import { readPublicAccessBlock, readTagging } from './xml/request-documents.ts';

async function authorizedBucket(call: S3Call): Promise<BucketEntry> {
  const entry = await call.bucket();
  call.authorize(call.op.action, entry.arn, entry);
  return entry;
}

async function written(call: S3Call): Promise<void> {
  call.services.buckets.invalidate();
  await call.services.refresh();
}

function ownerAccountOnly(call: S3Call, entry: BucketEntry): void {
  if (call.caller?.principal.accountId !== entry.bucket.accountId) {
    throw awsError('MethodNotAllowed', undefined, { fields: { Method: call.req.method ?? '', ResourceType: 'BUCKETPOLICY' } });
  }
}

export async function getBucketTagging(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  if (entry.bucket.tags.length === 0) throw awsError('NoSuchTagSet', undefined, { fields: { BucketName: entry.bucket.name } });
  return restXmlResponse('Tagging', TAGGING, { TagSet: entry.bucket.tags.map((t) => ({ Key: t.key, Value: t.value })) }, call.ids);
}

export async function putBucketTagging(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  const tags = readTagging(await call.smallBody(64 * 1024));
  if (tags instanceof Error) throw tags;
  const invalid = checkTags(tags, 'bucket');
  if (invalid !== undefined) throw invalid;
  await call.services.store.s3Buckets.setTags(entry.bucket.name, tags);
  await written(call);
  return call.reply(204);
}

export async function deleteBucketTagging(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  await call.services.store.s3Buckets.setTags(entry.bucket.name, []);
  await written(call);
  return call.reply(204);
}

export async function getBucketPolicy(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  ownerAccountOnly(call, entry);
  const policy = entry.shownPolicy;
  if (policy === undefined) throw awsError('NoSuchBucketPolicy', undefined, { fields: { BucketName: entry.bucket.name } });
  return call.reply(200, { 'content-type': 'application/json' }, policy);
}

export async function putBucketPolicy(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  ownerAccountOnly(call, entry);
  const body = await call.smallBody(MAX_BUCKET_POLICY_BYTES * 4);
  const text = body.toString('utf8');
  // Principals are resolved against IAM as it is now (a role created a moment ago on another replica included).
  await call.services.refresh();
  const snapshot = call.services.snapshot();
  const document = checkBucketPolicy(text, entry.bucket.name, {
    catalog: serviceCatalog(),
    principalExists: (kind, accountId, name, arn) => (kind === 'role' ? snapshot.role(accountId, name) : snapshot.user(accountId, name))?.arn === arn,
  });
  if (document instanceof Error) throw document;
  if (entry.bucket.publicAccessBlock?.blockPublicPolicy === true && isPublicPolicy(document)) {
    throw awsError(
      'AccessDenied',
      `User: ${call.caller?.principal.arn ?? '*'} is not authorized to perform: ${call.op.action} on resource: "${entry.arn}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
    );
  }
  // IAM User Guide, "AWS JSON policy elements: Principal": the role and user ARNs are saved as the unique
  // IDs their entities have now (a role deleted and recreated under the same name is not granted).
  await call.services.store.transaction(async (tx) => {
    const { ids, missing } = await bindPrincipalIds(tx, document);
    if (missing[0] !== undefined) throw awsError('MalformedPolicy', 'Invalid principal in policy', { detail: missing[0] });
    await tx.s3Buckets.setPolicy(entry.bucket.name, text, ids);
  });
  await written(call);
  return call.reply(204);
}

export async function deleteBucketPolicy(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  ownerAccountOnly(call, entry);
  await call.services.store.s3Buckets.setPolicy(entry.bucket.name, undefined);
  await written(call);
  return call.reply(204);
}

export async function getBucketPolicyStatus(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  if (entry.bucket.policy === undefined) throw awsError('NoSuchBucketPolicy', undefined, { fields: { BucketName: entry.bucket.name } });
  return restXmlResponse('PolicyStatus', POLICY_STATUS, { IsPublic: entry.policyIsPublic }, call.ids);
}

function blockXml(b: PublicAccessBlock) {
  return {
    BlockPublicAcls: b.blockPublicAcls,
    IgnorePublicAcls: b.ignorePublicAcls,
    BlockPublicPolicy: b.blockPublicPolicy,
    RestrictPublicBuckets: b.restrictPublicBuckets,
  };
}

export async function getPublicAccessBlock(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  const block = entry.bucket.publicAccessBlock;
  if (block === undefined) throw awsError('NoSuchPublicAccessBlockConfiguration', undefined, { fields: { BucketName: entry.bucket.name } });
  return restXmlResponse('PublicAccessBlockConfiguration', PUBLIC_ACCESS_BLOCK_CONFIGURATION, blockXml(block), call.ids);
}

export async function putPublicAccessBlock(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  const block = readPublicAccessBlock(await call.smallBody(64 * 1024));
  if (block instanceof Error) throw block;
  await call.services.store.s3Buckets.setPublicAccessBlock(entry.bucket.name, block);
  await written(call);
  return call.reply(200);
}

export async function deletePublicAccessBlock(call: S3Call): Promise<WireResponse> {
  const entry = await authorizedBucket(call);
  await call.services.store.s3Buckets.setPublicAccessBlock(entry.bucket.name, undefined);
  await written(call);
  return call.reply(204);
}

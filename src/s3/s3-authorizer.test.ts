import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, PolicyMemo, type Caller, type IamSnapshot, type RequestFacts } from '../identity/index.ts';
import { openStore, type S3Bucket, type Store } from '../store/index.ts';
import { bucketEntry } from './bucket-directory.ts';
import { existingObjectTagKeys, listKeys, requestObjectTagKeys, requestTagKeys, writeHeaderKeys } from './condition-keys.ts';
import { authorizeS3 } from './s3-authorizer.ts';

const A = '111111111111'; // shared_content: owns the bucket
const B = '222222222222'; // developer: the pod's account
const NOW = new Date('2025-03-01T12:00:00Z');
const facts: RequestFacts = { sourceIp: '10.0.0.7', secureTransport: false, region: 'us-east-1', now: NOW };

let store: Store;
let snapshot: IamSnapshot;

function session(account: string, role: string): Caller {
  const roleArn = `arn:aws:iam::${account}:role/${role}`;
  return {
    secretAccessKey: 'x',
    accessKeyId: 'ASIAEXAMPLE',
    principal: { type: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/${role}/pod`, accountId: account, roleArn },
    userId: `AROA${role.toUpperCase()}:pod`,
    roleArn,
    tags: {},
  };
}

async function role(account: string, name: string, policy: unknown): Promise<void> {
  const roleId = `AROA${name.toUpperCase()}`;
  await store.transaction(async (tx) => {
    await tx.roles.insert({
      roleId,
      accountId: account,
      name,
      path: '/',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      description: undefined,
      maxSessionDuration: 3600,
      permissionsBoundaryArn: undefined,
      tags: [],
      createdAt: NOW,
    });
    await tx.inlinePolicies.put({ principalId: roleId, principalType: 'role', accountId: account, policyName: 'p', document: JSON.stringify(policy) });
  });
}

const allow = (action: string | string[], resource: string | string[], condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...(condition !== undefined ? { Condition: condition } : {}) }],
});

function bucket(over: Partial<S3Bucket> = {}) {
  return bucketEntry({ name: 'pics', accountId: A, region: 'us-east-1', createdAt: NOW, tags: [], policy: undefined, publicAccessBlock: undefined, ...over });
}

function refusal(caller: Caller | undefined, action: string, resource: string, entry = bucket(), context: Record<string, string | readonly string[]> = {}): string | undefined {
  return authorizeS3(snapshot, facts, { caller, action, resource, bucket: entry, context })?.message;
}

beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  for (const id of [A, B]) {
    await store.accounts.insert({ id, name: id, email: `${id}@example.com`, organizationId: undefined, parentId: undefined, status: 'ACTIVE', joinedMethod: 'CREATED', createdAt: NOW });
  }
  // Seed 001: s3-read-object in shared_content may s3:GetObject on pics/*.
  await role(A, 's3-read-object', allow('s3:GetObject', 'arn:aws:s3:::pics/*'));
  // The developer account's pod role, for the cross-account case.
  await role(B, 'pod', allow('s3:GetObject', 'arn:aws:s3:::pics/*'));
  // Seed 002: Team A's object access, and the aws:RequestTag/Department policy.
  await role(A, 'DevTeamARole', allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], 'arn:aws:s3:::example-bucket/*'));
  await role(A, 'tagged', allow('s3:*', '*', { StringEquals: { 'aws:RequestTag/Department': ['Finance'] } }));
  await role(A, 'object-tagged', allow('s3:PutObject', '*', { StringEquals: { 's3:RequestObjectTag/Department': 'Finance' } }));
  // Seed 003: the S3 bucket role may s3:ListBucket, nothing else; a home-folder lister.
  await role(A, 'S3-BUCKET-Role', allow('s3:ListBucket', 'arn:aws:s3:::pics'));
  await role(A, 'home', allow('s3:ListBucket', 'arn:aws:s3:::pics', { StringLike: { 's3:prefix': ['home/alice/*'] } }));
  snapshot = await buildSnapshot(store, new PolicyMemo());
});

afterAll(async () => {
  await store.close();
});

describe('S3 authorization within the bucket owner\'s account (Amazon S3 User Guide, "How Amazon S3 authorizes a request")', () => {
  it('seed 001: s3:GetObject on pics/indoor-cat.jpg is allowed; another bucket and another action are refused with S3\'s message', () => {
    const pod = session(A, 's3-read-object');
    expect(refusal(pod, 's3:GetObject', 'arn:aws:s3:::pics/indoor-cat.jpg')).toBeUndefined();
    expect(refusal(pod, 's3:GetObject', 'arn:aws:s3:::other/indoor-cat.jpg', bucket({ name: 'other' }))).toBe(
      `User: arn:aws:sts::${A}:assumed-role/s3-read-object/pod is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::other/indoor-cat.jpg" because no identity-based policy allows the s3:GetObject action`,
    );
    expect(refusal(pod, 's3:PutObject', 'arn:aws:s3:::pics/indoor-cat.jpg')).toContain('because no identity-based policy allows the s3:PutObject action');
  });

  it('an explicit Deny in the bucket policy refuses "with an explicit deny in a resource-based policy"', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/secret/*' }] });
    expect(refusal(session(A, 's3-read-object'), 's3:GetObject', 'arn:aws:s3:::pics/secret/a', bucket({ policy }))).toContain('with an explicit deny in a resource-based policy');
  });

  it('seed 003: the bucket role lists the bucket and nothing more; s3:prefix limits a home-folder lister', () => {
    const lister = session(A, 'S3-BUCKET-Role');
    expect(refusal(lister, 's3:ListBucket', 'arn:aws:s3:::pics')).toBeUndefined();
    expect(refusal(lister, 's3:GetObject', 'arn:aws:s3:::pics/a')).toBeDefined();
    const home = session(A, 'home');
    expect(refusal(home, 's3:ListBucket', 'arn:aws:s3:::pics', bucket(), listKeys(new URLSearchParams('prefix=home/alice/x')))).toBeUndefined();
    expect(refusal(home, 's3:ListBucket', 'arn:aws:s3:::pics', bucket(), listKeys(new URLSearchParams('prefix=home/bob/')))).toBeDefined();
    expect(refusal(home, 's3:ListBucket', 'arn:aws:s3:::pics', bucket(), listKeys(new URLSearchParams('')))).toBeDefined();
  });
});

describe('aws:RequestTag in S3 (Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3")', () => {
  it('seed 002: aws:RequestTag/Department is the tags of CreateBucket, never of objects: an object upload tagged Department=Finance is refused', () => {
    const tagged = session(A, 'tagged');
    const objectTags = requestObjectTagKeys([{ key: 'Department', value: 'Finance' }]);
    expect(refusal(tagged, 's3:PutObject', 'arn:aws:s3:::pics/report.csv', bucket(), objectTags)).toContain('because no identity-based policy allows the s3:PutObject action');
    expect(refusal(tagged, 's3:CreateBucket', 'arn:aws:s3:::finance', undefined, requestTagKeys([{ key: 'Department', value: 'Finance' }]))).toBeUndefined();
    expect(refusal(tagged, 's3:CreateBucket', 'arn:aws:s3:::finance', undefined, requestTagKeys([{ key: 'Department', value: 'Sales' }]))).toBeDefined();
  });

  it('s3:RequestObjectTag/Department is the key for tagged uploads', () => {
    const objectTagged = session(A, 'object-tagged');
    expect(refusal(objectTagged, 's3:PutObject', 'arn:aws:s3:::pics/r.csv', bucket(), requestObjectTagKeys([{ key: 'Department', value: 'Finance' }]))).toBeUndefined();
    expect(refusal(objectTagged, 's3:PutObject', 'arn:aws:s3:::pics/r.csv', bucket(), requestObjectTagKeys(undefined))).toBeDefined();
  });

  it('aws:ResourceTag/<k> is the bucket\'s tag; s3:ExistingObjectTag/<k> the object\'s', () => {
    const entry = bucket({ tags: [{ key: 'Department', value: 'Finance' }] });
    expect(entry.tagKeys['aws:ResourceTag/Department']).toBe('Finance');
    expect(existingObjectTagKeys([{ key: 'classification', value: 'public' }])).toEqual({ 's3:ExistingObjectTag/classification': 'public' });
  });
});

describe('Cross-account access: both the identity policy and the bucket policy must allow (IAM User Guide, "Cross-account policy evaluation logic")', () => {
  const pod = session(B, 'pod');
  const grant = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/pod` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }],
  });

  it('without a bucket policy granting it, the pod of the other account is refused with "Access Denied"', () => {
    expect(refusal(pod, 's3:GetObject', 'arn:aws:s3:::pics/indoor-cat.jpg')).toBe('Access Denied');
  });

  it('with the bucket policy it is allowed; the bucket policy alone does not grant what its own policies do not', () => {
    expect(refusal(pod, 's3:GetObject', 'arn:aws:s3:::pics/indoor-cat.jpg', bucket({ policy: grant }))).toBeUndefined();
    const wider = grant.replace('"s3:GetObject"', '"s3:*"');
    expect(refusal(pod, 's3:PutObject', 'arn:aws:s3:::pics/indoor-cat.jpg', bucket({ policy: wider }))).toBe('Access Denied');
  });
});

describe('Anonymous requests and Block Public Access (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage")', () => {
  const publicRead = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] });
  const block = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

  it('anonymous callers are allowed only by a public bucket policy', () => {
    expect(refusal(undefined, 's3:GetObject', 'arn:aws:s3:::pics/a')).toBe('Access Denied');
    expect(refusal(undefined, 's3:GetObject', 'arn:aws:s3:::pics/a', bucket({ policy: publicRead }))).toBeUndefined();
    expect(refusal(undefined, 's3:PutObject', 'arn:aws:s3:::pics/a', bucket({ policy: publicRead }))).toBe('Access Denied');
  });

  it('RestrictPublicBuckets: a public policy grants nothing to anonymous callers or other accounts, still to the owner\'s account', () => {
    const restricted = bucket({ policy: publicRead, publicAccessBlock: block });
    expect(restricted.policyIsPublic).toBe(true);
    expect(refusal(undefined, 's3:GetObject', 'arn:aws:s3:::pics/a', restricted)).toBe('Access Denied');
    expect(refusal(session(B, 'pod'), 's3:GetObject', 'arn:aws:s3:::pics/a', restricted)).toBe('Access Denied');
    expect(refusal(session(A, 'S3-BUCKET-Role'), 's3:GetObject', 'arn:aws:s3:::pics/a', restricted)).toBeUndefined();
  });
});

describe('Requiring SSE-S3 with a bucket policy on s3:x-amz-server-side-encryption (AWS Organizations User Guide, "Example SCPs for Amazon S3": "Prevent Amazon S3 unencrypted object uploads")', () => {
  const deny = (condition: unknown) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::example-bucket/*', Condition: condition }] });
  const team = session(A, 'DevTeamARole');
  const put = (policy: string, headers: Record<string, string>) =>
    refusal(team, 's3:PutObject', 'arn:aws:s3:::example-bucket/report.csv', bucket({ name: 'example-bucket', policy }), writeHeaderKeys(headers));

  it('StringNotEquals AES256 refuses an upload without the header (or with another value) and allows one with it', () => {
    const policy = deny({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } });
    expect(put(policy, {})).toContain('with an explicit deny in a resource-based policy');
    expect(put(policy, { 'x-amz-server-side-encryption': 'aws:kms' })).toContain('with an explicit deny in a resource-based policy');
    expect(put(policy, { 'x-amz-server-side-encryption': 'AES256' })).toBeUndefined();
  });

  it('Null "true" refuses an upload without the header and allows one with it', () => {
    const policy = deny({ Null: { 's3:x-amz-server-side-encryption': 'true' } });
    expect(put(policy, {})).toContain('with an explicit deny in a resource-based policy');
    expect(put(policy, { 'x-amz-server-side-encryption': 'AES256' })).toBeUndefined();
  });
});

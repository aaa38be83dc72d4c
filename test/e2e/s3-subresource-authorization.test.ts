// Authorization and audit of the S3 subresource operations, against an in-process `podiam serve`
// (its audit recorder captured) with the AWS SDK v3 and role sessions: a request naming a versionId
// is its version action (s3:GetObjectVersion, s3:DeleteObjectVersion) with s3:versionid; ACL reads
// and writes are s3:GetBucketAcl / s3:PutBucketAcl with s3:x-amz-acl; ListObjectVersions is
// s3:ListBucketVersions; the configuration reads are their own actions; and each call leaves its
// CloudTrail record (UploadPartCopy a data event naming its source, GetBucketLifecycleConfiguration
// the event GetBucketLifecycle, refusals with their error codes).
import { rmSync } from 'node:fs';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketAclCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/api/index.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { startRecordingServer } from './support/recording-server.ts';
import { StsWorld, type Keys } from './support/sts-world.ts';

const ACCOUNT = '123456789012';
let server: RunningServer;
let dataDir: string;
let admin: S3Client;
let operator: Keys;
const records: CallRecord[] = [];

function s3(keys: Keys): S3Client {
  return new S3Client({ endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: keys });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; status: number | undefined; message: string; requestId: string | undefined }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message, requestId: e.$metadata?.requestId };
  }
  throw new Error('expected the call to fail');
}

async function session(role: string): Promise<S3Client> {
  const out = await new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: operator }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: 'pod' }),
  );
  const c = out.Credentials;
  return s3({ accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
}

function recordOf(requestId: string | undefined): CallRecord | undefined {
  return records.find((r) => r.requestId === requestId);
}

const denied = (role: string, action: string, resource: string) =>
  `User: arn:aws:sts::${ACCOUNT}:assumed-role/${role}/pod is not authorized to perform: ${action} on resource: "${resource}"`;

beforeAll(async () => {
  ({ server, dataDir } = await startRecordingServer('podiam-s3-subresource-auth-', ACCOUNT, records));
  const world = new StsWorld({ url: server.url, accountId: ACCOUNT, ...server.admin });
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  const allow = (Action: string[], Resource: string[], Condition?: unknown) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action, Resource, ...(Condition === undefined ? {} : { Condition }) }],
  });
  const pics = ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'];
  await Promise.all([
    world.role(world.management, 'current-only', trust, { inline: { s3: allow(['s3:GetObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketEncryption'], pics) } }),
    world.role(world.management, 'versions', trust, { inline: { s3: allow(['s3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:ListBucketVersions', 's3:GetEncryptionConfiguration'], pics) } }),
    world.role(world.management, 'attributes-only', trust, { inline: { s3: allow(['s3:GetObjectAttributes'], pics) } }),
    world.role(world.management, 'attributes', trust, { inline: { s3: allow(['s3:GetObject', 's3:GetObjectAttributes'], pics) } }),
    world.role(world.management, 'acl-private', trust, {
      inline: {
        read: allow(['s3:GetBucketAcl'], ['arn:aws:s3:::pics']),
        write: allow(['s3:PutBucketAcl'], ['arn:aws:s3:::pics'], { StringEquals: { 's3:x-amz-acl': 'private' } }),
      },
    }),
  ]);
  operator = (await world.user(world.management, 'operator', { assume: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } })).keys;
  admin = s3({ accessKeyId: server.admin.accessKeyId, secretAccessKey: server.admin.secretAccessKey });
  await admin.send(new CreateBucketCommand({ Bucket: 'pics' }));
  await admin.send(new PutObjectCommand({ Bucket: 'pics', Key: 'cat.jpg', Body: Buffer.alloc(6 * 1024 * 1024, 7) }));
});

afterAll(async () => {
  await server?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

describe('A versionId makes the request its version action (Service Authorization Reference: s3:GetObjectVersion, s3:DeleteObjectVersion, s3:versionid)', () => {
  it('GetObject and DeleteObject with versionId null need the Version actions; without it, the plain ones', async () => {
    const [current, versions] = await Promise.all([session('current-only'), session('versions')]);
    const refusedGet = await failure(current.send(new GetObjectCommand({ Bucket: 'pics', Key: 'cat.jpg', VersionId: 'null' })));
    expect(refusedGet).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(refusedGet.message).toContain(denied('current-only', 's3:GetObjectVersion', 'arn:aws:s3:::pics/cat.jpg'));
    const got = await versions.send(new GetObjectCommand({ Bucket: 'pics', Key: 'cat.jpg', VersionId: 'null', Range: 'bytes=0-3' }));
    expect(Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toEqual(Buffer.alloc(4, 7));
    expect(await failure(versions.send(new GetObjectCommand({ Bucket: 'pics', Key: 'cat.jpg' })))).toMatchObject({ code: 'AccessDenied' });
    await current.send(new GetObjectCommand({ Bucket: 'pics', Key: 'cat.jpg', Range: 'bytes=0-0' }));

    await admin.send(new PutObjectCommand({ Bucket: 'pics', Key: 'doomed', Body: 'x' }));
    const refusedDelete = await failure(current.send(new DeleteObjectCommand({ Bucket: 'pics', Key: 'doomed', VersionId: 'null' })));
    expect(refusedDelete.message).toContain(denied('current-only', 's3:DeleteObjectVersion', 'arn:aws:s3:::pics/doomed'));
    const deleted = await versions.send(new DeleteObjectCommand({ Bucket: 'pics', Key: 'doomed', VersionId: 'null' }));
    expect(deleted.VersionId).toBe('null');
    expect(await failure(admin.send(new GetObjectCommand({ Bucket: 'pics', Key: 'doomed' })))).toMatchObject({ code: 'NoSuchKey' });
  });

  it('ListObjectVersions is s3:ListBucketVersions, not s3:ListBucket; GetBucketEncryption is s3:GetEncryptionConfiguration', async () => {
    const [current, versions] = await Promise.all([session('current-only'), session('versions')]);
    const refused = await failure(current.send(new ListObjectVersionsCommand({ Bucket: 'pics' })));
    expect(refused.message).toContain(denied('current-only', 's3:ListBucketVersions', 'arn:aws:s3:::pics'));
    const listed = await versions.send(new ListObjectVersionsCommand({ Bucket: 'pics' }));
    expect(listed.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([['cat.jpg', 'null', true]]);
    const record = recordOf(listed.$metadata.requestId);
    expect(record).toMatchObject({ eventName: 'ListObjectVersions', eventCategory: 'Data', readOnly: true, requestParameters: { bucketName: 'pics', versions: '' } });
    expect((await failure(current.send(new GetBucketEncryptionCommand({ Bucket: 'pics' })))).message).toContain(denied('current-only', 's3:GetEncryptionConfiguration', 'arn:aws:s3:::pics'));
    const encryption = await versions.send(new GetBucketEncryptionCommand({ Bucket: 'pics' }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });
});

describe('ACL calls are authorized with their condition keys (Amazon S3 User Guide, "Policy examples for ACLs": s3:x-amz-acl)', () => {
  it('a role allowed s3:PutBucketAcl only with x-amz-acl private may put private and nothing else (refused before the ACL is judged); reading needs s3:GetBucketAcl', async () => {
    const [acl, current] = await Promise.all([session('acl-private'), session('current-only')]);
    const put = await acl.send(new PutBucketAclCommand({ Bucket: 'pics', ACL: 'private' }));
    expect(put.$metadata.httpStatusCode).toBe(200);
    const refused = await failure(acl.send(new PutBucketAclCommand({ Bucket: 'pics', ACL: 'public-read' })));
    expect(refused.message).toContain(denied('acl-private', 's3:PutBucketAcl', 'arn:aws:s3:::pics'));
    const got = await acl.send(new GetBucketAclCommand({ Bucket: 'pics' }));
    expect(got.Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL']);
    expect(recordOf(got.$metadata.requestId)).toMatchObject({ eventName: 'GetBucketAcl', eventCategory: 'Management', readOnly: true, requestParameters: { acl: '' } });
    expect((await failure(current.send(new GetBucketAclCommand({ Bucket: 'pics' })))).message).toContain(denied('current-only', 's3:GetBucketAcl', 'arn:aws:s3:::pics'));
  });
});

describe('CloudTrail records of the new operations (AWS CloudTrail User Guide, "Amazon S3 CloudTrail events")', () => {
  it('UploadPartCopy is a data event naming its copy source and range; not-configured reads and NotImplemented are recorded with their codes', async () => {
    const upload = await admin.send(new CreateMultipartUploadCommand({ Bucket: 'pics', Key: 'copy.jpg' }));
    const part = await admin.send(
      new UploadPartCopyCommand({ Bucket: 'pics', Key: 'copy.jpg', UploadId: upload.UploadId, PartNumber: 1, CopySource: 'pics/cat.jpg', CopySourceRange: 'bytes=0-5242879' }),
    );
    expect(part.CopyPartResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(recordOf(part.$metadata.requestId)).toMatchObject({
      eventName: 'UploadPartCopy',
      eventCategory: 'Data',
      readOnly: false,
      requestParameters: { bucketName: 'pics', key: 'copy.jpg', partNumber: '1', 'x-amz-copy-source': 'pics/cat.jpg', 'x-amz-copy-source-range': 'bytes=0-5242879' },
      notes: { resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::pics/copy.jpg' }, { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::pics' }] },
    });
    await admin.send(new CompleteMultipartUploadCommand({ Bucket: 'pics', Key: 'copy.jpg', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] } }));

    const lifecycle = await failure(admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'pics' })));
    expect(lifecycle).toMatchObject({ code: 'NoSuchLifecycleConfiguration', status: 404 });
    expect(recordOf(lifecycle.requestId)).toMatchObject({ eventName: 'GetBucketLifecycle', eventCategory: 'Management', errorCode: 'NoSuchLifecycleConfiguration' });
    const versioning = await failure(admin.send(new PutBucketVersioningCommand({ Bucket: 'pics', VersioningConfiguration: { Status: 'Enabled' } })));
    expect(versioning).toMatchObject({ code: 'NotImplemented', status: 501 });
    expect(recordOf(versioning.requestId)).toMatchObject({ eventName: 'PutBucketVersioning', readOnly: false, errorCode: 'NotImplemented' });
  });
});

describe('GetObjectAttributes (API Reference: "If the bucket is not versioned, you need the s3:GetObject and s3:GetObjectAttributes permissions")', () => {
  it('needs both actions; answers only the attributes asked for, the ETag unquoted, the part count of a multipart object; a data event', async () => {
    const [current, only, both] = await Promise.all([session('current-only'), session('attributes-only'), session('attributes')]);
    const ObjectAttributes = ['ETag', 'ObjectSize', 'StorageClass', 'ObjectParts', 'Checksum'] as const;
    const request = { Bucket: 'pics', Key: 'cat.jpg', ObjectAttributes: [...ObjectAttributes] };
    expect((await failure(current.send(new GetObjectAttributesCommand(request)))).message).toContain(denied('current-only', 's3:GetObjectAttributes', 'arn:aws:s3:::pics/cat.jpg'));
    expect((await failure(only.send(new GetObjectAttributesCommand(request)))).message).toContain(denied('attributes-only', 's3:GetObject', 'arn:aws:s3:::pics/cat.jpg'));
    const whole = await both.send(new GetObjectAttributesCommand(request));
    const head = await admin.send(new GetObjectCommand({ Bucket: 'pics', Key: 'cat.jpg', Range: 'bytes=0-0' }));
    expect({ ETag: whole.ETag, ObjectSize: whole.ObjectSize, StorageClass: whole.StorageClass, ObjectParts: whole.ObjectParts }).toEqual({
      ETag: head.ETag?.replaceAll('"', ''),
      ObjectSize: 6 * 1024 * 1024,
      StorageClass: 'STANDARD',
      ObjectParts: undefined,
    });
    expect(whole.LastModified?.getTime()).toBe(head.LastModified?.getTime());
    expect(recordOf(whole.$metadata.requestId)).toMatchObject({ eventName: 'GetObjectAttributes', eventCategory: 'Data', readOnly: true });

    const upload = await admin.send(new CreateMultipartUploadCommand({ Bucket: 'pics', Key: 'parts.bin' }));
    const UploadId = upload.UploadId ?? '';
    const parts = [];
    for (const [PartNumber, range] of [[1, 'bytes=0-5242879'], [2, 'bytes=0-99']] as const) {
      const copied = await admin.send(new UploadPartCopyCommand({ Bucket: 'pics', Key: 'parts.bin', UploadId, PartNumber, CopySource: 'pics/cat.jpg', CopySourceRange: range }));
      parts.push({ PartNumber, ETag: copied.CopyPartResult?.ETag });
    }
    await admin.send(new CompleteMultipartUploadCommand({ Bucket: 'pics', Key: 'parts.bin', UploadId, MultipartUpload: { Parts: parts } }));
    const multipart = await both.send(new GetObjectAttributesCommand({ Bucket: 'pics', Key: 'parts.bin', ObjectAttributes: ['ObjectParts', 'ObjectSize'] }));
    expect({ parts: multipart.ObjectParts?.TotalPartsCount, size: multipart.ObjectSize, etag: multipart.ETag }).toEqual({ parts: 2, size: 5 * 1024 * 1024 + 100, etag: undefined });
    const unknown = await failure(both.send(new GetObjectAttributesCommand({ Bucket: 'pics', Key: 'cat.jpg', ObjectAttributes: ['Colour' as 'ETag'] })));
    expect(unknown).toMatchObject({ code: 'InvalidArgument', status: 400 });
  });
});

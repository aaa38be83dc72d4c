// S3 against an in-process `podiam serve` (the full composition, its audit recorder captured) with the
// AWS SDK v3: temporary credentials expire under a fake clock (S3's ExpiredToken); every call leaves a
// CloudTrail record — object calls as data events naming the session, the bucket and the key; anonymous
// requests are allowed only by a public bucket policy, which BlockPublicPolicy refuses to put and
// RestrictPublicBuckets disarms; the bucket policy is validated with S3's words; and the S3 and
// Query/JSON doors never claim the same request.
import { rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../src/api/index.ts';
import { isS3Request } from '../../src/s3/index.ts';
import { isApiRequest } from '../../src/server/api-door.ts';
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

async function failure(p: Promise<unknown>): Promise<{ code: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

async function session(role: string, name: string, durationSeconds = 3600): Promise<Keys> {
  const out = await new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: operator }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: name, DurationSeconds: durationSeconds }),
  );
  const c = out.Credentials;
  return { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
}

beforeAll(async () => {
  ({ server, dataDir } = await startRecordingServer('podiam-s3-inproc-', ACCOUNT, records));
  const world = new StsWorld({ url: server.url, accountId: ACCOUNT, ...server.admin });
  const root = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  await world.role(world.management, 's3-read-object', root, {
    inline: { read: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'] }] } },
  });
  operator = (await world.user(world.management, 'operator', { assume: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } })).keys;
  admin = s3({ accessKeyId: server.admin.accessKeyId, secretAccessKey: server.admin.secretAccessKey });
  await admin.send(new CreateBucketCommand({ Bucket: 'pics' }));
  await admin.send(new PutObjectCommand({ Bucket: 'pics', Key: 'indoor-cat.jpg', Body: Buffer.from('meow'), ContentType: 'image/jpeg' }));
});

afterEach(() => vi.useRealTimers());

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('temporary credentials expire (STS API Reference, "AssumeRole": DurationSeconds; Amazon S3 "Error responses": ExpiredToken)', () => {
  it('a 900-second session reads until its expiration and gets ExpiredToken after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const keys = await session('s3-read-object', 'brief', 900);
    // A client per instant: the SDK corrects its clock by the (real-time) Date of the responses it sees.
    vi.setSystemTime(start + 899_000);
    const got = await s3(keys).send(new GetObjectCommand({ Bucket: 'pics', Key: 'indoor-cat.jpg' }));
    expect(await got.Body?.transformToString()).toBe('meow');
    vi.setSystemTime(start + 901_000);
    expect(await failure(s3(keys).send(new GetObjectCommand({ Bucket: 'pics', Key: 'indoor-cat.jpg' })))).toEqual({
      code: 'ExpiredToken',
      status: 400,
      message: 'The provided token has expired.',
    });
  });
});

describe('CloudTrail records of S3 calls (AWS CloudTrail User Guide, "Logging data events" and "CloudTrail record contents")', () => {
  it('GetObject by a role session is a data event with the session, bucket and key, and the object and bucket as resources', async () => {
    const pod = s3(await session('s3-read-object', 'pod-7d9f'));
    const got = await pod.send(new GetObjectCommand({ Bucket: 'pics', Key: 'indoor-cat.jpg' }));
    const requestId = got.$metadata.requestId;
    const record = records.find((r) => r.requestId === requestId);
    expect(record).toMatchObject({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      eventCategory: 'Data',
      readOnly: true,
      requestParameters: { bucketName: 'pics', key: 'indoor-cat.jpg' },
      notes: {
        resources: [
          { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::pics/indoor-cat.jpg' },
          { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::pics', accountId: ACCOUNT },
        ],
        additionalEventData: { SignatureVersion: 'SigV4', AuthenticationMethod: 'AuthHeader', bytesTransferredOut: 4 },
      },
    });
    expect(record?.caller?.principal.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/s3-read-object/pod-7d9f`);
    expect(record?.errorCode).toBeUndefined();
  });

  it('a refused PutObject is recorded with AccessDenied; bucket-level calls are management events', async () => {
    const pod = s3(await session('s3-read-object', 'pod-writer'));
    const refused = await failure(pod.send(new PutObjectCommand({ Bucket: 'pics', Key: 'x', Body: 'x' })));
    expect(refused.code).toBe('AccessDenied');
    const put = records.filter((r) => r.eventName === 'PutObject').at(-1);
    expect(put).toMatchObject({ eventCategory: 'Data', readOnly: false, errorCode: 'AccessDenied', responseElements: null });
    expect(records.find((r) => r.eventName === 'CreateBucket')).toMatchObject({ eventCategory: 'Management', requestParameters: { bucketName: 'pics' } });
  });
});

describe('public access (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage")', () => {
  const publicRead = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] });

  it('new buckets block public access: a public policy is refused with BlockPublicPolicy\'s words', async () => {
    expect(await failure(admin.send(new PutBucketPolicyCommand({ Bucket: 'pics', Policy: publicRead })))).toEqual({
      code: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/admin is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::pics" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
    });
  });

  it('without the block, a public policy lets anonymous requests read (not list); RestrictPublicBuckets takes it away again', async () => {
    const url = `${server.url}/pics/indoor-cat.jpg`;
    expect((await fetch(url)).status).toBe(403);
    await admin.send(new DeletePublicAccessBlockCommand({ Bucket: 'pics' }));
    await admin.send(new PutBucketPolicyCommand({ Bucket: 'pics', Policy: publicRead }));
    expect((await admin.send(new GetBucketPolicyStatusCommand({ Bucket: 'pics' }))).PolicyStatus?.IsPublic).toBe(true);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toBe('meow');
    expect(records.filter((r) => r.eventName === 'GetObject').at(-1)).toMatchObject({ caller: undefined, notes: { userIdentity: { type: 'AWSAccount', accountId: 'anonymous' }, recipientAccountId: ACCOUNT } });
    expect((await fetch(`${server.url}/pics?list-type=2`)).status).toBe(403);
    await admin.send(new PutPublicAccessBlockCommand({ Bucket: 'pics', PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    expect((await fetch(url)).status).toBe(403);
    // The owner's account is still served by its own policies.
    expect((await admin.send(new ListObjectsV2Command({ Bucket: 'pics' }))).KeyCount).toBe(1);
    await admin.send(new DeleteBucketPolicyCommand({ Bucket: 'pics' }));
  });

  it('bucket policies are validated with S3\'s words (MalformedPolicy)', async () => {
    const other = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::someone-else/*' }] });
    expect(await failure(admin.send(new PutBucketPolicyCommand({ Bucket: 'pics', Policy: other })))).toMatchObject({ code: 'MalformedPolicy', status: 400, message: 'Policy has invalid resource' });
  });
});

describe('the S3 door and the Query/JSON door never claim the same request (DESIGN.md: "S3 by its REST shape")', () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers, socket: {} }) as unknown as IncomingMessage;
  const credential = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00` });
  const cases: [IncomingMessage, 's3' | 'api' | 'none'][] = [
    [request('GET', '/pics/indoor-cat.jpg', credential('s3')), 's3'],
    [request('POST', '/', { ...credential('sts'), 'content-type': 'application/x-www-form-urlencoded' }), 'api'],
    [request('POST', '/', { 'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts', ...credential('organizations') }), 'api'],
    [request('GET', '/pics/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20250101%2Fus-east-1%2Fs3%2Faws4_request'), 's3'],
    [request('GET', '/?Action=AssumeRoleWithWebIdentity&Version=2011-06-15'), 'api'],
    [request('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }), 'api'],
    [request('GET', '/'), 's3'],
    [request('GET', '/pics/indoor-cat.jpg'), 's3'],
    [request('GET', '/indoor-cat.jpg', { host: 'pics.localhost:4577' }), 's3'],
    [request('PUT', '/', { host: 'pics.s3.us-east-1.amazonaws.com' }), 's3'],
    [request('GET', '/pics', credential('iam')), 'api'],
    [request('POST', '/', { 'content-type': 'text/plain' }), 'none'],
  ];
  for (const [req, door] of cases) {
    it(`${req.method} ${req.url} ${JSON.stringify(req.headers).slice(0, 60)} -> ${door}`, () => {
      const s3Claims = isS3Request(req);
      const apiClaims = isApiRequest(req);
      expect(s3Claims && apiClaims).toBe(false);
      expect(s3Claims ? 's3' : apiClaims ? 'api' : 'none').toBe(door);
    });
  }
});

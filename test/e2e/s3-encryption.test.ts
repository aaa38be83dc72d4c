// Server-side encryption against a started `podiam serve`, with boto3 and the AWS CLI: every object is
// SSE-S3 as on Amazon S3 since January 5, 2023 (responses say `ServerSideEncryption: AES256`), a
// request may ask for AES256, SSE-KMS and SSE-C are NotImplemented (podiam has no KMS and keeps no
// customer keys) and nothing is written, and the common "deny unencrypted uploads" bucket policies
// work on s3:x-amz-server-side-encryption.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { succeeded } from './support/aws-cli.ts';
import { awsAsync, pythonAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;
let small: string;
let big: string;

// A boto3 helper that answers 'ok' or [status, code, message, the error's extra elements].
const PRELUDE = String.raw`
import boto3, json
s3 = boto3.client('s3')
def call(f):
    try:
        return f()
    except s3.exceptions.ClientError as e:
        err = dict(e.response['Error'])
        return [e.response['ResponseMetadata']['HTTPStatusCode'], err.pop('Code'), err.pop('Message', ''), {k: v for k, v in err.items() if k in ('Header', 'ArgumentName', 'ArgumentValue')}]
def sse(f):
    r = call(f)
    return r if isinstance(r, list) else r.get('ServerSideEncryption')
`;

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-encryption-'));
  small = join(tmp, 'small.txt');
  big = join(tmp, 'big.bin');
  writeFileSync(small, 'secret');
  // Past the AWS CLI's 8 MiB multipart threshold: CreateMultipartUpload with the header, parts without.
  writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 7));
  succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'vault'], podiam.env));
});

afterAll(async () => {
  await podiam?.stop();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('Every new object is SSE-S3 (Amazon S3 User Guide, "Using server-side encryption with Amazon S3 managed keys (SSE-S3)")', () => {
  it('boto3: PutObject, HeadObject, GetObject, CopyObject and every multipart call answer ServerSideEncryption AES256, as GetBucketEncryption\'s default says', async () => {
    const script = String.raw`${PRELUDE}
s3.put_object(Bucket='vault', Key='src.txt', Body=b'x' * (5 * 1024 * 1024))
mpu = s3.create_multipart_upload(Bucket='vault', Key='mpu.bin', ServerSideEncryption='AES256')
part = s3.upload_part(Bucket='vault', Key='mpu.bin', UploadId=mpu['UploadId'], PartNumber=1, Body=b'y' * (5 * 1024 * 1024))
copied = s3.upload_part_copy(Bucket='vault', Key='mpu.bin', UploadId=mpu['UploadId'], PartNumber=2, CopySource='vault/src.txt', CopySourceRange='bytes=0-9')
parts = [{'PartNumber': 1, 'ETag': part['ETag']}, {'PartNumber': 2, 'ETag': copied['CopyPartResult']['ETag']}]
copy = s3.copy_object(Bucket='vault', Key='copy.txt', CopySource='vault/src.txt')
print(json.dumps({
  'put': sse(lambda: s3.put_object(Bucket='vault', Key='plain.txt', Body=b'hello')),
  'putAsked': sse(lambda: s3.put_object(Bucket='vault', Key='asked.txt', Body=b'hello', ServerSideEncryption='AES256')),
  'head': sse(lambda: s3.head_object(Bucket='vault', Key='plain.txt')),
  'get': sse(lambda: s3.get_object(Bucket='vault', Key='plain.txt', Range='bytes=0-1')),
  'copy': copy.get('ServerSideEncryption'),
  'copyAsked': sse(lambda: s3.copy_object(Bucket='vault', Key='copy2.txt', CopySource='vault/src.txt', ServerSideEncryption='AES256')),
  'create': mpu.get('ServerSideEncryption'),
  'part': part.get('ServerSideEncryption'),
  'partCopy': copied.get('ServerSideEncryption'),
  'complete': sse(lambda: s3.complete_multipart_upload(Bucket='vault', Key='mpu.bin', UploadId=mpu['UploadId'], MultipartUpload={'Parts': parts})),
  'headMultipart': sse(lambda: s3.head_object(Bucket='vault', Key='mpu.bin')),
  'bucketDefault': s3.get_bucket_encryption(Bucket='vault')['ServerSideEncryptionConfiguration']['Rules'][0]['ApplyServerSideEncryptionByDefault']['SSEAlgorithm'],
}))
`;
    const r = succeeded<Record<string, unknown>>(await pythonAsync(script, podiam.env));
    expect(r).toEqual({
      put: 'AES256',
      putAsked: 'AES256',
      head: 'AES256',
      get: 'AES256',
      copy: 'AES256',
      copyAsked: 'AES256',
      create: 'AES256',
      part: 'AES256',
      partCopy: 'AES256',
      complete: 'AES256',
      headMultipart: 'AES256',
      bucketDefault: 'AES256',
    });
  });

  it('boto3: an in-place copy is legal when it asks for AES256, not when it changes nothing (CopyObject)', async () => {
    const script = String.raw`${PRELUDE}
s3.put_object(Bucket='vault', Key='inplace.txt', Body=b'hello')
print(json.dumps({
  'unchanged': call(lambda: s3.copy_object(Bucket='vault', Key='inplace.txt', CopySource='vault/inplace.txt'))[1],
  'asked': sse(lambda: s3.copy_object(Bucket='vault', Key='inplace.txt', CopySource='vault/inplace.txt', ServerSideEncryption='AES256')),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({ unchanged: 'InvalidRequest', asked: 'AES256' });
  });
});

describe('Requested encryption other than SSE-S3 (API Reference, "PutObject": x-amz-server-side-encryption, SSE-KMS and SSE-C headers)', () => {
  it('boto3: aws:kms, aws:kms:dsse, a KMS key ID and SSE-C are NotImplemented naming the header and write nothing; an unknown method is InvalidArgument', async () => {
    const script = String.raw`${PRELUDE}
key = b'k' * 32
print(json.dumps({
  'kms': call(lambda: s3.put_object(Bucket='vault', Key='kms.txt', Body=b'x', ServerSideEncryption='aws:kms')),
  'dsse': call(lambda: s3.put_object(Bucket='vault', Key='kms.txt', Body=b'x', ServerSideEncryption='aws:kms:dsse'))[:2],
  'keyId': call(lambda: s3.put_object(Bucket='vault', Key='kms.txt', Body=b'x', SSEKMSKeyId='alias/aws/s3'))[3],
  'bucketKey': call(lambda: s3.create_multipart_upload(Bucket='vault', Key='kms.txt', ServerSideEncryption='AES256', BucketKeyEnabled=True))[3],
  'copyKms': call(lambda: s3.copy_object(Bucket='vault', Key='kms.txt', CopySource='vault/plain.txt', ServerSideEncryption='aws:kms'))[:2],
  'sseC': call(lambda: s3.put_object(Bucket='vault', Key='kms.txt', Body=b'x', SSECustomerAlgorithm='AES256', SSECustomerKey=key))[:2],
  'sseCRead': call(lambda: s3.get_object(Bucket='vault', Key='plain.txt', SSECustomerAlgorithm='AES256', SSECustomerKey=key))[:2],
  'unknown': call(lambda: s3.put_object(Bucket='vault', Key='kms.txt', Body=b'x', ServerSideEncryption='AES512')),
  'written': call(lambda: s3.head_object(Bucket='vault', Key='kms.txt'))[:1],
}))
`;
    const r = succeeded<Record<string, unknown[]>>(await pythonAsync(script, podiam.env));
    expect(r['kms']?.slice(0, 2)).toEqual([501, 'NotImplemented']);
    expect(r['kms']?.[2]).toContain('podiam has no KMS');
    expect(r['kms']?.[3]).toEqual({ Header: 'x-amz-server-side-encryption' });
    expect(r['dsse']).toEqual([501, 'NotImplemented']);
    expect(r['keyId']).toEqual({ Header: 'x-amz-server-side-encryption-aws-kms-key-id' });
    expect(r['bucketKey']).toEqual({ Header: 'x-amz-server-side-encryption-bucket-key-enabled' });
    expect(r['copyKms']).toEqual([501, 'NotImplemented']);
    expect(r['sseC']).toEqual([501, 'NotImplemented']);
    expect(r['sseCRead']).toEqual([501, 'NotImplemented']);
    expect(r['unknown']).toEqual([
      400,
      'InvalidArgument',
      'The encryption method specified is not supported',
      { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: 'AES512' },
    ]);
    expect(r['written']).toEqual([404]);
  });

  it('AWS CLI: `aws s3 cp --sse AES256` uploads (whole and multipart) and the object reads as AES256; `--sse aws:kms` is NotImplemented', async () => {
    const [whole, multipart, kms] = await Promise.all([
      awsAsync(['s3', 'cp', small, 's3://vault/cli.txt', '--sse', 'AES256'], podiam.env),
      awsAsync(['s3', 'cp', big, 's3://vault/big.bin', '--sse', 'AES256'], podiam.env),
      awsAsync(['s3', 'cp', small, 's3://vault/cli-kms.txt', '--sse', 'aws:kms'], podiam.env),
    ]);
    expect(whole.status, whole.stderr).toBe(0);
    expect(multipart.status, multipart.stderr).toBe(0);
    expect(kms.status).not.toBe(0);
    expect(kms.stderr).toContain('(NotImplemented)');
    expect(kms.stderr).toContain('podiam has no KMS');
    const heads = await Promise.all(['cli.txt', 'big.bin'].map((key) => awsAsync(['s3api', 'head-object', '--bucket', 'vault', '--key', key], podiam.env)));
    expect(heads.map((h) => succeeded<{ ServerSideEncryption: string; ContentLength: number }>(h))).toMatchObject([
      { ServerSideEncryption: 'AES256', ContentLength: 6 },
      { ServerSideEncryption: 'AES256', ContentLength: 9 * 1024 * 1024 },
    ]);
  });
});

describe('Deny unencrypted uploads with a bucket policy (AWS Organizations User Guide, "Example SCPs for Amazon S3": "Prevent Amazon S3 unencrypted object uploads")', () => {
  it('boto3 and the AWS CLI: StringNotEquals AES256 and Null "true" refuse a PutObject without the header and allow one with it', async () => {
    const script = String.raw`${PRELUDE}
def deny(bucket, condition):
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [
        {'Sid': 'DenyUnEncryptedObjectUploads', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::' + bucket + '/*', 'Condition': condition}]}))
    return {
      'without': call(lambda: s3.put_object(Bucket=bucket, Key='a.txt', Body=b'x'))[:2],
      'with': sse(lambda: s3.put_object(Bucket=bucket, Key='a.txt', Body=b'x', ServerSideEncryption='AES256')),
    }
print(json.dumps({
  'stringNotEquals': deny('locked-strict', {'StringNotEquals': {'s3:x-amz-server-side-encryption': 'AES256'}}),
  'null': deny('locked-null', {'Null': {'s3:x-amz-server-side-encryption': 'true'}}),
}))
`;
    const expected = { without: [403, 'AccessDenied'], with: 'AES256' };
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({ stringNotEquals: expected, null: expected });
    const [plain, encrypted] = await Promise.all([
      awsAsync(['s3', 'cp', small, 's3://locked-strict/cli.txt'], podiam.env),
      awsAsync(['s3', 'cp', small, 's3://locked-strict/cli-sse.txt', '--sse', 'AES256'], podiam.env),
    ]);
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toContain('(AccessDenied)');
    expect(encrypted.status, encrypted.stderr).toBe(0);
  });
});

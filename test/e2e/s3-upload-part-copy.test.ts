// UploadPartCopy against a started `podiam serve` with the real clients: `aws s3 cp s3://… s3://…` of
// a 12 MiB object (above the CLI's 8 MiB multipart threshold) copies it part by part — the CLI's
// debug log shows UploadPartCopy with x-amz-copy-source-range and never CopyObject — and the copy
// has the source's bytes and ETag; boto3 copies ranges into an upload with SHA256 part checksums,
// gets S3's refusals for bad ranges, failed copy-source conditions, a missing source or upload; an
// IAM user needs s3:GetObject on the source and s3:PutObject on the target.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { succeeded } from './support/aws-cli.ts';
import { awsAsync, envFor, pythonAsync, runAsync, StsWorld } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-part-copy-'));
  await Promise.all(['src', 'dst'].map(async (bucket) => succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', bucket], podiam.env))));
});

afterAll(async () => {
  await podiam?.stop();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('aws s3 cp between buckets copies a large object with UploadPartCopy (Amazon S3 User Guide, "Copying an object using multipart upload")', () => {
  it('a 12 MiB object is copied in 8 MiB ranges; the copy has the same bytes and the same multipart ETag', async () => {
    const path = join(tmp, 'big.bin');
    writeFileSync(path, randomBytes(12 * 1024 * 1024));
    const up = await runAsync('aws', ['s3', 'cp', path, 's3://src/big.bin', '--only-show-errors'], podiam.env);
    expect(up.status, up.stderr).toBe(0);
    const copy = await runAsync('aws', ['s3', 'cp', 's3://src/big.bin', 's3://dst/big.bin', '--debug'], podiam.env);
    expect(copy.status, copy.stderr.slice(-2000)).toBe(0);
    const operations = [...copy.stderr.matchAll(/Making request for OperationModel\(name=(\w+)\)/g)].map((m) => m[1]);
    expect(operations.filter((o) => o === 'UploadPartCopy')).toHaveLength(2);
    expect(operations).not.toContain('CopyObject');
    expect(copy.stderr).toContain("'x-amz-copy-source-range': 'bytes=0-8388607'");
    expect(copy.stderr).toContain("'x-amz-copy-source-range': 'bytes=8388608-12582911'");
    const [source, target] = await Promise.all(
      ['src', 'dst'].map(async (bucket) => succeeded<{ ETag: string; ContentLength: number }>(await awsAsync(['s3api', 'head-object', '--bucket', bucket, '--key', 'big.bin'], podiam.env))),
    );
    expect(target?.ContentLength).toBe(12 * 1024 * 1024);
    expect(target?.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(target?.ETag).toBe(source?.ETag);
    const down = await runAsync('aws', ['s3', 'cp', 's3://dst/big.bin', join(tmp, 'big.out'), '--only-show-errors'], podiam.env);
    expect(down.status, down.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'big.out')).equals(readFileSync(path))).toBe(true);
  }, 60_000);
});

describe('UploadPartCopy with boto3 (Amazon S3 API Reference, "UploadPartCopy")', () => {
  it('copies ranges into parts (ETag the MD5 of the bytes, the upload\'s SHA256 per part) that complete into the ranges\' bytes', async () => {
    const script = String.raw`
import boto3, hashlib, base64, json
s3 = boto3.client('s3')
data = bytes(range(256)) * 40960
s3.put_object(Bucket='src', Key='obj', Body=data)
up = s3.create_multipart_upload(Bucket='dst', Key='ranged', ChecksumAlgorithm='SHA256')
uid = up['UploadId']
p1 = s3.upload_part_copy(Bucket='dst', Key='ranged', UploadId=uid, PartNumber=1, CopySource={'Bucket': 'src', 'Key': 'obj'}, CopySourceRange='bytes=0-5242879')['CopyPartResult']
p2 = s3.upload_part_copy(Bucket='dst', Key='ranged', UploadId=uid, PartNumber=2, CopySource='src/obj', CopySourceRange='bytes=10-109', CopySourceIfMatch=s3.head_object(Bucket='src', Key='obj')['ETag'])['CopyPartResult']
parts = s3.list_parts(Bucket='dst', Key='ranged', UploadId=uid)['Parts']
done = s3.complete_multipart_upload(Bucket='dst', Key='ranged', UploadId=uid, MultipartUpload={'Parts': [
    {'PartNumber': 1, 'ETag': p1['ETag'], 'ChecksumSHA256': p1['ChecksumSHA256']},
    {'PartNumber': 2, 'ETag': p2['ETag'], 'ChecksumSHA256': p2['ChecksumSHA256']}]})
got = s3.get_object(Bucket='dst', Key='ranged')['Body'].read()
expected = data[:5242880] + data[10:110]
sha = lambda b: base64.b64encode(hashlib.sha256(b).digest()).decode()
print(json.dumps({
  'etags': [p1['ETag'], p2['ETag']] == ['"%s"' % hashlib.md5(data[:5242880]).hexdigest(), '"%s"' % hashlib.md5(data[10:110]).hexdigest()],
  'sha256': [p1['ChecksumSHA256'], p2['ChecksumSHA256']] == [sha(data[:5242880]), sha(data[10:110])],
  'lastModified': 'LastModified' in p1,
  'sizes': [p['Size'] for p in parts],
  'bytes': got == expected,
  'etag': done['ETag'].endswith('-2"'),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({ etags: true, sha256: true, lastModified: true, sizes: [5242880, 100], bytes: true, etag: true });
  });

  it('refuses a range past the source or not bytes=first-last, a failed copy-source condition, a missing source, bucket or upload', async () => {
    const script = String.raw`
import boto3, json, datetime
s3 = boto3.client('s3')
s3.put_object(Bucket='src', Key='small', Body=b'0123456789')
uid = s3.create_multipart_upload(Bucket='dst', Key='refused')['UploadId']
def attempt(**kw):
    args = dict(Bucket='dst', Key='refused', UploadId=uid, PartNumber=1, CopySource='src/small')
    args.update(kw)
    try:
        s3.upload_part_copy(**args)
        return 'copied'
    except s3.exceptions.ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'], e.response['Error']['Message']]
later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
print(json.dumps({
  'past': attempt(CopySourceRange='bytes=5-10'),
  'open': attempt(CopySourceRange='bytes=5-'),
  'ifMatch': attempt(CopySourceIfMatch='"0123"'),
  'ifModifiedSince': attempt(CopySourceIfModifiedSince=later),
  'noKey': attempt(CopySource='src/none'),
  'noBucket': attempt(CopySource='no-such-source/x'),
  'noUpload': attempt(UploadId='nope'),
  'partNumber': attempt(PartNumber=10001),
  'whole': attempt(),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      past: [400, 'InvalidArgument', 'Range specified is not valid for source object of size: 10'],
      open: [400, 'InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy'],
      ifMatch: [412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'],
      ifModifiedSince: [412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'],
      noKey: [404, 'NoSuchKey', 'The specified key does not exist.'],
      noBucket: [404, 'NoSuchBucket', 'The specified bucket does not exist'],
      noUpload: [404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.'],
      partNumber: [400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive'],
      whole: 'copied',
    });
  });

  it('needs s3:GetObject on the source and s3:PutObject on the target ("Required permissions for Amazon S3 API operations")', async () => {
    const world = new StsWorld(podiam);
    const policy = (statements: { Action: string[]; Resource: string[] }[]) => ({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) });
    const both = [
      { Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::src/*'] },
      { Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::dst/*'] },
    ];
    const [copier, writer, reader] = await Promise.all([
      world.user(world.management, 'copier', { s3: policy(both) }),
      world.user(world.management, 'writer-only', { s3: policy([{ Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::dst/*'] }]) }),
      world.user(world.management, 'reader-only', { s3: policy([{ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::src/*'] }]) }),
    ]);
    succeeded(await awsAsync(['s3api', 'put-object', '--bucket', 'src', '--key', 'granted', '--body', join(tmp, 'big.bin')], podiam.env));
    const uploadId = succeeded<{ UploadId: string }>(await awsAsync(['s3api', 'create-multipart-upload', '--bucket', 'dst', '--key', 'granted'], podiam.env)).UploadId;
    const copyPart = (keys: { accessKeyId: string; secretAccessKey: string }) =>
      awsAsync(
        ['s3api', 'upload-part-copy', '--bucket', 'dst', '--key', 'granted', '--upload-id', uploadId, '--part-number', '1', '--copy-source', 'src/granted', '--copy-source-range', 'bytes=0-99'],
        envFor(podiam, keys),
      );
    const [allowed, noRead, noWrite] = await Promise.all([copyPart(copier.keys), copyPart(writer.keys), copyPart(reader.keys)]);
    const result = succeeded<{ CopyPartResult: { ETag: string } }>(allowed);
    expect(result.CopyPartResult.ETag).toBe(`"${createHash('md5').update(readFileSync(join(tmp, 'big.bin')).subarray(0, 100)).digest('hex')}"`);
    expect(noRead.stderr).toContain('An error occurred (AccessDenied) when calling the UploadPartCopy operation: User: arn:aws:iam::123456789012:user/writer-only is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::src/granted"');
    expect(noWrite.stderr).toContain('An error occurred (AccessDenied) when calling the UploadPartCopy operation: User: arn:aws:iam::123456789012:user/reader-only is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::dst/granted"');
  });
});

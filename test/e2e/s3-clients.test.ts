// S3 on podiam's endpoint with the real clients, unchanged but for the endpoint: the AWS CLI
// (s3api and the high-level `aws s3` commands, including a 50 MiB multipart `aws s3 cp` up and down
// compared byte for byte, and `aws s3 presign` URLs fetched with plain HTTP), boto3 (ranges,
// conditional reads, paginators, managed multipart transfers) and the AWS SDK v3 (its default CRC32
// trailing checksums over aws-chunked bodies, multipart with checksums, checksum-mode reads), with
// S3's errors as the clients parse them.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync, pythonAsync, runAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;
let env: NodeJS.ProcessEnv;

function json<T>(r: { status: number; stderr: string; json: unknown }): T {
  expect(r.status, r.stderr).toBe(0);
  return r.json as T;
}

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-clients-'));
  // `aws s3 presign` signs with SigV4 only when told to (the CLI v1 default for S3 is SigV2).
  writeFileSync(join(tmp, 'config'), '[default]\nregion = us-east-1\ns3 =\n    signature_version = s3v4\n');
  env = { ...podiam.env, AWS_CONFIG_FILE: join(tmp, 'config') };
  json(await awsAsync(['s3api', 'create-bucket', '--bucket', 'pics'], env));
});

afterAll(async () => {
  await podiam?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the AWS CLI: s3api calls and their outputs (Amazon S3 API Reference)', () => {
  it('put-object with metadata, then get-object (seed 001\'s command) returns the bytes and the headers', async () => {
    const cat = randomBytes(5556);
    writeFileSync(join(tmp, 'indoor-cat.jpg'), cat);
    const put = json<{ ETag: string }>(
      await awsAsync(['s3api', 'put-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', '--body', join(tmp, 'indoor-cat.jpg'), '--content-type', 'image/jpeg', '--metadata', 'owner=tom', '--cache-control', 'max-age=60'], env),
    );
    const md5 = createHash('md5').update(cat).digest('hex');
    expect(put.ETag).toBe(`"${md5}"`);
    const got = json<Record<string, unknown>>(await awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'mypic.jpg')], env));
    expect(got).toMatchObject({ AcceptRanges: 'bytes', ContentType: 'image/jpeg', ContentLength: 5556, ETag: `"${md5}"`, Metadata: { owner: 'tom' }, CacheControl: 'max-age=60' });
    expect(String(got['LastModified'])).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(readFileSync(join(tmp, 'mypic.jpg')).equals(cat)).toBe(true);
  });

  it('head-object, list-objects-v2 with a prefix and delimiter, tagging, copy, delete-objects', async () => {
    writeFileSync(join(tmp, 'small.txt'), 'hello');
    await Promise.all(
      ['docs/a.txt', 'docs/b.txt', 'docs/deep/c.txt', 'top.txt'].map(async (key) =>
        json(await awsAsync(['s3api', 'put-object', '--bucket', 'pics', '--key', key, '--body', join(tmp, 'small.txt'), '--tagging', 'Department=Finance'], env)),
      ),
    );
    const head = json<{ ContentLength: number; ContentType: string }>(await awsAsync(['s3api', 'head-object', '--bucket', 'pics', '--key', 'docs/a.txt'], env));
    expect(head).toMatchObject({ ContentLength: 5, ContentType: 'binary/octet-stream' });
    const listed = json<{ Contents: { Key: string }[]; CommonPrefixes: { Prefix: string }[]; KeyCount: number }>(
      await awsAsync(['s3api', 'list-objects-v2', '--bucket', 'pics', '--prefix', 'docs/', '--delimiter', '/'], env),
    );
    expect(listed.Contents.map((c) => c.Key)).toEqual(['docs/a.txt', 'docs/b.txt']);
    expect(listed.CommonPrefixes).toEqual([{ Prefix: 'docs/deep/' }]);
    expect(json<{ TagSet: unknown[] }>(await awsAsync(['s3api', 'get-object-tagging', '--bucket', 'pics', '--key', 'docs/a.txt'], env)).TagSet).toEqual([{ Key: 'Department', Value: 'Finance' }]);
    json(await awsAsync(['s3api', 'copy-object', '--bucket', 'pics', '--key', 'docs/copy.txt', '--copy-source', 'pics/docs/a.txt'], env));
    const deleted = json<{ Deleted: { Key: string }[] }>(
      await awsAsync(['s3api', 'delete-objects', '--bucket', 'pics', '--delete', JSON.stringify({ Objects: [{ Key: 'docs/copy.txt' }, { Key: 'docs/b.txt' }] })], env),
    );
    expect(deleted.Deleted.map((d) => d.Key).sort()).toEqual(['docs/b.txt', 'docs/copy.txt']);
  });

  it('S3\'s errors: NoSuchKey, NoSuchBucket, BucketNotEmpty, InvalidBucketName, BucketAlreadyOwnedByYou outside us-east-1', async () => {
    const [noKey, noBucket, notEmpty, badName] = await Promise.all([
      awsAsync(['s3api', 'head-object', '--bucket', 'pics', '--key', 'missing'], env),
      awsAsync(['s3api', 'get-object', '--bucket', 'no-such-bucket-here', '--key', 'k', join(tmp, 'x')], env),
      awsAsync(['s3api', 'delete-bucket', '--bucket', 'pics'], env),
      awsAsync(['s3api', 'create-bucket', '--bucket', 'Bad_Name'], env),
    ]);
    expect(noKey.stderr).toContain('(404)');
    expect(noBucket.stderr).toContain('An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist');
    expect(notEmpty.stderr).toContain('(BucketNotEmpty) when calling the DeleteBucket operation: The bucket you tried to delete is not empty');
    expect(badName.stderr).toContain('(InvalidBucketName)');
    const euro = ['s3api', 'create-bucket', '--bucket', 'euro-pics', '--create-bucket-configuration', 'LocationConstraint=eu-west-1'];
    json(await awsAsync(euro, env));
    expect((await awsAsync(euro, env)).stderr).toContain('(BucketAlreadyOwnedByYou) when calling the CreateBucket operation: Your previous request to create the named bucket succeeded and you already own it.');
    expect(json<{ LocationConstraint: string }>(await awsAsync(['s3api', 'get-bucket-location', '--bucket', 'euro-pics'], env)).LocationConstraint).toBe('eu-west-1');
  });
});

describe('aws s3 cp of a 50 MiB file: a multipart upload and a ranged parallel download (Amazon S3 User Guide, "Uploading and copying objects using multipart upload")', () => {
  it('uploads in parts, downloads, and the bytes are the same; the ETag is the multipart one', async () => {
    const path = join(tmp, 'big.bin');
    writeFileSync(path, randomBytes(50 * 1024 * 1024));
    const up = await runAsync('aws', ['s3', 'cp', path, 's3://pics/big.bin', '--only-show-errors'], env);
    expect(up.status, up.stderr).toBe(0);
    const head = json<{ ETag: string; ContentLength: number }>(await awsAsync(['s3api', 'head-object', '--bucket', 'pics', '--key', 'big.bin'], env));
    expect(head.ContentLength).toBe(50 * 1024 * 1024);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);
    const down = await runAsync('aws', ['s3', 'cp', 's3://pics/big.bin', join(tmp, 'big.out'), '--only-show-errors'], env);
    expect(down.status, down.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'big.out')).equals(readFileSync(path))).toBe(true);
    const ls = await runAsync('aws', ['s3', 'ls', 's3://pics/'], env);
    expect(ls.stdout).toMatch(/\s52428800 big\.bin/);
    expect(ls.stdout).toContain('PRE docs/');
    // aws s3 ls lists with encoding-type=url: keys with spaces, plus signs and non-ASCII come back intact.
    const odd = 'docs/with space+plus é.txt';
    json(await awsAsync(['s3api', 'put-object', '--bucket', 'pics', '--key', odd, '--body', join(tmp, 'small.txt')], env));
    const docs = await runAsync('aws', ['s3', 'ls', 's3://pics/docs/'], env);
    expect(docs.stdout).toContain(' with space+plus é.txt');
  }, 120_000);
});

describe('presigned URLs (Amazon S3 User Guide, "Sharing objects with presigned URLs")', () => {
  it('a URL from aws s3 presign fetches the object with plain HTTP; a changed signature is SignatureDoesNotMatch; no signature is AccessDenied', async () => {
    const url = (await runAsync('aws', ['s3', 'presign', 's3://pics/indoor-cat.jpg', '--expires-in', '300'], env)).stdout.trim();
    expect(url).toContain('X-Amz-Algorithm=AWS4-HMAC-SHA256');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(readFileSync(join(tmp, 'indoor-cat.jpg')))).toBe(true);
    const tampered = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    const bad = await fetch(tampered);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const anonymous = await fetch(url.slice(0, url.indexOf('?')));
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
  });
});

describe('boto3 (botocore\'s REST-XML parser and managed transfers)', () => {
  it('ranges, 304/412, paginators, upload_fileobj in parts, errors', async () => {
    const script = String.raw`
import boto3, io, json
from boto3.s3.transfer import TransferConfig
s3 = boto3.client('s3')
out = {}
s3.put_object(Bucket='pics', Key='boto/x.txt', Body=b'hello world', Metadata={'owner': 'tom'})
r = s3.get_object(Bucket='pics', Key='boto/x.txt', Range='bytes=6-')
out['range'] = [r['ResponseMetadata']['HTTPStatusCode'], r['Body'].read().decode(), r['ContentRange']]
etag = r['ETag']
for name, kw in [('notModified', {'IfNoneMatch': etag}), ('precondition', {'IfMatch': '"0"'}), ('invalidRange', {'Range': 'bytes=100-'})]:
    try:
        s3.get_object(Bucket='pics', Key='boto/x.txt', **kw)
        out[name] = 'no error'
    except s3.exceptions.ClientError as e:
        out[name] = e.response['Error']['Code']
for i in range(5):
    s3.put_object(Bucket='pics', Key='page/%d' % i, Body=b'x')
out['pages'] = [[o['Key'] for o in p.get('Contents', [])] for p in s3.get_paginator('list_objects_v2').paginate(Bucket='pics', Prefix='page/', PaginationConfig={'PageSize': 2})]
out['pagesV1'] = [[o['Key'] for o in p.get('Contents', [])] for p in s3.get_paginator('list_objects').paginate(Bucket='pics', Prefix='page/', PaginationConfig={'PageSize': 2})]
data = bytes(range(256)) * (24 * 4096)
s3.upload_fileobj(io.BytesIO(data), 'pics', 'boto/multi', Config=TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024))
buf = io.BytesIO()
s3.download_fileobj('pics', 'boto/multi', buf, Config=TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024))
out['multi'] = [buf.getvalue() == data, s3.head_object(Bucket='pics', Key='boto/multi')['ETag'].endswith('-3"')]
try:
    s3.get_object(Bucket='pics', Key='nothing')
except s3.exceptions.NoSuchKey as e:
    out['noSuchKey'] = e.response['Error']['Message']
print(json.dumps(out))
`;
    const out = json<Record<string, unknown>>(await pythonAsync(script, env));
    expect(out).toEqual({
      range: [206, 'world', 'bytes 6-10/11'],
      notModified: '304',
      precondition: 'PreconditionFailed',
      invalidRange: 'InvalidRange',
      pages: [['page/0', 'page/1'], ['page/2', 'page/3'], ['page/4']],
      pagesV1: [['page/0', 'page/1'], ['page/2', 'page/3'], ['page/4']],
      multi: [true, true],
      noSuchKey: 'The specified key does not exist.',
    });
  }, 60_000);
});

describe('the AWS SDK v3: default CRC32 trailing checksums over aws-chunked bodies (Amazon S3 User Guide, "Checking object integrity")', () => {
  function client(): { s3: S3Client; seen: Record<string, string>[] } {
    const s3 = new S3Client({
      endpoint: podiam.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey },
    });
    const seen: Record<string, string>[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers !== undefined) seen.push({ ...request.headers });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    return { s3, seen };
  }

  it('a streamed PutObject is STREAMING-UNSIGNED-PAYLOAD-TRAILER with x-amz-checksum-crc32; the checksum comes back on a checksum-mode read', async () => {
    const { s3, seen } = client();
    const data = randomBytes(300_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'pics', Key: 'sdk/stream.bin', Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }));
    const sent = seen.at(-1) ?? {};
    expect(sent['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(sent['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(sent['content-encoding']).toContain('aws-chunked');
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'pics', Key: 'sdk/stream.bin', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))).equals(data)).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'pics', Key: 'sdk/stream.bin' }));
    expect(head.ContentEncoding).toBeUndefined();
  });

  it('a wrong Content-MD5 is BadDigest and nothing is stored', async () => {
    const { s3 } = client();
    const error = await s3
      .send(new PutObjectCommand({ Bucket: 'pics', Key: 'sdk/bad', Body: Buffer.from('payload'), ContentMD5: createHash('md5').update('other').digest('base64') }))
      .catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
    expect(error).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    const missing = await s3.send(new HeadObjectCommand({ Bucket: 'pics', Key: 'sdk/bad' })).catch((e: unknown) => e as { name: string });
    expect(missing).toMatchObject({ name: 'NotFound' });
  });

  it('a large body (hashed off the receiving thread) gets its MD5 as ETag, and a wrong Content-MD5 on one is BadDigest with nothing stored', async () => {
    const { s3 } = client();
    const body = randomBytes(9 << 20);
    const md5 = createHash('md5').update(body);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'pics', Key: 'sdk/large', Body: body, ContentMD5: md5.copy().digest('base64') }));
    expect(put.ETag).toBe(`"${md5.digest('hex')}"`);
    const error = await s3
      .send(new PutObjectCommand({ Bucket: 'pics', Key: 'sdk/large-bad', Body: body, ContentMD5: createHash('md5').update('other').digest('base64') }))
      .catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
    expect(error).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    const missing = await s3.send(new HeadObjectCommand({ Bucket: 'pics', Key: 'sdk/large-bad' })).catch((e: unknown) => e as { name: string });
    expect(missing).toMatchObject({ name: 'NotFound' });
  });

  it('CompleteMultipartUpload refuses parts out of order, unknown parts and small middle parts; ListParts, ListMultipartUploads, Abort', async () => {
    const { s3 } = client();
    const key = 'sdk/refused.bin';
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'pics', Key: key }));
    const UploadId = created.UploadId ?? '';
    const small = await s3.send(new UploadPartCommand({ Bucket: 'pics', Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(1000, 1) }));
    const last = await s3.send(new UploadPartCommand({ Bucket: 'pics', Key: key, UploadId, PartNumber: 2, Body: Buffer.alloc(10, 2) }));
    const complete = (Parts: { PartNumber: number; ETag: string | undefined }[]) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'pics', Key: key, UploadId, MultipartUpload: { Parts } })).catch((e: unknown) => (e as { name: string }).name);
    expect(await complete([{ PartNumber: 2, ETag: last.ETag }, { PartNumber: 1, ETag: small.ETag }])).toBe('InvalidPartOrder');
    expect(await complete([{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }])).toBe('InvalidPart');
    expect(await complete([{ PartNumber: 1, ETag: small.ETag }, { PartNumber: 2, ETag: last.ETag }])).toBe('EntityTooSmall');
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'pics', Key: key, UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      [1, 1000, small.ETag],
      [2, 10, last.ETag],
    ]);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'pics', Prefix: 'sdk/' }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toContainEqual([key, UploadId]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'pics', Key: key, UploadId }));
    expect(await s3.send(new ListPartsCommand({ Bucket: 'pics', Key: key, UploadId })).catch((e: unknown) => (e as { name: string }).name)).toBe('NoSuchUpload');
  });

  it('multipart with CRC32 part checksums completes with a composite checksum and the md5-of-md5s ETag', async () => {
    const { s3 } = client();
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'pics', Key: 'sdk/mp.bin', ChecksumAlgorithm: 'CRC32' }));
    const uploaded = [];
    for (const [i, body] of parts.entries()) {
      const p = await s3.send(new UploadPartCommand({ Bucket: 'pics', Key: 'sdk/mp.bin', UploadId: created.UploadId, PartNumber: i + 1, Body: body, ChecksumAlgorithm: 'CRC32' }));
      uploaded.push({ PartNumber: i + 1, ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32 });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'pics', Key: 'sdk/mp.bin', UploadId: created.UploadId, MultipartUpload: { Parts: uploaded } }));
    const md5s = Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()));
    expect(done.ETag).toBe(`"${createHash('md5').update(md5s).digest('hex')}-2"`);
    expect(done.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-2$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'pics', Key: 'sdk/mp.bin', Range: 'bytes=5242870-5242889' }));
    expect(Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toEqual(Buffer.concat(parts).subarray(5242870, 5242890));
  });
});

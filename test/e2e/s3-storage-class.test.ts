// Storage classes against a started `podiam serve`, with boto3 and the AWS CLI (Amazon S3 User Guide,
// "Understanding and managing Amazon S3 storage classes"; API Reference, "PutObject", "CopyObject",
// "CreateMultipartUpload", "HeadObject", "GetObject", "ListObjectsV2"): a write's x-amz-storage-class
// is kept and answered (HeadObject's header for every class but STANDARD, the listings' StorageClass),
// a copy is STANDARD unless it names a class, naming one makes a copy in place legal, a class S3 does
// not know is InvalidStorageClass, and the bytes of a GLACIER or DEEP_ARCHIVE object cannot be read
// or copied until restored (InvalidObjectState).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { succeeded } from './support/aws-cli.ts';
import { awsAsync, pythonAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;

// A boto3 helper that answers the call's result, or [status, code, message, StorageClass] for an error.
const PRELUDE = String.raw`
import boto3, json
s3 = boto3.client('s3')
def call(f):
    try:
        return f()
    except s3.exceptions.ClientError as e:
        err = e.response['Error']
        return [e.response['ResponseMetadata']['HTTPStatusCode'], err.get('Code'), err.get('Message'), err.get('StorageClass')]
def cls(f):
    r = call(f)
    return r if isinstance(r, list) else r.get('StorageClass', 'absent')
`;

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-storage-class-'));
  succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'archive'], podiam.env));
});

afterAll(async () => {
  await podiam?.stop();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('x-amz-storage-class on writes, reads and listings', () => {
  it('boto3: PutObject keeps the class; HeadObject says it (not for STANDARD); ListObjectsV2 and ListObjects list it; an unknown class is InvalidStorageClass and writes nothing', async () => {
    const script = String.raw`${PRELUDE}
s3.put_object(Bucket='archive', Key='a/standard.txt', Body=b'one')
s3.put_object(Bucket='archive', Key='a/ia.txt', Body=b'two', StorageClass='STANDARD_IA')
s3.put_object(Bucket='archive', Key='a/ir.txt', Body=b'three', StorageClass='GLACIER_IR')
v2 = s3.list_objects_v2(Bucket='archive', Prefix='a/')['Contents']
v1 = s3.list_objects(Bucket='archive', Prefix='a/')['Contents']
print(json.dumps({
  'headStandard': cls(lambda: s3.head_object(Bucket='archive', Key='a/standard.txt')),
  'headIa': cls(lambda: s3.head_object(Bucket='archive', Key='a/ia.txt')),
  'getIr': cls(lambda: s3.get_object(Bucket='archive', Key='a/ir.txt')),
  'v2': {o['Key']: o['StorageClass'] for o in v2},
  'v1': {o['Key']: o['StorageClass'] for o in v1},
  'unknown': call(lambda: s3.put_object(Bucket='archive', Key='a/bad.txt', Body=b'x', StorageClass='COLD')),
  'lowercase': call(lambda: s3.put_object(Bucket='archive', Key='a/bad.txt', Body=b'x', StorageClass='standard_ia')),
  'notWritten': call(lambda: s3.head_object(Bucket='archive', Key='a/bad.txt'))[0],
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      headStandard: 'absent',
      headIa: 'STANDARD_IA',
      getIr: 'GLACIER_IR',
      v2: { 'a/standard.txt': 'STANDARD', 'a/ia.txt': 'STANDARD_IA', 'a/ir.txt': 'GLACIER_IR' },
      v1: { 'a/standard.txt': 'STANDARD', 'a/ia.txt': 'STANDARD_IA', 'a/ir.txt': 'GLACIER_IR' },
      unknown: [400, 'InvalidStorageClass', 'The storage class you specified is not valid', null],
      lowercase: [400, 'InvalidStorageClass', 'The storage class you specified is not valid', null],
      notWritten: 404,
    });
  });

  it('boto3: a multipart upload carries its class to ListMultipartUploads, ListParts and the completed object', async () => {
    const script = String.raw`${PRELUDE}
mpu = s3.create_multipart_upload(Bucket='archive', Key='m/big.bin', StorageClass='ONEZONE_IA')
part = s3.upload_part(Bucket='archive', Key='m/big.bin', UploadId=mpu['UploadId'], PartNumber=1, Body=b'z' * 1024)
uploads = s3.list_multipart_uploads(Bucket='archive', Prefix='m/')['Uploads']
parts = s3.list_parts(Bucket='archive', Key='m/big.bin', UploadId=mpu['UploadId'])
s3.complete_multipart_upload(Bucket='archive', Key='m/big.bin', UploadId=mpu['UploadId'], MultipartUpload={'Parts': [{'PartNumber': 1, 'ETag': part['ETag']}]})
print(json.dumps({
  'uploads': [u['StorageClass'] for u in uploads],
  'parts': parts['StorageClass'],
  'head': cls(lambda: s3.head_object(Bucket='archive', Key='m/big.bin')),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({ uploads: ['ONEZONE_IA'], parts: 'ONEZONE_IA', head: 'ONEZONE_IA' });
  });

  it('boto3: a copy is STANDARD unless it names a class; naming one makes a copy in place legal (how a class is changed)', async () => {
    const script = String.raw`${PRELUDE}
s3.put_object(Bucket='archive', Key='c/src.txt', Body=b'source', StorageClass='STANDARD_IA')
s3.copy_object(Bucket='archive', Key='c/plain.txt', CopySource='archive/c/src.txt')
s3.copy_object(Bucket='archive', Key='c/named.txt', CopySource='archive/c/src.txt', StorageClass='INTELLIGENT_TIERING')
print(json.dumps({
  'plain': cls(lambda: s3.head_object(Bucket='archive', Key='c/plain.txt')),
  'named': cls(lambda: s3.head_object(Bucket='archive', Key='c/named.txt')),
  'inPlaceUnchanged': call(lambda: s3.copy_object(Bucket='archive', Key='c/src.txt', CopySource='archive/c/src.txt'))[1],
  'inPlace': cls(lambda: (s3.copy_object(Bucket='archive', Key='c/src.txt', CopySource='archive/c/src.txt', StorageClass='REDUCED_REDUNDANCY'), s3.head_object(Bucket='archive', Key='c/src.txt'))[1]),
  'bytes': s3.get_object(Bucket='archive', Key='c/src.txt')['Body'].read().decode(),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      plain: 'absent',
      named: 'INTELLIGENT_TIERING',
      inPlaceUnchanged: 'InvalidRequest',
      inPlace: 'REDUCED_REDUNDANCY',
      bytes: 'source',
    });
  });

  it('boto3: a GLACIER or DEEP_ARCHIVE object is described by HeadObject and GetObjectAttributes, but GetObject, CopyObject and UploadPartCopy of it are InvalidObjectState (403)', async () => {
    const script = String.raw`${PRELUDE}
s3.put_object(Bucket='archive', Key='g/cold.txt', Body=b'cold', StorageClass='GLACIER')
s3.put_object(Bucket='archive', Key='g/colder.txt', Body=b'colder', StorageClass='DEEP_ARCHIVE')
mpu = s3.create_multipart_upload(Bucket='archive', Key='g/target.bin')
print(json.dumps({
  'head': cls(lambda: s3.head_object(Bucket='archive', Key='g/cold.txt')),
  'attributes': {k: v for k, v in s3.get_object_attributes(Bucket='archive', Key='g/cold.txt', ObjectAttributes=['StorageClass', 'ObjectSize']).items() if k in ('StorageClass', 'ObjectSize')},
  'get': call(lambda: s3.get_object(Bucket='archive', Key='g/cold.txt')),
  'getDeep': call(lambda: s3.get_object(Bucket='archive', Key='g/colder.txt')),
  'copy': call(lambda: s3.copy_object(Bucket='archive', Key='g/copy.txt', CopySource='archive/g/cold.txt', StorageClass='STANDARD')),
  'partCopy': call(lambda: s3.upload_part_copy(Bucket='archive', Key='g/target.bin', UploadId=mpu['UploadId'], PartNumber=1, CopySource='archive/g/colder.txt')),
}))
`;
    const refused = (storageClass: string) => [403, 'InvalidObjectState', "The operation is not valid for the object's storage class", storageClass];
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      head: 'GLACIER',
      attributes: { StorageClass: 'GLACIER', ObjectSize: 4 },
      get: refused('GLACIER'),
      getDeep: refused('DEEP_ARCHIVE'),
      copy: refused('GLACIER'),
      partCopy: refused('DEEP_ARCHIVE'),
    });
  });

  it('AWS CLI: `aws s3 cp --storage-class` (whole and multipart), `aws s3api get-object-attributes` and `list-objects-v2` show the class', async () => {
    const small = join(tmp, 'small.txt');
    const big = join(tmp, 'big.bin');
    writeFileSync(small, 'hello');
    // Past the AWS CLI's 8 MiB multipart threshold: the class goes on CreateMultipartUpload.
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 3));
    succeeded(await awsAsync(['s3', 'cp', small, 's3://archive/cli/small.txt', '--storage-class', 'STANDARD_IA'], podiam.env));
    succeeded(await awsAsync(['s3', 'cp', big, 's3://archive/cli/big.bin', '--storage-class', 'GLACIER_IR'], podiam.env));
    const head = succeeded<{ StorageClass?: string }>(await awsAsync(['s3api', 'head-object', '--bucket', 'archive', '--key', 'cli/big.bin'], podiam.env));
    expect(head.StorageClass).toBe('GLACIER_IR');
    const attributes = succeeded<{ StorageClass?: string; ObjectSize?: number; ObjectParts?: { TotalPartsCount?: number } }>(
      await awsAsync(['s3api', 'get-object-attributes', '--bucket', 'archive', '--key', 'cli/big.bin', '--object-attributes', 'StorageClass', 'ObjectSize', 'ObjectParts'], podiam.env),
    );
    expect(attributes).toMatchObject({ StorageClass: 'GLACIER_IR', ObjectSize: 9 * 1024 * 1024, ObjectParts: { TotalPartsCount: 2 } });
    const listed = succeeded<{ Contents: { Key: string; StorageClass: string }[] }>(await awsAsync(['s3api', 'list-objects-v2', '--bucket', 'archive', '--prefix', 'cli/'], podiam.env));
    expect(listed.Contents.map((o) => [o.Key, o.StorageClass])).toEqual([
      ['cli/big.bin', 'GLACIER_IR'],
      ['cli/small.txt', 'STANDARD_IA'],
    ]);
  });
});

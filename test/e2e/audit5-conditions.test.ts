// Preconditions S3 documents beyond reads, with boto3 against a started `podiam serve`: the bucket
// owner condition (x-amz-expected-bucket-owner, x-amz-source-expected-bucket-owner), conditional
// writes on CopyObject's target and CompleteMultipartUpload, and conditional deletes (DeleteObject's
// If-Match, DeleteObjects' per-object ETag).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { pythonAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;

async function boto3(body: string): Promise<unknown> {
  const script = String.raw`
import boto3, json, botocore
s3 = boto3.client('s3')
def code(fn, **kw):
    try:
        fn(**kw)
        return 'OK'
    except botocore.exceptions.ClientError as e:
        return '%s %s' % (e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'])
` + body;
  const r = await pythonAsync(script, podiam.env);
  expect(r.status, r.stderr).toBe(0);
  return r.json;
}

beforeAll(async () => {
  podiam = await startPodiam();
  await boto3(String.raw`
s3.create_bucket(Bucket='audit5-cond')
s3.put_object(Bucket='audit5-cond', Key='source', Body=b'source')
print(json.dumps(True))
`);
});

afterAll(async () => {
  await podiam?.stop();
});

describe('the bucket owner condition (Amazon S3 User Guide, "Verifying bucket ownership with bucket owner condition")', () => {
  it('another account in x-amz-expected-bucket-owner is 403 AccessDenied (HEAD without a body); the owner passes', async () => {
    const out = await boto3(String.raw`
b = 'audit5-cond'
print(json.dumps({
  'owner': code(s3.get_object, Bucket=b, Key='source', ExpectedBucketOwner='123456789012'),
  'get': code(s3.get_object, Bucket=b, Key='source', ExpectedBucketOwner='111122223333'),
  'head': code(s3.head_object, Bucket=b, Key='source', ExpectedBucketOwner='111122223333'),
  'list': code(s3.list_objects_v2, Bucket=b, ExpectedBucketOwner='111122223333'),
  'put': code(s3.put_object, Bucket=b, Key='x', Body=b'x', ExpectedBucketOwner='111122223333'),
  'copy-source': code(s3.copy_object, Bucket=b, Key='copy', CopySource={'Bucket': b, 'Key': 'source'}, ExpectedSourceBucketOwner='111122223333'),
  'written': code(s3.head_object, Bucket=b, Key='x'),
}))
`);
    expect(out).toEqual({ owner: 'OK', get: '403 AccessDenied', head: '403 403', list: '403 AccessDenied', put: '403 AccessDenied', 'copy-source': '403 AccessDenied', written: '404 404' });
  });
});

describe('conditional writes (Amazon S3 User Guide, "How to prevent object overwrites with conditional writes"; API Reference, "CopyObject", "CompleteMultipartUpload")', () => {
  it('CopyObject and CompleteMultipartUpload with If-None-Match: * onto an existing key are 412 and leave it; If-Match with its ETag replaces it', async () => {
    const out = await boto3(String.raw`
b = 'audit5-cond'
s3.put_object(Bucket=b, Key='kept', Body=b'kept')
etag = s3.head_object(Bucket=b, Key='kept')['ETag']
u = s3.create_multipart_upload(Bucket=b, Key='kept')['UploadId']
part = s3.upload_part(Bucket=b, Key='kept', UploadId=u, PartNumber=1, Body=b'multipart')
parts = {'Parts': [{'PartNumber': 1, 'ETag': part['ETag']}]}
result = {
  'copy-none-match': code(s3.copy_object, Bucket=b, Key='kept', CopySource={'Bucket': b, 'Key': 'source'}, IfNoneMatch='*'),
  'copy-match-other': code(s3.copy_object, Bucket=b, Key='kept', CopySource={'Bucket': b, 'Key': 'source'}, IfMatch='"0123"'),
  'complete-none-match': code(s3.complete_multipart_upload, Bucket=b, Key='kept', UploadId=u, MultipartUpload=parts, IfNoneMatch='*'),
  'body': s3.get_object(Bucket=b, Key='kept')['Body'].read().decode(),
  'complete-match': code(s3.complete_multipart_upload, Bucket=b, Key='kept', UploadId=u, MultipartUpload=parts, IfMatch=etag),
}
result['after'] = s3.get_object(Bucket=b, Key='kept')['Body'].read().decode()
result['copy-new'] = code(s3.copy_object, Bucket=b, Key='fresh', CopySource={'Bucket': b, 'Key': 'source'}, IfNoneMatch='*')
print(json.dumps(result))
`);
    expect(out).toEqual({
      'copy-none-match': '412 PreconditionFailed',
      'copy-match-other': '412 PreconditionFailed',
      'complete-none-match': '412 PreconditionFailed',
      body: 'kept',
      'complete-match': 'OK',
      after: 'multipart',
      'copy-new': 'OK',
    });
  });
});

describe('conditional deletes (Amazon S3 User Guide, "How to perform conditional deletes")', () => {
  it('DeleteObject If-Match: another ETag is 412, a missing key 404 NoSuchKey, the ETag deletes; DeleteObjects reports per-object ETag failures', async () => {
    const out = await boto3(String.raw`
b = 'audit5-cond'
s3.put_object(Bucket=b, Key='doomed', Body=b'doomed')
s3.put_object(Bucket=b, Key='spared', Body=b'spared')
etag = s3.head_object(Bucket=b, Key='doomed')['ETag']
result = {
  'other': code(s3.delete_object, Bucket=b, Key='doomed', IfMatch='"0123"'),
  'missing': code(s3.delete_object, Bucket=b, Key='never', IfMatch='*'),
  'match': code(s3.delete_object, Bucket=b, Key='doomed', IfMatch=etag),
  'gone': code(s3.head_object, Bucket=b, Key='doomed'),
}
r = s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'spared', 'ETag': '"0123"'}, {'Key': 'never', 'ETag': '*'}]})
result['errors'] = sorted((e['Key'], e['Code']) for e in r.get('Errors', []))
result['spared'] = code(s3.head_object, Bucket=b, Key='spared')
print(json.dumps(result))
`);
    expect(out).toEqual({
      other: '412 PreconditionFailed',
      missing: '404 NoSuchKey',
      match: 'OK',
      gone: '404 404',
      errors: [
        ['never', 'NoSuchKey'],
        ['spared', 'PreconditionFailed'],
      ],
      spared: 'OK',
    });
  });
});

describe('DeleteObjects needs an integrity header (Amazon S3 API Reference, "DeleteObjects": "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required")', () => {
  it('without Content-MD5 or a checksum it is InvalidRequest and deletes nothing; boto3 as it is sends one', async () => {
    const out = await boto3(String.raw`
b = 'audit5-cond'
s3.put_object(Bucket=b, Key='kept-too', Body=b'x')
bare = boto3.client('s3')
def strip(request, **kwargs):
    for h in [h for h in request.headers.keys() if h.lower() == 'content-md5' or h.lower().startswith('x-amz-checksum-') or h.lower() == 'x-amz-sdk-checksum-algorithm']:
        del request.headers[h]
bare.meta.events.register('before-sign.s3.DeleteObjects', strip)
try:
    bare.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'kept-too'}]})
    refused = 'OK'
except botocore.exceptions.ClientError as e:
    refused = [e.response['Error']['Code'], e.response['Error']['Message']]
result = {'refused': refused, 'still-there': code(s3.head_object, Bucket=b, Key='kept-too')}
result['with-checksum'] = [d['Key'] for d in s3.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'kept-too'}]})['Deleted']]
print(json.dumps(result))
`);
    expect(out).toEqual({ refused: ['InvalidRequest', 'Missing required header for this request: Content-MD5'], 'still-there': 'OK', 'with-checksum': ['kept-too'] });
  });
});

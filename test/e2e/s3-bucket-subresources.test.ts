// The bucket and object subresources real clients probe, against a started `podiam serve` with the
// AWS CLI and boto3: ACLs as S3 answers with Object Ownership "bucket owner enforced" (reads show the
// owner's FULL_CONTROL; writes pass only when they grant nothing more), versioning as an unversioned
// bucket answers (versionId null, NoSuchVersion, InvalidArgument, ListObjectVersions paging), the
// configuration GETs with S3's "not configured" answers, and NotImplemented for what podiam does
// not do — never another operation in its place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { succeeded } from './support/aws-cli.ts';
import { awsAsync, pythonAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;
let body: string;

function failed(r: { status: number; stderr: string }): string {
  expect(r.status).not.toBe(0);
  return r.stderr.trim();
}

const s3api = (...args: string[]) => awsAsync(['s3api', ...args], podiam.env);

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-subresources-'));
  body = join(tmp, 'body.txt');
  writeFileSync(body, 'hello');
  succeeded(await s3api('create-bucket', '--bucket', 'pics'));
  succeeded(await s3api('put-object', '--bucket', 'pics', '--key', 'cat.jpg', '--body', body));
});

afterAll(async () => {
  await podiam?.stop();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('ACLs with Object Ownership "bucket owner enforced" (Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket")', () => {
  it('GetBucketAcl and GetObjectAcl show the owner (the canonical ID ListBuckets shows) with FULL_CONTROL; Object Ownership is BucketOwnerEnforced', async () => {
    const [buckets, bucketAcl] = await Promise.all([s3api('list-buckets'), s3api('get-bucket-acl', '--bucket', 'pics')]);
    const owner = succeeded<{ Owner: { ID: string } }>(buckets).Owner.ID;
    expect(owner).toMatch(/^[0-9a-f]{64}$/);
    const expected = { Owner: { ID: owner }, Grants: [{ Grantee: { ID: owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] };
    expect(succeeded(bucketAcl)).toEqual(expected);
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
acl = s3.get_object_acl(Bucket='pics', Key='cat.jpg')
print(json.dumps({'object': {'Owner': acl['Owner'], 'Grants': acl['Grants']}, 'ownership': s3.get_bucket_ownership_controls(Bucket='pics')['OwnershipControls']}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({ object: expected, ownership: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
  });

  it('ACL writes that give the owner full control and nothing more succeed; any other is AccessControlListNotSupported', async () => {
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
owner = s3.get_bucket_acl(Bucket='pics')['Owner']['ID']
def code(f):
    try:
        f()
        return 'ok'
    except s3.exceptions.ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'], e.response['Error']['Message']]
mine = {'Owner': {'ID': owner}, 'Grants': [{'Grantee': {'Type': 'CanonicalUser', 'ID': owner}, 'Permission': 'FULL_CONTROL'}]}
everyone = {'Owner': {'ID': owner}, 'Grants': [{'Grantee': {'Type': 'Group', 'URI': 'http://acs.amazonaws.com/groups/global/AllUsers'}, 'Permission': 'READ'}]}
print(json.dumps({
  'privateBucket': code(lambda: s3.put_bucket_acl(Bucket='pics', ACL='private')),
  'ownerPolicy': code(lambda: s3.put_bucket_acl(Bucket='pics', AccessControlPolicy=mine)),
  'ownerGrant': code(lambda: s3.put_object_acl(Bucket='pics', Key='cat.jpg', GrantFullControl='id=' + owner)),
  'ownerFullControlPut': code(lambda: s3.put_object(Bucket='pics', Key='owned.txt', Body=b'x', ACL='bucket-owner-full-control')),
  'enforcedOwnership': code(lambda: s3.put_bucket_ownership_controls(Bucket='pics', OwnershipControls={'Rules': [{'ObjectOwnership': 'BucketOwnerEnforced'}]})),
  'publicBucket': code(lambda: s3.put_bucket_acl(Bucket='pics', ACL='public-read')),
  'everyonePolicy': code(lambda: s3.put_bucket_acl(Bucket='pics', AccessControlPolicy=everyone)),
  'readGrant': code(lambda: s3.put_object_acl(Bucket='pics', Key='cat.jpg', GrantRead='uri=http://acs.amazonaws.com/groups/global/AllUsers')),
  'missingObject': code(lambda: s3.put_object_acl(Bucket='pics', Key='none', ACL='private')),
  'writerOwnership': code(lambda: s3.put_bucket_ownership_controls(Bucket='pics', OwnershipControls={'Rules': [{'ObjectOwnership': 'ObjectWriter'}]}))[:2],
  'publicCopy': code(lambda: s3.copy_object(Bucket='pics', Key='copy.jpg', CopySource='pics/cat.jpg', ACL='public-read')),
  'publicUpload': code(lambda: s3.create_multipart_upload(Bucket='pics', Key='mp', ACL='public-read-write')),
  'notStored': code(lambda: s3.head_object(Bucket='pics', Key='copy.jpg')),
}))
`;
    const refused = [400, 'AccessControlListNotSupported', 'The bucket does not allow ACLs'];
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      privateBucket: 'ok',
      ownerPolicy: 'ok',
      ownerGrant: 'ok',
      ownerFullControlPut: 'ok',
      enforcedOwnership: 'ok',
      publicBucket: refused,
      everyonePolicy: refused,
      readGrant: refused,
      missingObject: [404, 'NoSuchKey', 'The specified key does not exist.'],
      writerOwnership: [501, 'NotImplemented'],
      publicCopy: refused,
      publicUpload: refused,
      notStored: [404, '404', 'Not Found'],
    });
    // The AWS CLI's own words for a public-read upload.
    const put = await s3api('put-object', '--bucket', 'pics', '--key', 'public.txt', '--body', body, '--acl', 'public-read');
    expect(failed(put)).toBe('An error occurred (AccessControlListNotSupported) when calling the PutObject operation: The bucket does not allow ACLs');
  });

  it('CreateBucket with a public ACL is InvalidBucketAclWithObjectOwnership and creates nothing; ACL-enabling Object Ownership is NotImplemented', async () => {
    const publicBucket = await s3api('create-bucket', '--bucket', 'public-pics', '--acl', 'public-read');
    expect(failed(publicBucket)).toBe("An error occurred (InvalidBucketAclWithObjectOwnership) when calling the CreateBucket operation: Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
out = {}
try:
    s3.create_bucket(Bucket='writer-pics', ObjectOwnership='ObjectWriter')
except s3.exceptions.ClientError as e:
    out['writer'] = [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code']]
s3.create_bucket(Bucket='enforced-pics', ACL='private', ObjectOwnership='BucketOwnerEnforced')
out['buckets'] = sorted(b['Name'] for b in s3.list_buckets()['Buckets'])
print(json.dumps(out))
`;
    const out = succeeded<{ writer: unknown; buckets: string[] }>(await pythonAsync(script, podiam.env));
    expect(out.writer).toEqual([501, 'NotImplemented']);
    expect(out.buckets).toContain('enforced-pics');
    expect(out.buckets).not.toContain('public-pics');
    expect(out.buckets).not.toContain('writer-pics');
  });
});

describe('Versioning as an unversioned bucket answers (Amazon S3 User Guide, "How S3 Versioning works")', () => {
  it('GetBucketVersioning is empty; PutBucketVersioning Enabled or Suspended is NotImplemented (501), not pretended', async () => {
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
got = s3.get_bucket_versioning(Bucket='pics')
out = {'keys': sorted(k for k in got if k != 'ResponseMetadata'), 'status': got['ResponseMetadata']['HTTPStatusCode']}
for status in ['Enabled', 'Suspended']:
    try:
        s3.put_bucket_versioning(Bucket='pics', VersioningConfiguration={'Status': status})
        out[status] = 'accepted'
    except s3.exceptions.ClientError as e:
        out[status] = [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'], e.response['Error']['Message']]
out['after'] = sorted(k for k in s3.get_bucket_versioning(Bucket='pics') if k != 'ResponseMetadata')
print(json.dumps(out))
`;
    const out = succeeded<Record<string, unknown>>(await pythonAsync(script, podiam.env));
    expect(out).toMatchObject({ keys: [], status: 200, after: [] });
    for (const status of ['Enabled', 'Suspended']) {
      expect(out[status]).toEqual([501, 'NotImplemented', expect.stringContaining('podiam keeps no object versions')]);
    }
  });

  it('versionId null is the object (read, tags, delete); a well-formed other is NoSuchVersion, a malformed one InvalidArgument', async () => {
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
s3.put_object(Bucket='pics', Key='v.txt', Body=b'version null')
def code(f):
    try:
        f()
        return 'ok'
    except s3.exceptions.ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'], e.response['Error'].get('Message')]
other = 'Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw'
out = {
  'get': s3.get_object(Bucket='pics', Key='v.txt', VersionId='null')['Body'].read().decode(),
  'tags': s3.get_object_tagging(Bucket='pics', Key='v.txt', VersionId='null')['TagSet'],
  'otherGet': code(lambda: s3.get_object(Bucket='pics', Key='v.txt', VersionId=other)),
  'otherHead': code(lambda: s3.head_object(Bucket='pics', Key='v.txt', VersionId=other)),
  'otherTags': code(lambda: s3.get_object_tagging(Bucket='pics', Key='v.txt', VersionId=other)),
  'malformed': code(lambda: s3.get_object(Bucket='pics', Key='v.txt', VersionId='123')),
  'otherDelete': s3.delete_object(Bucket='pics', Key='v.txt', VersionId=other).get('VersionId'),
  'stillThere': code(lambda: s3.head_object(Bucket='pics', Key='v.txt')),
  'nullDelete': s3.delete_object(Bucket='pics', Key='v.txt', VersionId='null').get('VersionId'),
  'gone': code(lambda: s3.head_object(Bucket='pics', Key='v.txt')),
}
print(json.dumps(out))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      get: 'version null',
      tags: [],
      otherGet: [404, 'NoSuchVersion', 'The specified version does not exist.'],
      otherHead: [404, '404', 'Not Found'],
      otherTags: [404, 'NoSuchVersion', 'The specified version does not exist.'],
      malformed: [400, 'InvalidArgument', 'Invalid version id specified'],
      otherDelete: 'Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw',
      stillThere: 'ok',
      nullDelete: 'null',
      gone: [404, '404', 'Not Found'],
    });
  });

  it('ListObjectVersions lists each object as its null, latest version, pages by key marker, rolls up by delimiter', async () => {
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
s3.create_bucket(Bucket='versions')
for k in ['a/1', 'a/2', 'b', 'c', 'd', 'e']:
    s3.put_object(Bucket='versions', Key=k, Body=b'x')
pages = list(s3.get_paginator('list_object_versions').paginate(Bucket='versions', Delimiter='/', PaginationConfig={'PageSize': 2}))
first = s3.list_object_versions(Bucket='versions', MaxKeys=2)
def code(f):
    try:
        f()
        return 'ok'
    except s3.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message']]
print(json.dumps({
  'pages': [[v['Key'] for v in p.get('Versions', [])] + [c['Prefix'] for c in p.get('CommonPrefixes', [])] for p in pages],
  'version': {k: first['Versions'][0][k] for k in ['Key', 'VersionId', 'IsLatest', 'Size', 'StorageClass']},
  'deleteMarkers': 'DeleteMarkers' in first,
  'next': [first['IsTruncated'], first['NextKeyMarker'], first['NextVersionIdMarker']],
  'afterMarker': [v['Key'] for v in s3.list_object_versions(Bucket='versions', KeyMarker='c', VersionIdMarker='null')['Versions']],
  'markerWithoutKey': code(lambda: s3.list_object_versions(Bucket='versions', VersionIdMarker='null')),
  'otherMarker': code(lambda: s3.list_object_versions(Bucket='versions', KeyMarker='a', VersionIdMarker='Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw')),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      pages: [['b', 'a/'], ['c', 'd'], ['e']],
      version: { Key: 'a/1', VersionId: 'null', IsLatest: true, Size: 1, StorageClass: 'STANDARD' },
      deleteMarkers: false,
      next: [true, 'a/2', 'null'],
      afterMarker: ['d', 'e'],
      markerWithoutKey: ['InvalidArgument', 'A version-id marker cannot be specified without a key marker.'],
      otherMarker: ['InvalidArgument', 'Invalid version id specified'],
    });
  });
});

describe('Bucket configurations podiam does not keep read as S3 answers when they were never set (Amazon S3 API Reference, each action\'s "Errors")', () => {
  it('CORS, lifecycle, website, replication and Object Lock are not found (404 with S3\'s codes)', async () => {
    const cors = await s3api('get-bucket-cors', '--bucket', 'pics');
    expect(failed(cors)).toBe('An error occurred (NoSuchCORSConfiguration) when calling the GetBucketCors operation: The CORS configuration does not exist');
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
def code(f):
    try:
        f()
        return 'ok'
    except s3.exceptions.ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'], e.response['Error']['Message'], e.response['Error'].get('BucketName')]
print(json.dumps({
  'lifecycle': code(lambda: s3.get_bucket_lifecycle_configuration(Bucket='pics')),
  'website': code(lambda: s3.get_bucket_website(Bucket='pics')),
  'replication': code(lambda: s3.get_bucket_replication(Bucket='pics')),
  'objectLock': code(lambda: s3.get_object_lock_configuration(Bucket='pics')),
  'noBucket': code(lambda: s3.get_bucket_cors(Bucket='no-such-bucket-here'))[:2],
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      lifecycle: [404, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 'pics'],
      website: [404, 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', 'pics'],
      replication: [404, 'ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 'pics'],
      objectLock: [404, 'ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 'pics'],
      noBucket: [404, 'NoSuchBucket'],
    });
  });

  it('encryption is SSE-S3 without a bucket key; logging, notifications and acceleration are empty; the bucket owner pays', async () => {
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
strip = lambda r: {k: v for k, v in r.items() if k != 'ResponseMetadata'}
print(json.dumps({
  'encryption': strip(s3.get_bucket_encryption(Bucket='pics')),
  'logging': strip(s3.get_bucket_logging(Bucket='pics')),
  'payment': strip(s3.get_bucket_request_payment(Bucket='pics')),
  'notification': strip(s3.get_bucket_notification_configuration(Bucket='pics')),
  'accelerate': strip(s3.get_bucket_accelerate_configuration(Bucket='pics')),
}))
`;
    expect(succeeded(await pythonAsync(script, podiam.env))).toEqual({
      encryption: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] } },
      logging: {},
      payment: { Payer: 'BucketOwner' },
      notification: {},
      accelerate: {},
    });
  });

  it('setting what podiam does not keep is NotImplemented (501), and nothing else happens in its place', async () => {
    const cors = await s3api('put-bucket-cors', '--bucket', 'pics', '--cors-configuration', 'CORSRules=[{AllowedMethods=[GET],AllowedOrigins=[*]}]');
    expect(failed(cors)).toBe('An error occurred (NotImplemented) when calling the PutBucketCors operation: A header or query you provided implies functionality that is not implemented.');
    const script = String.raw`
import boto3, json
s3 = boto3.client('s3')
def code(f):
    try:
        f()
        return 'ok'
    except s3.exceptions.ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code']]
calls = {
  'DeleteBucketCors': lambda: s3.delete_bucket_cors(Bucket='pics'),
  'DeleteBucketLifecycle': lambda: s3.delete_bucket_lifecycle(Bucket='pics'),
  'DeleteBucketWebsite': lambda: s3.delete_bucket_website(Bucket='pics'),
  'DeleteBucketEncryption': lambda: s3.delete_bucket_encryption(Bucket='pics'),
  'DeleteBucketReplication': lambda: s3.delete_bucket_replication(Bucket='pics'),
  'DeleteBucketOwnershipControls': lambda: s3.delete_bucket_ownership_controls(Bucket='pics'),
  'PutBucketLifecycleConfiguration': lambda: s3.put_bucket_lifecycle_configuration(Bucket='pics', LifecycleConfiguration={'Rules': [{'ID': 'r', 'Status': 'Enabled', 'Filter': {'Prefix': ''}, 'Expiration': {'Days': 1}}]}),
  'PutBucketWebsite': lambda: s3.put_bucket_website(Bucket='pics', WebsiteConfiguration={'IndexDocument': {'Suffix': 'index.html'}}),
  'PutBucketEncryption': lambda: s3.put_bucket_encryption(Bucket='pics', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms'}}]}),
  'PutBucketLogging': lambda: s3.put_bucket_logging(Bucket='pics', BucketLoggingStatus={}),
  'PutBucketRequestPayment': lambda: s3.put_bucket_request_payment(Bucket='pics', RequestPaymentConfiguration={'Payer': 'Requester'}),
  'PutBucketNotificationConfiguration': lambda: s3.put_bucket_notification_configuration(Bucket='pics', NotificationConfiguration={}),
  'PutObjectRetention': lambda: s3.put_object_retention(Bucket='pics', Key='cat.jpg', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': '2030-01-01T00:00:00Z'}),
  'PutObjectLegalHold': lambda: s3.put_object_legal_hold(Bucket='pics', Key='cat.jpg', LegalHold={'Status': 'ON'}),
  'RestoreObject': lambda: s3.restore_object(Bucket='pics', Key='cat.jpg', RestoreRequest={'Days': 1}),
  'SelectObjectContent': lambda: s3.select_object_content(Bucket='pics', Key='cat.jpg', Expression='select * from s3object', ExpressionType='SQL', InputSerialization={'CSV': {}}, OutputSerialization={'CSV': {}}),
}
out = {name: code(f) for name, f in calls.items()}
out['stillThere'] = code(lambda: s3.head_object(Bucket='pics', Key='cat.jpg'))
print(json.dumps(out))
`;
    const out = succeeded<Record<string, unknown>>(await pythonAsync(script, podiam.env));
    const { stillThere, ...refused } = out;
    expect(Object.keys(refused)).toHaveLength(16);
    for (const [name, result] of Object.entries(refused)) expect(result, name).toEqual([501, 'NotImplemented']);
    // DELETE ?cors, ?lifecycle, ?website, ... were not DeleteBucket: the bucket and its object are still there.
    expect(stillThere).toBe('ok');
    // A browser-form POST to the bucket (PostObject) is not implemented either.
    const post = await fetch(`${podiam.url}/pics`, { method: 'POST', body: new URLSearchParams({ key: 'form.txt' }) });
    expect(post.status).toBe(501);
    expect(await post.text()).toContain('<Code>NotImplemented</Code>');
  });
});

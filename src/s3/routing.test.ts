import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { serviceCatalog } from '../catalog/index.ts';
import { s3Address } from './addressing.ts';
import { resourceArn, S3_OPERATIONS, type S3OperationName } from './operations.ts';
import { routeS3Request } from './routing.ts';

interface Case {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly operation: S3OperationName;
  readonly action: string;
  readonly resource: string;
}

// Amazon S3 User Guide, "Required permissions for Amazon S3 API operations".
const CASES: readonly Case[] = [
  { method: 'GET', url: '/', operation: 'ListBuckets', action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::*' },
  { method: 'PUT', url: '/pics', operation: 'CreateBucket', action: 's3:CreateBucket', resource: 'arn:aws:s3:::pics' },
  { method: 'HEAD', url: '/pics', operation: 'HeadBucket', action: 's3:ListBucket', resource: 'arn:aws:s3:::pics' },
  { method: 'DELETE', url: '/pics', operation: 'DeleteBucket', action: 's3:DeleteBucket', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?location', operation: 'GetBucketLocation', action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?tagging', operation: 'GetBucketTagging', action: 's3:GetBucketTagging', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?tagging', operation: 'PutBucketTagging', action: 's3:PutBucketTagging', resource: 'arn:aws:s3:::pics' },
  { method: 'DELETE', url: '/pics?tagging', operation: 'DeleteBucketTagging', action: 's3:PutBucketTagging', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?policy', operation: 'GetBucketPolicy', action: 's3:GetBucketPolicy', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?policy', operation: 'PutBucketPolicy', action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::pics' },
  { method: 'DELETE', url: '/pics?policy', operation: 'DeleteBucketPolicy', action: 's3:DeleteBucketPolicy', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?policyStatus', operation: 'GetBucketPolicyStatus', action: 's3:GetBucketPolicyStatus', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?publicAccessBlock', operation: 'GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?publicAccessBlock', operation: 'PutPublicAccessBlock', action: 's3:PutBucketPublicAccessBlock', resource: 'arn:aws:s3:::pics' },
  { method: 'DELETE', url: '/pics?publicAccessBlock', operation: 'DeletePublicAccessBlock', action: 's3:PutBucketPublicAccessBlock', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?prefix=a%2F&delimiter=%2F', operation: 'ListObjects', action: 's3:ListBucket', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?list-type=2&prefix=a', operation: 'ListObjectsV2', action: 's3:ListBucket', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?uploads', operation: 'ListMultipartUploads', action: 's3:ListBucketMultipartUploads', resource: 'arn:aws:s3:::pics' },
  { method: 'POST', url: '/pics?delete', operation: 'DeleteObjects', action: 's3:DeleteObject', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics/indoor-cat.jpg', operation: 'PutObject', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'PUT', url: '/pics/copy.jpg', headers: { 'x-amz-copy-source': '/pics/indoor-cat.jpg' }, operation: 'CopyObject', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/copy.jpg' },
  { method: 'GET', url: '/pics/indoor-cat.jpg', operation: 'GetObject', action: 's3:GetObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'HEAD', url: '/pics/indoor-cat.jpg', operation: 'HeadObject', action: 's3:GetObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'DELETE', url: '/pics/indoor-cat.jpg', operation: 'DeleteObject', action: 's3:DeleteObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'GET', url: '/pics/indoor-cat.jpg?tagging', operation: 'GetObjectTagging', action: 's3:GetObjectTagging', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'GET', url: '/pics/indoor-cat.jpg?attributes', operation: 'GetObjectAttributes', action: 's3:GetObjectAttributes', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'PUT', url: '/pics/indoor-cat.jpg?tagging', operation: 'PutObjectTagging', action: 's3:PutObjectTagging', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'DELETE', url: '/pics/indoor-cat.jpg?tagging', operation: 'DeleteObjectTagging', action: 's3:DeleteObjectTagging', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' },
  { method: 'POST', url: '/pics/big.bin?uploads', operation: 'CreateMultipartUpload', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'PUT', url: '/pics/big.bin?partNumber=2&uploadId=u', operation: 'UploadPart', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'POST', url: '/pics/big.bin?uploadId=u', operation: 'CompleteMultipartUpload', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'DELETE', url: '/pics/big.bin?uploadId=u', operation: 'AbortMultipartUpload', action: 's3:AbortMultipartUpload', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'GET', url: '/pics/big.bin?uploadId=u', operation: 'ListParts', action: 's3:ListMultipartUploadParts', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'GET', url: '/photos%202024/a%2Bb/c%20d.jpg', operation: 'GetObject', action: 's3:GetObject', resource: 'arn:aws:s3:::photos 2024/a+b/c d.jpg' },
  { method: 'PUT', url: '/pics/big.bin?partNumber=1&uploadId=u', headers: { 'x-amz-copy-source': '/src/big.bin' }, operation: 'UploadPartCopy', action: 's3:PutObject', resource: 'arn:aws:s3:::pics/big.bin' },
  { method: 'GET', url: '/pics?acl', operation: 'GetBucketAcl', action: 's3:GetBucketAcl', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?acl', operation: 'PutBucketAcl', action: 's3:PutBucketAcl', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics/k?acl', operation: 'GetObjectAcl', action: 's3:GetObjectAcl', resource: 'arn:aws:s3:::pics/k' },
  { method: 'PUT', url: '/pics/k?acl', operation: 'PutObjectAcl', action: 's3:PutObjectAcl', resource: 'arn:aws:s3:::pics/k' },
  { method: 'GET', url: '/pics?ownershipControls', operation: 'GetBucketOwnershipControls', action: 's3:GetBucketOwnershipControls', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?ownershipControls', operation: 'PutBucketOwnershipControls', action: 's3:PutBucketOwnershipControls', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?versioning', operation: 'GetBucketVersioning', action: 's3:GetBucketVersioning', resource: 'arn:aws:s3:::pics' },
  { method: 'PUT', url: '/pics?versioning', operation: 'PutBucketVersioning', action: 's3:PutBucketVersioning', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?versions&prefix=a', operation: 'ListObjectVersions', action: 's3:ListBucketVersions', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?cors', operation: 'GetBucketCors', action: 's3:GetBucketCORS', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?lifecycle', operation: 'GetBucketLifecycleConfiguration', action: 's3:GetLifecycleConfiguration', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?website', operation: 'GetBucketWebsite', action: 's3:GetBucketWebsite', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?encryption', operation: 'GetBucketEncryption', action: 's3:GetEncryptionConfiguration', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?logging', operation: 'GetBucketLogging', action: 's3:GetBucketLogging', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?requestPayment', operation: 'GetBucketRequestPayment', action: 's3:GetBucketRequestPayment', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?notification', operation: 'GetBucketNotificationConfiguration', action: 's3:GetBucketNotification', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?object-lock', operation: 'GetObjectLockConfiguration', action: 's3:GetBucketObjectLockConfiguration', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?accelerate', operation: 'GetBucketAccelerateConfiguration', action: 's3:GetAccelerateConfiguration', resource: 'arn:aws:s3:::pics' },
  { method: 'GET', url: '/pics?replication', operation: 'GetBucketReplication', action: 's3:GetReplicationConfiguration', resource: 'arn:aws:s3:::pics' },
];

function route(c: Pick<Case, 'method' | 'url' | 'headers'>, host = '127.0.0.1:4577') {
  const q = c.url.indexOf('?');
  const address = s3Address(q < 0 ? c.url : c.url.slice(0, q), host);
  if (isAwsError(address)) throw address;
  const name = routeS3Request(c.method, address, new URLSearchParams(q < 0 ? '' : c.url.slice(q + 1)), c.headers ?? {});
  if (isAwsError(name)) return { error: name.code };
  const spec = S3_OPERATIONS[name];
  return { operation: name, action: spec.action, resource: resourceArn(spec.scope, address.bucket, address.key) };
}

describe('Each request is authorized as its IAM action on its resource ARN (Amazon S3 User Guide, "Required permissions for Amazon S3 API operations")', () => {
  for (const c of CASES) {
    it(`${c.method} ${c.url} is ${c.operation}: ${c.action} on ${c.resource}`, () => {
      expect(route(c)).toEqual({ operation: c.operation, action: c.action, resource: c.resource });
    });
  }

  it('every operation is covered by the table above', () => {
    expect(new Set(CASES.map((c) => c.operation))).toEqual(new Set(Object.keys(S3_OPERATIONS)));
  });

  it('every action exists in the Service Authorization Reference, with the resource type the operation names', () => {
    const catalog = serviceCatalog();
    for (const spec of Object.values(S3_OPERATIONS)) {
      const action = catalog.action('s3', spec.action.slice(3));
      expect(action?.name, spec.action).toBe(spec.action.slice(3));
      const types = action?.resourceTypes.map((t) => t.name) ?? [];
      // DeleteObjects addresses the bucket and authorizes s3:DeleteObject on each key it names.
      const authorizedOn = spec.name === 'DeleteObjects' ? 'object' : spec.scope;
      if (authorizedOn === 'service') expect(types).toEqual([]);
      else expect(types, spec.name).toContain(authorizedOn);
    }
  });

});

describe('Subresources choose the operation; the method alone never does (Amazon S3 API Reference, each action\'s "Request Syntax")', () => {
  it.each([
    ['PUT', '/pics?cors'],
    ['DELETE', '/pics?cors'],
    ['PUT', '/pics?lifecycle'],
    ['DELETE', '/pics?lifecycle'],
    ['PUT', '/pics?website'],
    ['PUT', '/pics?replication'],
    ['PUT', '/pics?encryption'],
    ['PUT', '/pics?notification'],
    ['PUT', '/pics?logging'],
    ['GET', '/pics?inventory&id=x'],
    ['DELETE', '/pics?metrics&id=x'],
    ['DELETE', '/pics?ownershipControls'],
    ['POST', '/pics'],
    ['PUT', '/pics/k?retention'],
    ['PUT', '/pics/k?legal-hold'],
    ['POST', '/pics/k?restore'],
    ['POST', '/pics/k?select&select-type=2'],
    ['GET', '/pics/k?versioning'],
    ['DELETE', '/pics/k?cors'],
  ])('%s %s is NotImplemented, not the operation of its method', (method, url) => {
    expect(route({ method, url })).toEqual({ error: 'NotImplemented' });
  });

  it.each([
    ['DELETE', '/pics?location'],
    ['PUT', '/pics?versions'],
    ['DELETE', '/pics?uploads'],
    ['GET', '/pics?delete'],
    ['PUT', '/pics/k?uploads'],
    ['POST', '/pics?acl'],
    ['POST', '/pics/k'],
    ['PUT', '/'],
  ])('%s %s: a method S3 does not define there is MethodNotAllowed', (method, url) => {
    expect(route({ method, url })).toEqual({ error: 'MethodNotAllowed' });
  });

  it('parameters that are no subresource leave the operation to the method (x-id, versionId, partNumber, response-*)', () => {
    expect(route({ method: 'GET', url: '/pics/k?x-id=GetObject&versionId=null&partNumber=2&response-content-type=a' })).toMatchObject({ operation: 'GetObject' });
    expect(route({ method: 'DELETE', url: '/pics/k?versionId=null' })).toMatchObject({ operation: 'DeleteObject' });
    expect(route({ method: 'PUT', url: '/pics/k?x-id=PutObject' })).toMatchObject({ operation: 'PutObject' });
    expect(route({ method: 'GET', url: '/pics?list-type=2&fetch-owner=true&x-id=ListObjectsV2' })).toMatchObject({ operation: 'ListObjectsV2' });
    expect(route({ method: 'HEAD', url: '/pics/k?versionId=null&partNumber=1' })).toMatchObject({ operation: 'HeadObject' });
  });
});

describe('Virtual-hosted and path-style addressing (Amazon S3 User Guide, "Virtual hosting of general purpose buckets")', () => {
  it('BUCKET.localhost:PORT and BUCKET.s3.<region>.amazonaws.com name the bucket; the path is the key', () => {
    expect(route({ method: 'GET', url: '/indoor-cat.jpg' }, 'pics.localhost:4577')).toMatchObject({ operation: 'GetObject', resource: 'arn:aws:s3:::pics/indoor-cat.jpg' });
    expect(route({ method: 'GET', url: '/?list-type=2' }, 'my.pics.s3.us-east-1.amazonaws.com')).toMatchObject({ operation: 'ListObjectsV2', resource: 'arn:aws:s3:::my.pics' });
    expect(route({ method: 'PUT', url: '/' }, 'pics.s3.podiam.example')).toMatchObject({ operation: 'CreateBucket' });
  });

  it('IP addresses, localhost and other hosts are path-style; a bad escape is InvalidURI', () => {
    expect(route({ method: 'GET', url: '/pics/k' }, 'localhost:4577')).toMatchObject({ resource: 'arn:aws:s3:::pics/k' });
    expect(route({ method: 'GET', url: '/pics/k' }, '[::1]:4577')).toMatchObject({ resource: 'arn:aws:s3:::pics/k' });
    expect(route({ method: 'GET', url: '/' }, 's3.amazonaws.com')).toMatchObject({ operation: 'ListBuckets' });
    const bad = s3Address('/pics/%E0%A4%A', '127.0.0.1');
    expect(isAwsError(bad) && bad.code).toBe('InvalidURI');
  });
});

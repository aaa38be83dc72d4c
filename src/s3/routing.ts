// From a request's method, address and subresources to the S3 operation it calls (Amazon S3 API
// Reference, each action's "Request Syntax"). Subresources S3 has but podiam does not serve
// (?acl, ?versioning, ?cors, ...) are NotImplemented, never mistaken for another operation.
import { awsError, type AwsError } from '../aws/index.ts';
import type { S3Address } from './addressing.ts';
import type { S3OperationName } from './operations.ts';

/** S3 subresources podiam does not serve. */
const UNSUPPORTED = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metadataConfiguration',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'torrent',
  'versioning',
  'versions',
  'website',
];

const notImplemented = (): AwsError => awsError('NotImplemented');
const methodNotAllowed = (method: string): AwsError =>
  awsError('MethodNotAllowed', undefined, { fields: { Method: method, ResourceType: 'OBJECT' } });

/** The operation a request calls, or S3's refusal (MethodNotAllowed, NotImplemented). */
export function routeS3Request(
  method: string,
  address: S3Address,
  query: URLSearchParams,
  headers: { readonly [name: string]: string | string[] | undefined },
): S3OperationName | AwsError {
  if (UNSUPPORTED.some((name) => query.has(name))) return notImplemented();
  if (address.bucket === undefined) {
    return method === 'GET' ? 'ListBuckets' : methodNotAllowed(method);
  }
  if (address.key === undefined) return bucketOperation(method, query);
  return objectOperation(method, query, headers['x-amz-copy-source'] !== undefined);
}

function bucketOperation(method: string, query: URLSearchParams): S3OperationName | AwsError {
  switch (method) {
    case 'GET':
      if (query.has('location')) return 'GetBucketLocation';
      if (query.has('tagging')) return 'GetBucketTagging';
      if (query.has('policy')) return 'GetBucketPolicy';
      if (query.has('policyStatus')) return 'GetBucketPolicyStatus';
      if (query.has('publicAccessBlock')) return 'GetPublicAccessBlock';
      if (query.has('uploads')) return 'ListMultipartUploads';
      if (query.get('list-type') === '2') return 'ListObjectsV2';
      return 'ListObjects';
    case 'HEAD':
      return 'HeadBucket';
    case 'PUT':
      if (query.has('tagging')) return 'PutBucketTagging';
      if (query.has('policy')) return 'PutBucketPolicy';
      if (query.has('publicAccessBlock')) return 'PutPublicAccessBlock';
      return 'CreateBucket';
    case 'DELETE':
      if (query.has('tagging')) return 'DeleteBucketTagging';
      if (query.has('policy')) return 'DeleteBucketPolicy';
      if (query.has('publicAccessBlock')) return 'DeletePublicAccessBlock';
      return 'DeleteBucket';
    case 'POST':
      if (query.has('delete')) return 'DeleteObjects';
      return methodNotAllowed(method);
    default:
      return methodNotAllowed(method);
  }
}

function objectOperation(method: string, query: URLSearchParams, copy: boolean): S3OperationName | AwsError {
  switch (method) {
    case 'GET':
      if (query.has('tagging')) return 'GetObjectTagging';
      if (query.has('uploadId')) return 'ListParts';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (query.has('tagging')) return 'PutObjectTagging';
      if (query.has('uploadId') || query.has('partNumber')) return copy ? notImplemented() : 'UploadPart';
      return copy ? 'CopyObject' : 'PutObject';
    case 'DELETE':
      if (query.has('tagging')) return 'DeleteObjectTagging';
      if (query.has('uploadId')) return 'AbortMultipartUpload';
      return 'DeleteObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      if (query.has('uploadId')) return 'CompleteMultipartUpload';
      return methodNotAllowed(method);
    default:
      return methodNotAllowed(method);
  }
}

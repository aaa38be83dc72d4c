// From a request's method, address and subresources to the S3 operation it calls (Amazon S3 API
// Reference, each action's "Request Syntax"). The subresource tables list every subresource S3 has
// on a bucket and on an object with the methods S3 defines for it: a method podiam answers names its
// operation, one it does not is NotImplemented (null); a method S3 does not define for the
// subresource is MethodNotAllowed, and a subresource of the other kind (`?versioning` on an object)
// is NotImplemented — so no request is ever mistaken for the operation its method alone would name
// (`DELETE /bucket?cors` is not DeleteBucket). Query parameters that are no subresource (prefix,
// versionId, partNumber, response-*, the SDKs' x-id, ...) do not choose the operation. A POST to a
// bucket without a subresource is a browser-form upload (PostObject), not implemented.
import { awsError, type AwsError } from '../aws/index.ts';
import type { S3Address } from './addressing.ts';
import type { S3OperationName } from './operations.ts';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** The methods S3 defines on one subresource: podiam's operation, or null when podiam does not implement it. */
type SubresourceRoutes = { readonly [M in Method]?: S3OperationName | null };

const NI = null;
const CONFIGURATION = { GET: NI, PUT: NI, DELETE: NI } as const;

/** Every subresource of a bucket. */
const BUCKET_SUBRESOURCES: Readonly<Record<string, SubresourceRoutes>> = {
  abac: { GET: NI, PUT: NI },
  accelerate: { GET: 'GetBucketAccelerateConfiguration', PUT: NI },
  acl: { GET: 'GetBucketAcl', PUT: 'PutBucketAcl' },
  analytics: CONFIGURATION,
  cors: { GET: 'GetBucketCors', PUT: NI, DELETE: NI },
  delete: { POST: 'DeleteObjects' },
  encryption: { GET: 'GetBucketEncryption', PUT: NI, DELETE: NI },
  'intelligent-tiering': CONFIGURATION,
  inventory: CONFIGURATION,
  lifecycle: { GET: 'GetBucketLifecycleConfiguration', PUT: NI, DELETE: NI },
  location: { GET: 'GetBucketLocation' },
  logging: { GET: 'GetBucketLogging', PUT: NI },
  metadataConfiguration: { GET: NI, POST: NI, DELETE: NI },
  metadataInventoryTable: { PUT: NI },
  metadataJournalTable: { PUT: NI },
  metadataTable: { GET: NI, POST: NI, DELETE: NI },
  metrics: CONFIGURATION,
  notification: { GET: 'GetBucketNotificationConfiguration', PUT: NI },
  'object-lock': { GET: 'GetObjectLockConfiguration', PUT: NI },
  ownershipControls: { GET: 'GetBucketOwnershipControls', PUT: 'PutBucketOwnershipControls', DELETE: NI },
  policy: { GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' },
  policyStatus: { GET: 'GetBucketPolicyStatus' },
  publicAccessBlock: { GET: 'GetPublicAccessBlock', PUT: 'PutPublicAccessBlock', DELETE: 'DeletePublicAccessBlock' },
  replication: { GET: 'GetBucketReplication', PUT: NI, DELETE: NI },
  requestPayment: { GET: 'GetBucketRequestPayment', PUT: NI },
  session: { GET: NI },
  tagging: { GET: 'GetBucketTagging', PUT: 'PutBucketTagging', DELETE: 'DeleteBucketTagging' },
  uploads: { GET: 'ListMultipartUploads' },
  versioning: { GET: 'GetBucketVersioning', PUT: 'PutBucketVersioning' },
  versions: { GET: 'ListObjectVersions' },
  website: { GET: 'GetBucketWebsite', PUT: NI, DELETE: NI },
};

/** Every subresource of an object. UploadPart becomes UploadPartCopy with `x-amz-copy-source`. */
const OBJECT_SUBRESOURCES: Readonly<Record<string, SubresourceRoutes>> = {
  acl: { GET: 'GetObjectAcl', PUT: 'PutObjectAcl' },
  attributes: { GET: 'GetObjectAttributes' },
  'legal-hold': { GET: NI, PUT: NI },
  renameObject: { PUT: NI },
  restore: { POST: NI },
  retention: { GET: NI, PUT: NI },
  select: { POST: NI },
  tagging: { GET: 'GetObjectTagging', PUT: 'PutObjectTagging', DELETE: 'DeleteObjectTagging' },
  torrent: { GET: NI },
  uploadId: { GET: 'ListParts', PUT: 'UploadPart', POST: 'CompleteMultipartUpload', DELETE: 'AbortMultipartUpload' },
  uploads: { POST: 'CreateMultipartUpload' },
};

const notImplemented = (): AwsError => awsError('NotImplemented', 'A header or query you provided implies functionality that is not implemented.');
const methodNotAllowed = (method: string, resourceType: string): AwsError =>
  awsError('MethodNotAllowed', undefined, { fields: { Method: method, ResourceType: resourceType } });

function isMethod(method: string): method is Method {
  return method === 'GET' || method === 'PUT' || method === 'POST' || method === 'DELETE';
}

/** The operation a request calls, or S3's refusal (MethodNotAllowed, NotImplemented). */
export function routeS3Request(
  method: string,
  address: S3Address,
  query: URLSearchParams,
  headers: { readonly [name: string]: string | string[] | undefined },
): S3OperationName | AwsError {
  if (address.bucket === undefined) return method === 'GET' ? 'ListBuckets' : methodNotAllowed(method, 'SERVICE');
  const onObject = address.key !== undefined;
  if (method === 'HEAD') return onObject ? 'HeadObject' : 'HeadBucket';
  const resourceType = onObject ? 'OBJECT' : 'BUCKET';
  if (!isMethod(method)) return methodNotAllowed(method, resourceType);
  const own = onObject ? OBJECT_SUBRESOURCES : BUCKET_SUBRESOURCES;
  const other = onObject ? BUCKET_SUBRESOURCES : OBJECT_SUBRESOURCES;
  const copy = headers['x-amz-copy-source'] !== undefined;
  for (const name of query.keys()) {
    const routes = Object.hasOwn(own, name) ? own[name] : undefined;
    if (routes === undefined) {
      if (Object.hasOwn(other, name)) return notImplemented();
      continue;
    }
    const operation = routes[method];
    if (operation === undefined) return methodNotAllowed(method, resourceType);
    if (operation === null) return notImplemented();
    return operation === 'UploadPart' && copy ? 'UploadPartCopy' : operation;
  }
  return onObject ? objectOperation(method, query, copy) : bucketOperation(method, query);
}

function bucketOperation(method: Method, query: URLSearchParams): S3OperationName | AwsError {
  switch (method) {
    case 'GET':
      return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'PUT':
      return 'CreateBucket';
    case 'DELETE':
      return 'DeleteBucket';
    case 'POST':
      return notImplemented();
    default: {
      const never: never = method;
      return never;
    }
  }
}

function objectOperation(method: Method, query: URLSearchParams, copy: boolean): S3OperationName | AwsError {
  switch (method) {
    case 'GET':
      return 'GetObject';
    case 'PUT':
      // A partNumber without an uploadId is an UploadPart of no upload (NoSuchUpload).
      if (query.has('partNumber')) return copy ? 'UploadPartCopy' : 'UploadPart';
      return copy ? 'CopyObject' : 'PutObject';
    case 'DELETE':
      return 'DeleteObject';
    case 'POST':
      return methodNotAllowed(method, 'OBJECT');
    default: {
      const never: never = method;
      return never;
    }
  }
}

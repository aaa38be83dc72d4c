// Server-side encryption as podiam's S3 offers it: SSE-S3 only (Amazon S3 User Guide, "Protecting
// data with server-side encryption" and "Using server-side encryption with Amazon S3 managed keys
// (SSE-S3)": "Starting January 5, 2023, all new object uploads to Amazon S3 are automatically
// encrypted"; "Default encryption FAQ": it cannot be turned off). Every object is therefore SSE-S3,
// and the responses of the operations that write or read one say so in `x-amz-server-side-encryption:
// AES256` (each operation's "Response Syntax"), as GetBucketEncryption's default rule does
// (bucket-configuration.ts). podiam reports the encryption S3 would apply; it does not itself cipher
// its data files (encryption of the disk is the operator's).
//
// Requests (API Reference, "PutObject", "CopyObject", "CreateMultipartUpload", "UploadPart",
// "GetObject", "HeadObject"):
// - PutObject, CopyObject and CreateMultipartUpload may ask for `AES256` (the same as asking for
//   nothing). Another value S3 knows (`aws:kms`, `aws:kms:dsse`) and the SSE-KMS headers (key ID,
//   encryption context, `bucket-key-enabled: true`) are NotImplemented: podiam has no KMS. Any other
//   value is S3's 400 InvalidArgument "The encryption method specified is not supported" with
//   ArgumentName/ArgumentValue (as S3 answered an empty value, aws/aws-sdk-cpp#1771).
// - The header is not part of UploadPart, UploadPartCopy, GetObject or HeadObject ("you only need to
//   specify the server-side encryption parameters in the initial Initiate Multipart request";
//   GetObject: "If you include the header in your GetObject requests ... you'll get an HTTP 400 Bad
//   Request error"): 400 InvalidArgument "x-amz-server-side-encryption header is not supported for
//   this operation." CompleteMultipartUpload ignores it.
// - SSE-C (`x-amz-server-side-encryption-customer-*`, and CopyObject's and UploadPartCopy's
//   `x-amz-copy-source-server-side-encryption-customer-*`) is NotImplemented on every operation.
// All refusals come before anything is read or written.
import type { IncomingHttpHeaders } from 'node:http';
import { awsError, type AwsError } from '../aws/index.ts';

/** The one algorithm podiam's objects are stored with (SSE-S3). */
export const SSE_S3_ALGORITHM = 'AES256';

/** The response header of every operation that writes or reads an object. */
export const SSE_S3_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'x-amz-server-side-encryption': SSE_S3_ALGORITHM });

/** The operations whose requests may carry encryption headers. */
export type EncryptedOperation = 'PutObject' | 'CopyObject' | 'CreateMultipartUpload' | 'UploadPart' | 'UploadPartCopy' | 'CompleteMultipartUpload' | 'GetObject' | 'HeadObject';

/**
 * How an accepted request gets its encryption: `requested` when it asked for AES256, `default` when
 * the bucket's default (SSE-S3) applies, `none` for requests that do not choose one (parts, reads).
 */
export type EncryptionChoice = 'requested' | 'default' | 'none';

const SSE = 'x-amz-server-side-encryption';
const KMS_HEADERS = ['x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-context'] as const;
const BUCKET_KEY = 'x-amz-server-side-encryption-bucket-key-enabled';
const SSE_C = ['x-amz-server-side-encryption-customer-algorithm', 'x-amz-server-side-encryption-customer-key', 'x-amz-server-side-encryption-customer-key-md5'] as const;
const COPY_SOURCE_SSE_C = [
  'x-amz-copy-source-server-side-encryption-customer-algorithm',
  'x-amz-copy-source-server-side-encryption-customer-key',
  'x-amz-copy-source-server-side-encryption-customer-key-md5',
] as const;
const KMS_ALGORITHMS: ReadonlySet<string> = new Set(['aws:kms', 'aws:kms:dsse']);

const NOT_IMPLEMENTED = 'A header you provided implies functionality that is not implemented';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function noKms(name: string): AwsError {
  return awsError('NotImplemented', `${NOT_IMPLEMENTED}: podiam has no KMS, so SSE-KMS and DSSE-KMS are not available; objects are stored with SSE-S3 (AES256)`, {
    fields: { Header: name },
  });
}

function noSseC(name: string): AwsError {
  return awsError('NotImplemented', `${NOT_IMPLEMENTED}: podiam does not implement server-side encryption with customer-provided keys (SSE-C); objects are stored with SSE-S3 (AES256)`, {
    fields: { Header: name },
  });
}

function firstPresent(headers: IncomingHttpHeaders, names: readonly string[]): string | undefined {
  return names.find((n) => headers[n] !== undefined);
}

// The choice of PutObject, CopyObject and CreateMultipartUpload.
function writeChoice(headers: IncomingHttpHeaders): EncryptionChoice | AwsError {
  const algorithm = header(headers, SSE);
  if (algorithm !== undefined && algorithm !== SSE_S3_ALGORITHM) {
    if (KMS_ALGORITHMS.has(algorithm)) return noKms(SSE);
    return awsError('InvalidArgument', 'The encryption method specified is not supported', { fields: { ArgumentName: SSE, ArgumentValue: algorithm } });
  }
  const kms = firstPresent(headers, KMS_HEADERS);
  if (kms !== undefined) return noKms(kms);
  const bucketKey = header(headers, BUCKET_KEY);
  if (bucketKey !== undefined && bucketKey.trim().toLowerCase() !== 'false') return noKms(BUCKET_KEY);
  return algorithm === undefined ? 'default' : 'requested';
}

/**
 * Checks the encryption headers of a request to `operation`: how it is encrypted when podiam serves
 * it, or S3's refusal (NotImplemented for SSE-KMS and SSE-C, InvalidArgument otherwise).
 */
export function requestedEncryption(operation: EncryptedOperation, headers: IncomingHttpHeaders): EncryptionChoice | AwsError {
  const sseC = firstPresent(headers, operation === 'CopyObject' || operation === 'UploadPartCopy' ? [...SSE_C, ...COPY_SOURCE_SSE_C] : SSE_C);
  if (sseC !== undefined) return noSseC(sseC);
  switch (operation) {
    case 'PutObject':
    case 'CopyObject':
    case 'CreateMultipartUpload':
      return writeChoice(headers);
    case 'UploadPart':
    case 'UploadPartCopy':
    case 'GetObject':
    case 'HeadObject': {
      const algorithm = header(headers, SSE);
      if (algorithm === undefined) return 'none';
      return awsError('InvalidArgument', `${SSE} header is not supported for this operation.`, { fields: { ArgumentName: SSE, ArgumentValue: algorithm } });
    }
    case 'CompleteMultipartUpload':
      return 'none';
    default: {
      const never: never = operation;
      return never;
    }
  }
}

/** Throws the refusal of {@link requestedEncryption}; returns the choice otherwise. */
export function checkEncryption(operation: EncryptedOperation, headers: IncomingHttpHeaders): EncryptionChoice {
  const choice = requestedEncryption(operation, headers);
  if (choice instanceof Error) throw choice;
  return choice;
}

/**
 * CloudTrail's `additionalEventData.SSEApplied` for a write (Amazon S3 User Guide, "Monitoring default
 * encryption with CloudTrail and CloudWatch"): `SSE_S3` when the request's header asked for it,
 * `Default_SSE_S3` when the bucket default applied; nothing for requests that choose none.
 */
export function sseApplied(choice: EncryptionChoice): Record<string, string> {
  switch (choice) {
    case 'requested':
      return { SSEApplied: 'SSE_S3' };
    case 'default':
      return { SSEApplied: 'Default_SSE_S3' };
    case 'none':
      return {};
    default: {
      const never: never = choice;
      return never;
    }
  }
}

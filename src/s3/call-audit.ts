// The CloudTrail record of an S3 call (AWS CloudTrail User Guide, "Amazon S3 information in
// CloudTrail" and "CloudTrail record contents"): requestParameters with bucketName, Host, key and the
// query parameters (subresources with empty values, as S3 logs them), additionalEventData with the
// signature version, authentication method, bytes transferred and the encryption a write applied
// (SSEApplied), and resources naming the object and the bucket with its owner. Object-level calls are
// data events. Anonymous callers are the `AWSAccount` identity `anonymous`.
import type { CallRecord } from '../api/index.ts';
import type { AwsError, S3RequestIds, VerifiedRequest } from '../aws/index.ts';
import type { Caller } from '../identity/index.ts';
import type { S3OperationSpec } from './operations.ts';
import type { S3AuditNotes } from './s3-call.ts';

/** What the door knows of a finished call. */
export interface S3CallFacts {
  readonly spec: S3OperationSpec;
  readonly ids: S3RequestIds;
  readonly eventTime: Date;
  readonly region: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly host: string;
  readonly caller: Caller | undefined;
  readonly verified: VerifiedRequest<Caller> | undefined;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  /** The bucket owner's account, when the bucket exists. */
  readonly owner: string | undefined;
  readonly query: URLSearchParams;
  readonly notes: S3AuditNotes;
  readonly error: AwsError | undefined;
}

const SIGNATURE_PARAMS = /^x-amz-(algorithm|credential|date|expires|signedheaders|signature|security-token)$/i;

/** The CallRecord of an S3 call, for the audit recorder. */
export function s3CallRecord(f: S3CallFacts): CallRecord {
  const requestParameters: Record<string, unknown> = {};
  if (f.bucket !== undefined) requestParameters['bucketName'] = f.bucket;
  requestParameters['Host'] = f.host;
  if (f.key !== undefined) requestParameters['key'] = f.key;
  for (const [name, value] of f.query) if (!SIGNATURE_PARAMS.test(name)) requestParameters[name] = value;
  Object.assign(requestParameters, f.notes.requestParameters);
  const resources: { ARN: string; type?: string; accountId?: string }[] = [];
  if (f.bucket !== undefined) {
    if (f.key !== undefined && f.spec.scope === 'object') resources.push({ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${f.bucket}/${f.key}` });
    resources.push({ ...(f.owner !== undefined ? { accountId: f.owner } : {}), type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${f.bucket}` });
  }
  const additionalEventData: Record<string, unknown> = {
    ...(f.verified !== undefined ? { SignatureVersion: 'SigV4', AuthenticationMethod: f.verified.form === 'header' ? 'AuthHeader' : 'QueryString' } : {}),
    bytesTransferredIn: f.notes.bytesIn,
    bytesTransferredOut: f.notes.bytesOut,
    'x-amz-id-2': f.ids.hostId,
    ...f.notes.additionalEventData,
  };
  return {
    requestId: f.ids.requestId,
    eventTime: f.eventTime,
    eventSource: 's3.amazonaws.com',
    eventName: f.spec.eventName ?? f.spec.name,
    region: f.region,
    sourceIp: f.sourceIp,
    // S3 writes the user agent in brackets: "[aws-cli/2.18.5]" (Amazon S3 User Guide's CloudTrail examples).
    userAgent: `[${f.userAgent}]`,
    readOnly: f.spec.readOnly,
    eventCategory: f.spec.category,
    caller: f.caller,
    requestParameters,
    responseElements: f.error !== undefined ? null : f.notes.responseElements,
    ...(f.error !== undefined ? { errorCode: f.error.code, errorMessage: f.error.message } : {}),
    notes: {
      resources,
      additionalEventData,
      ...(f.caller === undefined ? { userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' } } : {}),
      ...(f.caller === undefined && f.owner !== undefined ? { recipientAccountId: f.owner } : {}),
    },
  };
}

// Reading an S3 presigned query, in S3's order: algorithm, the six parameters, the date,
// X-Amz-Expires (a number, not negative, at most a week), not yet valid, expired, the credential
// scope and its date (Amazon S3 API Reference, "Authenticating Requests: Using Query Parameters").

import { awsError, type AwsError } from '../errors/index.ts';
import { queryParam, splitSignedHeaders, type RequestTarget } from './auth-params.ts';
import { formatIsoSeconds, parseAmzDate } from './amz-date.ts';
import { parsePayloadMode, UNSIGNED_PAYLOAD } from './payload-mode.ts';
import { credentialFault } from './s3-credential-scope.ts';
import type { S3Fields } from './s3-fields.ts';
import { ALGORITHM } from './signing-key.ts';
import { DEFAULT_MAX_SKEW_MS, type SigningSecret, type VerifyOptions } from './verification.ts';

const QUERY_CREDENTIAL = 'Error parsing the X-Amz-Credential parameter; ';
const WEEK_SECONDS = 604800;

/** The signature fields of a presigned S3 request, or S3's refusal. */
export function readQueryFields<C extends SigningSecret>(target: RequestTarget, options: VerifyOptions<C>): S3Fields | AwsError {
  const qp = (name: string): string | undefined => queryParam(target.params, name);
  if (qp('X-Amz-Algorithm') !== ALGORITHM) {
    return awsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"',
    );
  }
  const credential = qp('X-Amz-Credential');
  const signature = qp('X-Amz-Signature');
  const date = qp('X-Amz-Date');
  const signedHeaders = qp('X-Amz-SignedHeaders');
  const expiresText = qp('X-Amz-Expires');
  if (
    credential === undefined ||
    signature === undefined ||
    date === undefined ||
    signedHeaders === undefined ||
    expiresText === undefined
  ) {
    return awsError(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const requestTime = parseAmzDate(date);
  if (requestTime === undefined) {
    return awsError(
      'AuthorizationQueryParametersError',
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
  }
  if (!/^-?\d+$/.test(expiresText)) {
    return awsError('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number');
  }
  const expires = Number(expiresText);
  if (expires < 0) return awsError('AuthorizationQueryParametersError', 'X-Amz-Expires must be non-negative');
  if (expires > WEEK_SECONDS) {
    return awsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  const expiresAt = formatIsoSeconds(requestTime + expires * 1000);
  const serverTime = formatIsoSeconds(options.now);
  const skew = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (requestTime - options.now > skew) {
    return awsError('AccessDenied', 'Request is not yet valid', {
      fields: { 'X-Amz-Date': date, Expires: expiresAt, ServerTime: serverTime },
    });
  }
  if (options.now - requestTime > expires * 1000) {
    return awsError('AccessDenied', 'Request has expired', {
      fields: { 'X-Amz-Expires': expiresText, Expires: expiresAt, ServerTime: serverTime },
    });
  }
  const fault = credentialFault(credential, options);
  if (fault !== undefined) {
    return awsError('AuthorizationQueryParametersError', QUERY_CREDENTIAL + fault.message, { fields: fault.fields });
  }
  const scopeDate = credential.split('/')[1] ?? '';
  if (scopeDate !== date.slice(0, 8)) {
    return awsError(
      'AuthorizationQueryParametersError',
      `Invalid credential date "${scopeDate}". This date is not the same as X-Amz-Date: "${date.slice(0, 8)}".`,
    );
  }
  // S3 presigned URLs sign UNSIGNED-PAYLOAD unless the URL itself names a payload hash.
  const payloadHash = qp('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  const payload = parsePayloadMode(payloadHash) ?? { kind: 'unsigned' };
  return {
    form: 'query',
    credential,
    signedHeaders: splitSignedHeaders(signedHeaders).sort(),
    signature,
    requestTime,
    amzDate: date,
    payloadHash,
    payload,
    securityToken: qp('X-Amz-Security-Token'),
  };
}

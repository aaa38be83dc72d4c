// Reading an S3 Authorization header, in S3's order: one space, the scheme, the date, the clock
// skew, the three components, the credential scope, the scope date, and x-amz-content-sha256.

import { awsError, type AwsError } from '../errors/index.ts';
import { headerValue, parseAuthorizationHeader, splitSignedHeaders } from './auth-params.ts';
import { formatAmzDate, formatIsoSeconds, parseAmzDate, parseHttpDate } from './amz-date.ts';
import { parsePayloadMode } from './payload-mode.ts';
import { credentialFault } from './s3-credential-scope.ts';
import type { S3Fields } from './s3-fields.ts';
import { ALGORITHM } from './signing-key.ts';
import { DEFAULT_MAX_SKEW_MS, type SigningSecret, type SigV4Request, type VerifyOptions } from './verification.ts';

const HEADER_MALFORMED = 'The authorization header is malformed; ';

/** S3's answer to Signature Version 2, which podiam does not accept. */
export const SIGV2_UNSUPPORTED =
  'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.';

/** The signature fields of a header-signed S3 request, or S3's refusal. */
export function readHeaderFields<C extends SigningSecret>(
  request: SigV4Request,
  authorization: string,
  options: VerifyOptions<C>,
): S3Fields | AwsError {
  const argument = { fields: { ArgumentName: 'Authorization', ArgumentValue: authorization } };
  const space = authorization.indexOf(' ');
  if (space < 0) return awsError('InvalidArgument', "Authorization header is invalid -- one and only one ' ' (space) required", argument);
  const scheme = authorization.slice(0, space).toUpperCase();
  if (scheme === 'AWS') return awsError('InvalidRequest', SIGV2_UNSUPPORTED);
  if (scheme !== ALGORITHM) return awsError('InvalidArgument', 'Unsupported Authorization Type', argument);

  const amzHeader = headerValue(request.headers, 'x-amz-date');
  const timestamp = amzHeader ?? headerValue(request.headers, 'date');
  const requestTime =
    amzHeader !== undefined ? parseAmzDate(amzHeader) : timestamp === undefined ? undefined : parseHttpDate(timestamp);
  if (requestTime === undefined || timestamp === undefined) {
    return awsError('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const skew = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (Math.abs(requestTime - options.now) > skew) {
    return awsError('RequestTimeTooSkewed', undefined, {
      fields: {
        RequestTime: timestamp,
        ServerTime: formatIsoSeconds(options.now),
        MaxAllowedSkewMilliseconds: String(skew),
      },
    });
  }

  const parsed = parseAuthorizationHeader(authorization);
  const credential = parsed.ok ? parsed.fields.get('Credential') : undefined;
  const signedHeaders = parsed.ok ? parsed.fields.get('SignedHeaders') : undefined;
  const signature = parsed.ok ? parsed.fields.get('Signature') : undefined;
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return awsError(
      'AuthorizationHeaderMalformed',
      `${HEADER_MALFORMED}the authorization header requires three components: Credential, SignedHeaders, and Signature.`,
    );
  }
  const amzDate = formatAmzDate(requestTime);
  const fault = credentialFault(credential, options);
  if (fault !== undefined) {
    return awsError('AuthorizationHeaderMalformed', HEADER_MALFORMED + fault.message, { fields: fault.fields });
  }
  if (credential.split('/')[1] !== amzDate.slice(0, 8)) {
    return awsError('AuthorizationHeaderMalformed', `${HEADER_MALFORMED}Invalid credential date. Date is not the same as X-Amz-Date.`);
  }

  // S3 requires the payload hash header on every SigV4 header-signed request.
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    return awsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const payload = parsePayloadMode(payloadHash);
  if (payload === undefined) {
    return awsError(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      { fields: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash } },
    );
  }
  return {
    form: 'header',
    credential,
    signedHeaders: splitSignedHeaders(signedHeaders).sort(),
    signature,
    requestTime,
    amzDate,
    payloadHash,
    payload,
    securityToken: headerValue(request.headers, 'x-amz-security-token'),
  };
}

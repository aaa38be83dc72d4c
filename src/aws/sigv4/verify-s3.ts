// SigV4 verification for S3, in S3's order and with its codes and messages (Amazon S3 API Reference,
// "Authenticating Requests (AWS Signature Version 4)", "Authenticating Requests: Using Query
// Parameters", "Error responses"). Header form: mechanism -> header syntax -> date -> clock skew ->
// components -> credential scope -> scope date -> x-amz-content-sha256 -> access key -> unsigned
// x-amz-* headers -> signature. Query form: algorithm -> parameters -> date -> X-Amz-Expires ->
// not yet valid -> expired -> credential scope -> scope date -> access key -> signature.
// A request with no credentials at all is anonymous, not an error.

import { awsError, isAwsError, type AwsError } from '../errors/index.ts';
import {
  hasQueryParam,
  headerValue,
  parseAuthorizationHeader,
  queryParam,
  splitCredential,
  splitSignedHeaders,
  splitTarget,
  type RequestTarget,
} from './auth-params.ts';
import { formatAmzDate, formatIsoSeconds, parseAmzDate, parseHttpDate } from './amz-date.ts';
import { computeSignature } from './compute.ts';
import { parsePayloadMode, UNSIGNED_PAYLOAD, type PayloadMode } from './payload-mode.ts';
import { ALGORITHM, signaturesEqual } from './signing-key.ts';
import { isEscapeFault } from './uri-encode.ts';
import {
  DEFAULT_MAX_SKEW_MS,
  refuse,
  type SigningSecret,
  type SigV4Request,
  type SigV4Verification,
  type VerifyOptions,
} from './verification.ts';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const HEADER_MALFORMED = 'The authorization header is malformed; ';
const QUERY_CREDENTIAL = 'Error parsing the X-Amz-Credential parameter; ';
const ONE_MECHANISM =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';
const SIGV2_UNSUPPORTED =
  'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.';
const WEEK_SECONDS = 604800;

interface S3Fields {
  readonly form: 'header' | 'query';
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly requestTime: number;
  readonly amzDate: string;
  readonly payloadHash: string;
  readonly payload: PayloadMode;
  readonly securityToken: string | undefined;
}

/** Verifies an S3 request (header or presigned), or recognises it as anonymous. */
export async function verifyS3Request<C extends SigningSecret>(
  request: SigV4Request,
  options: VerifyOptions<C>,
): Promise<SigV4Verification<C>> {
  const target = splitTarget(request.url);
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = hasQueryParam(target.params, 'X-Amz-Algorithm');
  const v2Query = hasQueryParam(target.params, 'Signature');

  let fields: S3Fields | AwsError;
  if (authorization !== undefined) {
    if (presigned || v2Query) {
      return refuse(
        awsError('InvalidArgument', ONE_MECHANISM, {
          fields: { ArgumentName: 'Authorization', ArgumentValue: authorization },
        }),
      );
    }
    fields = readHeaderFields(request, authorization, options);
  } else if (presigned) {
    if (v2Query) {
      return refuse(awsError('InvalidArgument', ONE_MECHANISM, { fields: { ArgumentName: 'Authorization' } }));
    }
    fields = readQueryFields(target, options);
  } else if (v2Query) {
    return refuse(awsError('InvalidRequest', SIGV2_UNSUPPORTED));
  } else {
    return { ok: true, anonymous: true };
  }
  if (isAwsError(fields)) return refuse(fields);

  const credential = splitCredential(fields.credential);
  // readHeaderFields/readQueryFields have checked the shape; this narrows the type.
  if (credential === undefined) return refuse(awsError('AuthorizationHeaderMalformed'));

  const found = await options.lookup(credential.accessKeyId, fields.securityToken);
  if (found === undefined) {
    return refuse(awsError('InvalidAccessKeyId', undefined, { fields: { AWSAccessKeyId: credential.accessKeyId } }));
  }
  if (isAwsError(found)) return refuse(found);

  const unsigned = unsignedAmzHeaders(request, fields);
  if (unsigned.length > 0 || !fields.signedHeaders.includes('host')) {
    const notSigned = fields.signedHeaders.includes('host') ? unsigned : ['host', ...unsigned];
    return refuse(
      awsError('AccessDenied', 'There were headers present in the request which were not signed', {
        fields: { HeadersNotSigned: notSigned.join(', ') },
      }),
    );
  }

  const scope = { date: credential.date, region: credential.region, service: credential.service };
  const computed = computeSignature({
    method: request.method,
    target,
    headers: request.headers,
    signedHeaders: fields.signedHeaders,
    payloadHash: fields.payloadHash,
    amzDate: fields.amzDate,
    scope,
    secretAccessKey: found.secretAccessKey,
    s3: true,
  });
  if (isEscapeFault(computed)) return refuse(awsError('InvalidURI', computed.message));
  if (!signaturesEqual(computed.signature, fields.signature)) {
    return refuse(
      awsError('SignatureDoesNotMatch', MISMATCH, {
        fields: {
          AWSAccessKeyId: credential.accessKeyId,
          StringToSign: computed.stringToSign,
          SignatureProvided: fields.signature,
          StringToSignBytes: hexBytes(computed.stringToSign),
          CanonicalRequest: computed.canonicalRequest,
          CanonicalRequestBytes: hexBytes(computed.canonicalRequest),
        },
      }),
    );
  }

  const streamingSigned = fields.payload.kind === 'streaming-signed' || fields.payload.kind === 'streaming-signed-trailer';
  return {
    ok: true,
    anonymous: false,
    form: fields.form,
    accessKeyId: credential.accessKeyId,
    credential: found,
    scope,
    securityToken: fields.securityToken,
    signedHeaders: fields.signedHeaders,
    payload: fields.payload,
    requestTime: fields.requestTime,
    chunkSigning: streamingSigned
      ? {
          signingKey: computed.signingKey,
          amzDate: fields.amzDate,
          scope: `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
          seedSignature: fields.signature,
        }
      : undefined,
  };
}

function readHeaderFields<C extends SigningSecret>(
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

function readQueryFields<C extends SigningSecret>(target: RequestTarget, options: VerifyOptions<C>): S3Fields | AwsError {
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

interface CredentialFault {
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}

// The shape, region, service and terminator of a credential, in S3's order.
function credentialFault<C extends SigningSecret>(credential: string, options: VerifyOptions<C>): CredentialFault | undefined {
  const parts = splitCredential(credential);
  if (parts === undefined) {
    return { message: 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".' };
  }
  if (parts.region === '') return { message: 'a non-empty region must be provided in the credential.' };
  if (!options.regions.includes(parts.region)) {
    const expected = options.regions[0] ?? '';
    return { message: `the region '${parts.region}' is wrong; expecting '${expected}'`, fields: { Region: expected } };
  }
  if (parts.service !== options.service) {
    return { message: `incorrect service "${parts.service}". This endpoint belongs to "${options.service}".` };
  }
  if (parts.terminator !== 'aws4_request') {
    return { message: `incorrect terminal "${parts.terminator}". This endpoint uses "aws4_request".` };
  }
  return undefined;
}

// S3 refuses x-amz-* headers that the signature does not cover (the payload hash header of a
// presigned request excepted: it is not part of a presigned signature).
function unsignedAmzHeaders(request: SigV4Request, fields: S3Fields): string[] {
  const out: string[] = [];
  for (const name of Object.keys(request.headers)) {
    if (!name.startsWith('x-amz-') || fields.signedHeaders.includes(name)) continue;
    if (fields.form === 'query' && name === 'x-amz-content-sha256') continue;
    if (request.headers[name] === undefined) continue;
    out.push(name);
  }
  return out.sort();
}

function hexBytes(text: string): string {
  const hex = Buffer.from(text, 'utf8').toString('hex');
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

// SigV4 verification for S3, in S3's order and with its codes and messages (Amazon S3 API Reference,
// "Authenticating Requests (AWS Signature Version 4)", "Authenticating Requests: Using Query
// Parameters", "Error responses"). Header form: mechanism -> header syntax -> date -> clock skew ->
// components -> credential scope -> scope date -> x-amz-content-sha256 -> access key -> unsigned
// x-amz-* headers -> signature. Query form: algorithm -> parameters -> date -> X-Amz-Expires ->
// not yet valid -> expired -> credential scope -> scope date -> access key -> signature.
// A request with no credentials at all is anonymous, not an error.

import { awsError, isAwsError, type AwsError } from '../errors/index.ts';
import { hasQueryParam, headerValue, splitCredential, splitTarget } from './auth-params.ts';
import { computeSignature } from './compute.ts';
import type { S3Fields } from './s3-fields.ts';
import { readHeaderFields, SIGV2_UNSUPPORTED } from './s3-header-fields.ts';
import { readQueryFields } from './s3-query-fields.ts';
import { signaturesEqual } from './signing-key.ts';
import { isEscapeFault } from './uri-encode.ts';
import { refuse, type SigningSecret, type SigV4Request, type SigV4Verification, type VerifyOptions } from './verification.ts';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const ONE_MECHANISM =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';

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

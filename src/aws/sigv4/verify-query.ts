// SigV4 verification for the Query (IAM, STS) and JSON (Organizations) protocols, checking in the
// order AWS does and answering with its codes and messages (AWS General Reference, "Troubleshoot
// signed requests for AWS APIs"; IAM and STS API Reference, "Common Errors").
// Order: which form (header or query) -> the form's fields -> host signed -> timestamp syntax ->
// clock skew -> credential shape -> scope (region, service, terminator, date) -> access key ->
// signature. STS ignores X-Amz-Expires on presigned requests: only the 15-minute skew applies.

import { awsError, isAwsError, type AwsError, type AwsErrorCode } from '../errors/index.ts';
import {
  headerValue,
  parseAuthorizationHeader,
  queryParam,
  splitCredential,
  splitSignedHeaders,
  splitTarget,
  type RequestTarget,
} from './auth-params.ts';
import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.ts';
import { computeSignature } from './compute.ts';
import { ALGORITHM, EMPTY_SHA256, signaturesEqual } from './signing-key.ts';
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
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

type QueryFault = 'missing' | 'incomplete' | 'mismatch' | 'unknown-key';

// The JSON-protocol front door names the same faults with `...Exception` codes.
const CODES: Record<'query' | 'json', Record<QueryFault, AwsErrorCode>> = {
  query: {
    missing: 'MissingAuthenticationToken',
    incomplete: 'IncompleteSignature',
    mismatch: 'SignatureDoesNotMatch',
    'unknown-key': 'InvalidClientTokenId',
  },
  json: {
    missing: 'MissingAuthenticationTokenException',
    incomplete: 'IncompleteSignatureException',
    mismatch: 'InvalidSignatureException',
    'unknown-key': 'UnrecognizedClientException',
  },
};

interface Fields {
  readonly form: 'header' | 'query';
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  /** The timestamp as sent, and whether it came from `Date` (HTTP format) rather than X-Amz-Date. */
  readonly timestamp: string;
  readonly fromDateHeader: boolean;
  readonly securityToken: string | undefined;
}

/** Verifies a Query- or JSON-protocol request. */
export async function verifyQueryRequest<C extends SigningSecret>(
  request: SigV4Request,
  options: VerifyOptions<C> & { readonly dialect: 'query' | 'json' },
): Promise<SigV4Verification<C>> {
  const codes = CODES[options.dialect];
  const fail = (fault: QueryFault, message?: string, detail?: string): AwsError =>
    awsError(codes[fault], message, detail === undefined ? undefined : { detail });

  const target = splitTarget(request.url);
  const fields = readFields(request, target, fail);
  if (isAwsError(fields)) return refuse(fields);

  if (!fields.signedHeaders.includes('host') && !fields.signedHeaders.includes(':authority')) {
    return refuse(fail('mismatch', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  }

  const requestTime = fields.fromDateHeader ? parseHttpDate(fields.timestamp) : parseAmzDate(fields.timestamp);
  if (requestTime === undefined) {
    return refuse(
      fail(
        'incomplete',
        `Date must be in ISO-8601 'basic format'. Got '${fields.timestamp}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      ),
    );
  }
  const amzDate = formatAmzDate(requestTime);

  // AWS General Reference, "Troubleshoot signed requests": Signature expired / not yet current.
  const skew = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const minutes = `${Math.round(skew / 60000)} min.`;
  if (requestTime < options.now - skew) {
    return refuse(
      fail(
        'mismatch',
        `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(options.now - skew)} (${formatAmzDate(options.now)} - ${minutes})`,
      ),
    );
  }
  if (requestTime > options.now + skew) {
    return refuse(
      fail(
        'mismatch',
        `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(options.now + skew)} (${formatAmzDate(options.now)} + ${minutes})`,
      ),
    );
  }

  const credential = splitCredential(fields.credential);
  if (credential === undefined) {
    return refuse(
      fail(
        'incomplete',
        `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${fields.credential}'`,
      ),
    );
  }
  const scopeFaults: string[] = [];
  if (!options.regions.includes(credential.region)) {
    scopeFaults.push(`Credential should be scoped to a valid region, not '${credential.region}'.`);
  }
  if (credential.service !== options.service) {
    scopeFaults.push(`Credential should be scoped to correct service: '${options.service}'.`);
  }
  if (credential.terminator !== 'aws4_request') {
    scopeFaults.push(`Credential should be scoped with a valid terminator: 'aws4_request', not '${credential.terminator}'.`);
  }
  if (credential.date !== amzDate.slice(0, 8)) {
    scopeFaults.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (scopeFaults.length > 0) return refuse(fail('mismatch', scopeFaults.join(' ')));

  const found = await options.lookup(credential.accessKeyId, fields.securityToken);
  if (found === undefined) return refuse(fail('unknown-key'));
  if (isAwsError(found)) return refuse(found);

  const scope = { date: credential.date, region: credential.region, service: credential.service };
  const computed = computeSignature({
    method: request.method,
    target,
    headers: request.headers,
    signedHeaders: fields.signedHeaders,
    payloadHash: request.bodySha256 ?? EMPTY_SHA256,
    amzDate,
    scope,
    secretAccessKey: found.secretAccessKey,
    s3: false,
  });
  if (isEscapeFault(computed)) return refuse(awsError('MalformedQueryString', computed.message));
  if (!signaturesEqual(computed.signature, fields.signature)) {
    // AWS adds the canonical request and string to sign it expected: both are the caller's own data.
    const message =
      `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${computed.canonicalRequest}'\n\n` +
      `The String-to-Sign should have been\n'${computed.stringToSign}'\n`;
    return refuse(fail('mismatch', message, `access key ${credential.accessKeyId}`));
  }

  return {
    ok: true,
    anonymous: false,
    form: fields.form,
    accessKeyId: credential.accessKeyId,
    credential: found,
    scope,
    securityToken: fields.securityToken,
    signedHeaders: fields.signedHeaders,
    payload: { kind: 'sha256', sha256: request.bodySha256 ?? EMPTY_SHA256 },
    requestTime,
    chunkSigning: undefined,
  };
}

function readFields(
  request: SigV4Request,
  target: RequestTarget,
  fail: (fault: QueryFault, message?: string) => AwsError,
): Fields | AwsError {
  const authorization = headerValue(request.headers, 'authorization');
  const algorithmParam = queryParam(target.params, 'X-Amz-Algorithm');
  if (authorization !== undefined && algorithmParam !== undefined) return fail('mismatch', MISMATCH);
  if (authorization !== undefined) return readHeaderFields(request, authorization, fail);
  if (algorithmParam !== undefined) return readQueryFields(target, algorithmParam, fail);
  return fail('missing');
}

function readHeaderFields(
  request: SigV4Request,
  authorization: string,
  fail: (fault: QueryFault, message?: string) => AwsError,
): Fields | AwsError {
  const parsed = parseAuthorizationHeader(authorization);
  if (parsed.algorithm !== ALGORITHM) return fail('incomplete', `Unsupported AWS 'algorithm': '${parsed.algorithm}'.`);
  if (!parsed.ok) {
    return fail(
      'incomplete',
      `'${parsed.badPair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization.trim()}'.`,
    );
  }
  const credential = parsed.fields.get('Credential');
  const signature = parsed.fields.get('Signature');
  const signedHeaders = parsed.fields.get('SignedHeaders');
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const httpDate = amzDate === undefined ? headerValue(request.headers, 'date') : undefined;
  const missing: string[] = [];
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (amzDate === undefined && httpDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (credential === undefined || signature === undefined || signedHeaders === undefined || missing.length > 0) {
    return fail('incomplete', `${missing.join(' ')} Authorization=${authorization.trim()}`);
  }
  return {
    form: 'header',
    credential,
    signature,
    signedHeaders: splitSignedHeaders(signedHeaders).sort(),
    timestamp: amzDate ?? httpDate ?? '',
    fromDateHeader: amzDate === undefined,
    securityToken: headerValue(request.headers, 'x-amz-security-token'),
  };
}

function readQueryFields(
  target: RequestTarget,
  algorithm: string,
  fail: (fault: QueryFault, message?: string) => AwsError,
): Fields | AwsError {
  if (algorithm !== ALGORITHM) return fail('missing');
  const credential = queryParam(target.params, 'X-Amz-Credential');
  const signature = queryParam(target.params, 'X-Amz-Signature');
  const signedHeaders = queryParam(target.params, 'X-Amz-SignedHeaders');
  const date = queryParam(target.params, 'X-Amz-Date');
  const missing: string[] = [];
  if (credential === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Credential'.");
  if (signature === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Signature'.");
  if (signedHeaders === undefined) missing.push("AWS query-string parameters must include 'X-Amz-SignedHeaders'.");
  if (date === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Date'.");
  if (credential === undefined || signature === undefined || signedHeaders === undefined || date === undefined) {
    return fail('incomplete', `${missing.join(' ')} Re-examine the query-string parameters.`);
  }
  return {
    form: 'query',
    credential,
    signature,
    signedHeaders: splitSignedHeaders(signedHeaders).sort(),
    timestamp: date,
    fromDateHeader: false,
    securityToken: queryParam(target.params, 'X-Amz-Security-Token'),
  };
}

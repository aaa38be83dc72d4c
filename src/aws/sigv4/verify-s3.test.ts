import { describe, expect, it } from 'vitest';
import { presign, signWithHeader, type SignOptions } from './sdk-signer.fixture.ts';
import { sha256Hex } from './signing-key.ts';
import { verifySigV4 } from './verify.ts';
import type { SigV4Request, VerifyOptions } from './verification.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMP = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'temporary/secret+key', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE==' };
const s3: SignOptions = { service: 's3', region: 'us-east-1', credentials: KEY, date: new Date(NOW) };

function options(overrides: Partial<VerifyOptions<{ secretAccessKey: string }>> = {}) {
  return {
    dialect: 's3' as const,
    service: 's3',
    regions: ['us-east-1'],
    now: NOW,
    lookup: async (id: string, token: string | undefined) => {
      if (id === KEY.accessKeyId) return { secretAccessKey: KEY.secretAccessKey };
      if (id === TEMP.accessKeyId && token === TEMP.sessionToken) return { secretAccessKey: TEMP.secretAccessKey };
      return undefined;
    },
    ...overrides,
  };
}

async function refusal(request: SigV4Request, opts = options()) {
  const result = await verifySigV4(request, opts);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

// The SDK encodes object keys as RFC 3986 plus !'()* (so does botocore): what goes on the wire.
const ODD_KEY_PATH = '/bucket/a%20b/%C3%BC/~x%2By%28%29%21%2A%27/%E6%97%A5.txt';

describe('Amazon S3 "Signature Calculations for the Authorization Header": SDK-signed requests verify', () => {
  it('PUT with a signed payload hash; the declared hash comes back for the S3 layer to compare', async () => {
    const body = 'hello world';
    const signed = await signWithHeader({ method: 'PUT', host: 's3.amazonaws.com', path: '/bucket/key.txt', body }, s3);
    const result = await verifySigV4(signed, options());
    expect(result.ok).toBe(true);
    if (!result.ok || result.anonymous) return;
    expect(result.payload).toEqual({ kind: 'sha256', sha256: sha256Hex(body) });
    expect(result.chunkSigning).toBeUndefined();
  });

  it('UNSIGNED-PAYLOAD', async () => {
    const signed = await signWithHeader(
      { method: 'PUT', host: 's3.amazonaws.com', path: '/bucket/k', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: 'x' },
      s3,
    );
    const result = await verifySigV4(signed, options());
    expect(result.ok && !result.anonymous && result.payload).toEqual({ kind: 'unsigned' });
  });

  it('S3 does not double-encode: an object key with spaces, unicode, ~, +, ( ) ! * \'', async () => {
    const signed = await signWithHeader({ method: 'GET', host: 'bucket.s3.amazonaws.com', path: ODD_KEY_PATH }, s3);
    expect((await verifySigV4(signed, options())).ok).toBe(true);
  });

  it('lower-case percent escapes on the wire sign as upper case', async () => {
    const signed = await signWithHeader({ method: 'GET', host: 's3.amazonaws.com', path: '/bucket/%C3%BC' }, s3);
    expect((await verifySigV4({ ...signed, url: '/bucket/%c3%bc' }, options())).ok).toBe(true);
  });

  it('ListObjectsV2 query: prefix with spaces and unicode, continuation token with + and =', async () => {
    const signed = await signWithHeader(
      {
        method: 'GET',
        host: 's3.amazonaws.com',
        path: '/bucket',
        query: { 'list-type': '2', prefix: 'a b/ü', 'continuation-token': '1+2/3==', delimiter: '/', 'encoding-type': '' },
      },
      s3,
    );
    expect((await verifySigV4(signed, options())).ok).toBe(true);
  });

  it('temporary credentials (x-amz-security-token is signed)', async () => {
    const signed = await signWithHeader({ method: 'GET', host: 's3.amazonaws.com', path: '/bucket/k' }, { ...s3, credentials: TEMP });
    const result = await verifySigV4(signed, options());
    expect(result.ok && !result.anonymous && result.securityToken).toBe(TEMP.sessionToken);
  });

  it('streaming signed payloads return the chunk-signing context seeded with the request signature', async () => {
    const signed = await signWithHeader(
      {
        method: 'PUT',
        host: 's3.amazonaws.com',
        path: '/bucket/k',
        headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '5', 'content-encoding': 'aws-chunked' },
      },
      s3,
    );
    const result = await verifySigV4(signed, options());
    expect(result.ok).toBe(true);
    if (!result.ok || result.anonymous) return;
    expect(result.payload).toEqual({ kind: 'streaming-signed' });
    expect(result.chunkSigning?.scope).toBe('20240501/us-east-1/s3/aws4_request');
    expect(String(signed.headers['authorization'])).toContain(`Signature=${result.chunkSigning?.seedSignature}`);
  });
});

describe('Amazon S3 "Authenticating Requests: Using Query Parameters" (presigned URLs)', () => {
  const get = { method: 'GET', host: 's3.amazonaws.com', path: ODD_KEY_PATH, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };

  it('a presigned GET verifies, with and without a session token', async () => {
    expect((await verifySigV4(await presign(get, s3, 3600), options())).ok).toBe(true);
    const withToken = await verifySigV4(await presign(get, { ...s3, credentials: TEMP }, 3600), options());
    expect(withToken.ok && !withToken.anonymous && withToken.securityToken).toBe(TEMP.sessionToken);
    expect(withToken.ok && !withToken.anonymous && withToken.payload).toEqual({ kind: 'unsigned' });
  });

  it('an expired URL: AccessDenied "Request has expired" with X-Amz-Expires, Expires and ServerTime', async () => {
    const url = await presign(get, s3, 60);
    const err = await refusal(url, options({ now: NOW + 61_000 }));
    expect(err.code).toBe('AccessDenied');
    expect(err.status).toBe(403);
    expect(err.message).toBe('Request has expired');
    expect(err.fields).toEqual({ 'X-Amz-Expires': '60', Expires: '2024-05-01T12:01:00Z', ServerTime: '2024-05-01T12:01:01Z' });
    expect((await verifySigV4(url, options({ now: NOW + 60_000 }))).ok).toBe(true);
  });

  it('a URL dated more than 15 minutes ahead: AccessDenied "Request is not yet valid"', async () => {
    const err = await refusal(await presign(get, s3, 3600), options({ now: NOW - 16 * 60_000 }));
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toBe('Request is not yet valid');
  });

  it.each([
    ['604801', 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds'],
    ['-1', 'X-Amz-Expires must be non-negative'],
    ['abc', 'X-Amz-Expires should be a number'],
  ])('X-Amz-Expires=%s: AuthorizationQueryParametersError', async (value, message) => {
    const url = await presign(get, s3, 60);
    const err = await refusal({ ...url, url: url.url.replace('X-Amz-Expires=60', `X-Amz-Expires=${value}`) });
    expect(err.code).toBe('AuthorizationQueryParametersError');
    expect(err.status).toBe(400);
    expect(err.message).toBe(message);
  });

  it('a missing parameter', async () => {
    const url = await presign(get, s3, 60);
    const err = await refusal({ ...url, url: url.url.replace(/&?X-Amz-SignedHeaders=[^&]*/, '') });
    expect(err.message).toBe(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  });

  it('a credential for another region names the expected one', async () => {
    const err = await refusal(await presign(get, { ...s3, region: 'eu-west-1' }, 60));
    expect(err.code).toBe('AuthorizationQueryParametersError');
    expect(err.message).toBe("Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
    expect(err.fields).toEqual({ Region: 'us-east-1' });
  });

  it('a tampered key is SignatureDoesNotMatch with the canonical request and string to sign', async () => {
    const url = await presign(get, s3, 60);
    const err = await refusal({ ...url, url: url.url.replace('/bucket/', '/bucket2/') });
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    expect(err.fields['CanonicalRequest']).toMatch(/^GET\n\/bucket2\//);
    expect(err.fields['StringToSign']).toMatch(/^AWS4-HMAC-SHA256\n20240501T120000Z\n20240501\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(err.fields['AWSAccessKeyId']).toBe(KEY.accessKeyId);
  });

  it('an x-amz-* header sent but not signed: AccessDenied naming it', async () => {
    const url = await presign(get, s3, 60);
    const err = await refusal({ ...url, headers: { ...url.headers, 'x-amz-acl': 'public-read' } });
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toBe('There were headers present in the request which were not signed');
    expect(err.fields).toEqual({ HeadersNotSigned: 'x-amz-acl' });
  });
});

describe('Amazon S3 "Error responses": header-form refusals', () => {
  const put = { method: 'PUT', host: 's3.amazonaws.com', path: '/bucket/k', body: 'data' };

  it('no credentials at all is an anonymous request, not an error', async () => {
    expect(await verifySigV4({ method: 'GET', url: '/bucket/k', headers: { host: 's3.amazonaws.com' } }, options())).toEqual({
      ok: true,
      anonymous: true,
    });
  });

  it('an unknown access key: InvalidAccessKeyId (403) naming it', async () => {
    const err = await refusal(await signWithHeader(put, { ...s3, credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } }));
    expect(err.code).toBe('InvalidAccessKeyId');
    expect(err.status).toBe(403);
    expect(err.message).toBe('The AWS Access Key Id you provided does not exist in our records.');
    expect(err.fields).toEqual({ AWSAccessKeyId: 'AKIAUNKNOWN' });
  });

  it('clock skew: RequestTimeTooSkewed (403) with RequestTime, ServerTime and MaxAllowedSkewMilliseconds', async () => {
    const err = await refusal(await signWithHeader(put, s3), options({ now: NOW + 16 * 60_000 }));
    expect(err.code).toBe('RequestTimeTooSkewed');
    expect(err.status).toBe(403);
    expect(err.message).toBe('The difference between the request time and the current time is too large.');
    expect(err.fields).toEqual({ RequestTime: '20240501T120000Z', ServerTime: '2024-05-01T12:16:00Z', MaxAllowedSkewMilliseconds: '900000' });
  });

  it('a missing x-amz-content-sha256: InvalidRequest', async () => {
    const signed = await signWithHeader(put, s3);
    const headers = { ...signed.headers };
    delete headers['x-amz-content-sha256'];
    const err = await refusal({ ...signed, headers });
    expect(err.code).toBe('InvalidRequest');
    expect(err.message).toBe('Missing required header for this request: x-amz-content-sha256');
  });

  it('an x-amz-content-sha256 that is no hash: InvalidArgument', async () => {
    const signed = await signWithHeader(put, s3);
    const err = await refusal({ ...signed, headers: { ...signed.headers, 'x-amz-content-sha256': 'nope' } });
    expect(err.code).toBe('InvalidArgument');
  });

  it('a region the endpoint does not serve: AuthorizationHeaderMalformed naming both', async () => {
    const err = await refusal(await signWithHeader(put, { ...s3, region: 'us-west-2' }));
    expect(err.code).toBe('AuthorizationHeaderMalformed');
    expect(err.message).toBe("The authorization header is malformed; the region 'us-west-2' is wrong; expecting 'us-east-1'");
  });

  it('several regions may be served', async () => {
    const signed = await signWithHeader(put, { ...s3, region: 'us-west-2' });
    expect((await verifySigV4(signed, options({ regions: ['us-east-1', 'us-west-2'] }))).ok).toBe(true);
  });

  it('a missing component: AuthorizationHeaderMalformed', async () => {
    const signed = await signWithHeader(put, s3);
    const auth = String(signed.headers['authorization']).replace(/, Signature=.*$/, '');
    const err = await refusal({ ...signed, headers: { ...signed.headers, authorization: auth } });
    expect(err.message).toBe(
      'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.',
    );
  });

  it('no date header: AccessDenied', async () => {
    const signed = await signWithHeader(put, s3);
    const headers = { ...signed.headers };
    delete headers['x-amz-date'];
    const err = await refusal({ ...signed, headers });
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toBe('AWS authentication requires a valid Date or x-amz-date header');
  });

  it('an unsupported scheme: InvalidArgument; Signature Version 2: InvalidRequest', async () => {
    expect((await refusal({ method: 'GET', url: '/b', headers: { authorization: 'Bearer x' } })).message).toBe('Unsupported Authorization Type');
    expect((await refusal({ method: 'GET', url: '/b', headers: { authorization: 'AWS AKID:sig' } })).code).toBe('InvalidRequest');
    expect((await refusal({ method: 'GET', url: '/b', headers: { authorization: 'AWS4-HMAC-SHA256' } })).message).toBe(
      "Authorization header is invalid -- one and only one ' ' (space) required",
    );
  });

  it('a header and a presigned query together: InvalidArgument', async () => {
    const signed = await signWithHeader(put, s3);
    const err = await refusal({ ...signed, url: `${signed.url}?X-Amz-Algorithm=AWS4-HMAC-SHA256` });
    expect(err.code).toBe('InvalidArgument');
    expect(err.message).toMatch(/^Only one auth mechanism allowed/);
  });

  it('a tampered body hash header is SignatureDoesNotMatch', async () => {
    const signed = await signWithHeader(put, s3);
    const err = await refusal({ ...signed, headers: { ...signed.headers, 'x-amz-content-sha256': sha256Hex('other') } });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});

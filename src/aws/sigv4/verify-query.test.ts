import { describe, expect, it } from 'vitest';
import { presign, signWithHeader, type SignOptions } from './sdk-signer.fixture.ts';
import { sha256Hex } from './signing-key.ts';
import { verifySigV4 } from './verify.ts';
import type { SigV4Request, VerifyOptions } from './verification.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMP = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'temporary/secret+key', sessionToken: 'FwoGZXIvYXdzEXAMPLE//token==' };

const sts: SignOptions = { service: 'sts', region: 'us-east-1', credentials: KEY, date: new Date(NOW) };
const form = 'Action=GetCallerIdentity&Version=2011-06-15';
const stsPost = {
  method: 'POST',
  host: 'sts.amazonaws.com',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: form,
};

function options(overrides: Partial<VerifyOptions<{ secretAccessKey: string; principal: string }>> = {}) {
  return {
    dialect: 'query' as const,
    service: 'sts',
    regions: ['us-east-1'],
    now: NOW,
    lookup: async (id: string, token: string | undefined) => {
      if (id === KEY.accessKeyId) return { secretAccessKey: KEY.secretAccessKey, principal: 'user/alice' };
      if (id === TEMP.accessKeyId && token === TEMP.sessionToken) return { secretAccessKey: TEMP.secretAccessKey, principal: 'assumed' };
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

describe('AWS General Reference "Signature Version 4 signing process": requests signed by the AWS SDK v3 signer verify', () => {
  it('an STS POST with a form body (the CLI and SDKs)', async () => {
    const result = await verifySigV4(await signWithHeader(stsPost, sts), options());
    expect(result.ok).toBe(true);
    if (!result.ok || result.anonymous) return;
    expect(result.accessKeyId).toBe(KEY.accessKeyId);
    expect(result.credential.principal).toBe('user/alice');
    expect(result.scope).toEqual({ date: '20240501', region: 'us-east-1', service: 'sts' });
    expect(result.form).toBe('header');
    expect(result.signedHeaders).toContain('host');
    expect(result.payload).toEqual({ kind: 'sha256', sha256: sha256Hex(form) });
  });

  it('temporary credentials: the session token reaches the lookup and the result', async () => {
    const signed = await signWithHeader(stsPost, { ...sts, credentials: TEMP });
    const result = await verifySigV4(signed, options());
    expect(result.ok && !result.anonymous && result.securityToken).toBe(TEMP.sessionToken);
  });

  it('IAM GET with odd query values: spaces, unicode, ~, +, =, &, repeated keys, empty values', async () => {
    const signed = await signWithHeader(
      {
        method: 'GET',
        host: 'iam.amazonaws.com',
        path: '/',
        query: {
          Action: 'ListRoles',
          PathPrefix: '/a b/ü/~x+y=z&w/',
          'Tags.member.1.Key': '',
          Repeated: ['b', 'a', 'a+b'],
          'Sp ace': '日本語',
        },
      },
      { ...sts, service: 'iam' },
    );
    const result = await verifySigV4(signed, options({ service: 'iam' }));
    expect(result.ok).toBe(true);
  });

  it('a non-S3 path is double-encoded: an encoded space and unicode in the path verify', async () => {
    const signed = await signWithHeader(
      { method: 'GET', host: 'example.amazonaws.com', path: '/a%20b/%C3%BC/c~d', query: {} },
      { ...sts, service: 'iam' },
    );
    const result = await verifySigV4(signed, options({ service: 'iam' }));
    expect(result.ok).toBe(true);
  });

  it('a presigned STS GetCallerIdentity URL (the EKS token shape, x-k8s-aws-id signed)', async () => {
    const signed = await presign(
      {
        method: 'GET',
        host: 'sts.amazonaws.com',
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { 'x-k8s-aws-id': 'my-cluster' },
      },
      { ...sts, credentials: TEMP },
      60,
    );
    const result = await verifySigV4({ ...signed, headers: { ...signed.headers, 'x-k8s-aws-id': 'my-cluster' } }, options());
    expect(result.ok && !result.anonymous && result.form).toBe('query');
    expect(result.ok && !result.anonymous && result.securityToken).toBe(TEMP.sessionToken);
  });

  it('STS ignores X-Amz-Expires: a presigned request is good for the 15-minute skew window only', async () => {
    const signed = await presign(
      { method: 'GET', host: 'sts.amazonaws.com', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } },
      sts,
      3600,
    );
    expect((await verifySigV4(signed, options({ now: NOW + 14 * 60_000 }))).ok).toBe(true);
    const late = await refusal(signed, options({ now: NOW + 16 * 60_000 }));
    expect(late.code).toBe('SignatureDoesNotMatch');
    expect(late.message).toMatch(/^Signature expired: /);
  });
});

describe('AWS General Reference "Troubleshoot signed requests for AWS APIs": tampering is refused with SignatureDoesNotMatch', () => {
  const tampered: [string, (r: SigV4Request) => SigV4Request][] = [
    ['the method', (r) => ({ ...r, method: 'PUT' })],
    ['the path', (r) => ({ ...r, url: '/x' })],
    ['an added query parameter', (r) => ({ ...r, url: r.url + (r.url.includes('?') ? '&' : '?') + 'a=b' })],
    ['the body', (r) => ({ ...r, bodySha256: sha256Hex(form + '&RoleArn=x') })],
    ['a signed header', (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } })],
    ['the host', (r) => ({ ...r, headers: { ...r.headers, host: 'evil.example.com' } })],
  ];
  it.each(tampered)('tampering with %s', async (_name, change) => {
    const err = await refusal(change(await signWithHeader(stsPost, sts)));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.status).toBe(403);
    expect(err.message).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\./,
    );
    expect(err.message).toContain('The Canonical String for this request should have been');
  });

  it('a wrong secret', async () => {
    const err = await refusal(await signWithHeader(stsPost, { ...sts, credentials: { ...KEY, secretAccessKey: 'wrong' } }));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('a presigned URL with its signature changed', async () => {
    const signed = await presign({ method: 'GET', host: 'sts.amazonaws.com', path: '/', query: { Action: 'GetCallerIdentity' } }, sts, 60);
    const err = await refusal({ ...signed, url: signed.url.replace(/X-Amz-Signature=[0-9a-f]/, (m) => (m.endsWith('0') ? m.slice(0, -1) + '1' : m.slice(0, -1) + '0')) });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});

describe('IAM/STS "Common Errors": authentication refusals carry AWS codes and messages', () => {
  it('no signature at all: MissingAuthenticationToken (403)', async () => {
    const err = await refusal({ method: 'POST', url: '/', headers: { host: 'sts.amazonaws.com' } });
    expect(err.code).toBe('MissingAuthenticationToken');
    expect(err.status).toBe(403);
    expect(err.message).toBe('Request is missing Authentication Token');
  });

  it('an unknown access key: InvalidClientTokenId', async () => {
    const err = await refusal(await signWithHeader(stsPost, { ...sts, credentials: { accessKeyId: 'AKIANOTKNOWN', secretAccessKey: 'x' } }));
    expect(err.code).toBe('InvalidClientTokenId');
    expect(err.message).toBe('The security token included in the request is invalid.');
  });

  it('temporary credentials with the wrong session token: InvalidClientTokenId', async () => {
    const signed = await signWithHeader(stsPost, { ...sts, credentials: { ...TEMP, sessionToken: 'forged' } });
    expect((await refusal(signed)).code).toBe('InvalidClientTokenId');
  });

  it('missing Authorization parts: IncompleteSignature naming each, then the header', async () => {
    const err = await refusal({
      method: 'POST',
      url: '/',
      headers: { host: 'sts.amazonaws.com', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-east-1/sts/aws4_request' },
    });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.status).toBe(400);
    expect(err.message).toBe(
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        'Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-east-1/sts/aws4_request',
    );
  });

  it('a stray space splits a component: IncompleteSignature names the piece without "="', async () => {
    // AWS separates components by commas or whitespace: a space pasted into the access key makes
    // the rest of the credential a component of its own.
    const header = 'AWS4-HMAC-SHA256 Credential=AKID /20240501/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab';
    const err = await refusal({ method: 'POST', url: '/', headers: { host: 'h', 'x-amz-date': '20240501T120000Z', authorization: header } });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe(
      `'/20240501/us-east-1/sts/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
    );
  });

  it('components separated by spaces only are accepted', async () => {
    const signed = await signWithHeader(stsPost, sts);
    const auth = String(signed.headers['authorization']).replace(/, /g, ' ');
    expect((await verifySigV4({ ...signed, headers: { ...signed.headers, authorization: auth } }, options())).ok).toBe(true);
  });

  it('an unsupported algorithm: IncompleteSignature', async () => {
    const err = await refusal({ method: 'POST', url: '/', headers: { host: 'h', authorization: 'Bearer abc' } });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe("Unsupported AWS 'algorithm': 'Bearer'.");
  });

  it('host not signed: SignatureDoesNotMatch', async () => {
    const err = await refusal({
      method: 'POST',
      url: '/',
      headers: {
        host: 'h',
        'x-amz-date': '20240501T120000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240501/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature=00',
      },
    });
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('a malformed X-Amz-Date: IncompleteSignature', async () => {
    const signed = await signWithHeader(stsPost, sts);
    const err = await refusal({ ...signed, headers: { ...signed.headers, 'x-amz-date': '2024-05-01T12:00:00Z' } });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe(
      "Date must be in ISO-8601 'basic format'. Got '2024-05-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    );
  });

  it('presigned parameters missing: IncompleteSignature', async () => {
    const err = await refusal({ method: 'GET', url: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T120000Z', headers: { host: 'h' } });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toBe(
      "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. " +
        "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    );
  });

  it('both an Authorization header and presigned parameters: SignatureDoesNotMatch', async () => {
    const signed = await signWithHeader(stsPost, sts);
    expect((await refusal({ ...signed, url: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256' })).code).toBe('SignatureDoesNotMatch');
  });
});

describe('AWS General Reference "Troubleshoot signed requests": clock skew and credential scope', () => {
  it('16 minutes late: "Signature expired: ... is now earlier than ... (... - 15 min.)"', async () => {
    const err = await refusal(await signWithHeader(stsPost, sts), options({ now: NOW + 16 * 60_000 }));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe('Signature expired: 20240501T120000Z is now earlier than 20240501T120100Z (20240501T121600Z - 15 min.)');
  });

  it('16 minutes early: "Signature not yet current: ... is still later than ... (... + 15 min.)"', async () => {
    const err = await refusal(await signWithHeader(stsPost, sts), options({ now: NOW - 16 * 60_000 }));
    expect(err.message).toBe('Signature not yet current: 20240501T120000Z is still later than 20240501T115900Z (20240501T114400Z + 15 min.)');
  });

  it('14 minutes either way is accepted', async () => {
    const signed = await signWithHeader(stsPost, sts);
    expect((await verifySigV4(signed, options({ now: NOW + 14 * 60_000 }))).ok).toBe(true);
    expect((await verifySigV4(signed, options({ now: NOW - 14 * 60_000 }))).ok).toBe(true);
  });

  it('a region the endpoint does not serve', async () => {
    const err = await refusal(await signWithHeader(stsPost, { ...sts, region: 'eu-west-1' }));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('another service', async () => {
    const err = await refusal(await signWithHeader(stsPost, { ...sts, service: 'iam' }));
    expect(err.message).toBe("Credential should be scoped to correct service: 'sts'.");
  });

  it('a scope date that is not the request date', async () => {
    const signed = await signWithHeader(stsPost, sts);
    const auth = String(signed.headers['authorization']).replace('/20240501/', '/20240430/');
    const err = await refusal({ ...signed, headers: { ...signed.headers, authorization: auth } });
    expect(err.message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240430' != '20240501', from '20240501T120000Z'.",
    );
  });

  it('several scope faults are reported together', async () => {
    const signed = await signWithHeader(stsPost, sts);
    const auth = String(signed.headers['authorization']).replace('us-east-1/sts/aws4_request', 'mars-1/sts/aws5_request');
    const err = await refusal({ ...signed, headers: { ...signed.headers, authorization: auth } });
    expect(err.message).toBe(
      "Credential should be scoped to a valid region, not 'mars-1'. Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    );
  });

  it('a credential without five parts: IncompleteSignature', async () => {
    const signed = await signWithHeader(stsPost, sts);
    const auth = String(signed.headers['authorization']).replace('/aws4_request', '');
    const err = await refusal({ ...signed, headers: { ...signed.headers, authorization: auth } });
    expect(err.code).toBe('IncompleteSignature');
    expect(err.message).toMatch(/^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got 'AKIAIOSFODNN7EXAMPLE\/20240501\/us-east-1\/sts'$/);
  });
});

describe('JSON protocol front door (Organizations): the same faults under the ...Exception codes', () => {
  const orgs = { method: 'POST', host: 'organizations.us-east-1.amazonaws.com', path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization' }, body: '{}' };
  const json = (o: Partial<VerifyOptions<{ secretAccessKey: string; principal: string }>> = {}) => options({ dialect: 'json', service: 'organizations', ...o });

  it('a request signed by the SDK verifies', async () => {
    expect((await verifySigV4(await signWithHeader(orgs, { ...sts, service: 'organizations' }), json())).ok).toBe(true);
  });

  it('unknown key: UnrecognizedClientException; bad signature: InvalidSignatureException; none: MissingAuthenticationTokenException', async () => {
    const unknown = await signWithHeader(orgs, { ...sts, service: 'organizations', credentials: { accessKeyId: 'AKIANOPE', secretAccessKey: 'x' } });
    expect((await refusal(unknown, json())).code).toBe('UnrecognizedClientException');
    const bad = await signWithHeader(orgs, { ...sts, service: 'organizations', credentials: { ...KEY, secretAccessKey: 'x' } });
    expect((await refusal(bad, json())).code).toBe('InvalidSignatureException');
    expect((await refusal({ method: 'POST', url: '/', headers: {} }, json())).code).toBe('MissingAuthenticationTokenException');
  });
});

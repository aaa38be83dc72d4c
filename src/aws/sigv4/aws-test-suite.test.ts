// AWS's published SigV4 test suite ("aws-sig-v4-test-suite"): fixed credentials, date, region and
// service, and the signature AWS publishes for each request. The vectors are data; verifying them
// proves the canonicalisation (path, query order, header trimming and folding, form body) agrees
// with AWS's own.
import { describe, expect, it } from 'vitest';
import { awsError } from '../errors/index.ts';
import { sha256Hex } from './signing-key.ts';
import { verifySigV4 } from './verify.ts';
import type { HeaderBag } from './canonical-request.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

interface Vector {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

const VECTORS: readonly Vector[] = [
  { name: 'get-vanilla', method: 'GET', url: '/', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  { name: 'get-unreserved', method: 'GET', url: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f' },
  { name: 'get-slashes', method: 'GET', url: '//example//', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84' },
  { name: 'get-vanilla-query-order-key-case', method: 'GET', url: '/?Param2=value2&Param1=value1', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' },
  { name: 'get-vanilla-query-order-value', method: 'GET', url: '/?Param1=value2&Param1=value1', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: '5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694' },
  { name: 'get-vanilla-utf8-query', method: 'GET', url: '/?\u1234=bar', headers: {}, body: '', signedHeaders: 'host;x-amz-date', signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04' },
  { name: 'get-header-value-order', method: 'GET', url: '/', headers: { 'my-header1': ['value4', 'value1', 'value3', 'value2'] }, body: '', signedHeaders: 'host;my-header1;x-amz-date', signature: '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01' },
  { name: 'get-header-key-duplicate', method: 'GET', url: '/', headers: { 'my-header1': ['value2', 'value2', 'value1'] }, body: '', signedHeaders: 'host;my-header1;x-amz-date', signature: 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea' },
  { name: 'get-header-value-trim', method: 'GET', url: '/', headers: { 'my-header1': ' value1', 'my-header2': '"a   b   c"' }, body: '', signedHeaders: 'host;my-header1;my-header2;x-amz-date', signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736' },
  { name: 'post-x-www-form-urlencoded', method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Param1=value1', signedHeaders: 'content-type;host;x-amz-date', signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a' },
];

function request(v: Vector, signature = v.signature): { method: string; url: string; headers: HeaderBag; bodySha256: string } {
  return {
    method: v.method,
    url: v.url,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      ...v.headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=${v.signedHeaders}, Signature=${signature}`,
    },
    bodySha256: sha256Hex(v.body),
  };
}

const options = {
  dialect: 'query' as const,
  service: 'service',
  regions: ['us-east-1'],
  now: NOW,
  lookup: async (id: string) => (id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET } : undefined),
};

describe('AWS SigV4 test suite (aws-sig-v4-test-suite): published signatures verify', () => {
  it.each(VECTORS)('$name', async (v) => {
    const result = await verifySigV4(request(v), options);
    expect(result.ok && !result.anonymous && result.accessKeyId).toBe('AKIDEXAMPLE');
  });

  it.each(VECTORS)('$name with one signature hex digit changed is refused', async (v) => {
    const flipped = (v.signature[0] === '0' ? '1' : '0') + v.signature.slice(1);
    const result = await verifySigV4(request(v, flipped), options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('SignatureDoesNotMatch');
  });

  it('get-vanilla-with-session-token: the token header is signed and handed to the lookup', async () => {
    const token = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';
    const seen: (string | undefined)[] = [];
    const result = await verifySigV4(
      {
        method: 'GET',
        url: '/',
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          'x-amz-security-token': token,
          authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8`,
        },
      },
      {
        ...options,
        lookup: async (id: string, t: string | undefined) => {
          seen.push(t);
          return id === 'AKIDEXAMPLE' ? { secretAccessKey: SECRET } : undefined;
        },
      },
    );
    expect(result.ok && !result.anonymous && result.securityToken).toBe(token);
    expect(seen).toEqual([token]);
  });

  it('a lookup may refuse the session token with its own error', async () => {
    const v = VECTORS[0];
    if (v === undefined) throw new Error('no vector');
    const result = await verifySigV4(request(v), { ...options, lookup: async () => awsError('ExpiredToken') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ExpiredToken');
  });
});

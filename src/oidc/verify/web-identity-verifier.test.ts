import { exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackIssuer, type LoopbackIssuer } from '../testing/loopback-issuer.ts';
import { signToken, testKey, type TestKey } from '../testing/signed-tokens.ts';
import { COULD_NOT_RETRIEVE_KEY, INCORRECT_AUDIENCE, NOT_A_VALID_JWT } from './errors.ts';
import { createIssuerFetch } from './issuer-fetch.ts';
import { issuerOfToken } from './parse-token.ts';
import { WebIdentityVerifier, type OidcProviderConfig, type WebIdentityResult } from './web-identity-verifier.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_SECONDS = NOW / 1000;

let issuer: LoopbackIssuer;
let rs256: TestKey;
const keys: TestKey[] = [];

beforeAll(async () => {
  issuer = await startLoopbackIssuer();
  for (const [alg, kid] of [
    ['RS256', 'rs256'],
    ['RS384', 'rs384'],
    ['RS512', 'rs512'],
    ['ES256', 'es256'],
    ['ES384', 'es384'],
    ['ES512', 'es512'],
  ] as const) {
    keys.push(await testKey(alg, kid));
  }
  const first = keys[0];
  if (first === undefined) throw new Error('no keys');
  rs256 = first;
  issuer.state.keys = keys.map((key) => key.publicJwk);
});

afterAll(async () => {
  await issuer.close();
});

function provider(overrides: Partial<OidcProviderConfig> = {}): OidcProviderConfig {
  return { url: issuer.providerUrl, clientIds: ['sts.amazonaws.com'], ...overrides };
}

function verifier(now = () => NOW): WebIdentityVerifier {
  return new WebIdentityVerifier({ fetch: createIssuerFetch(), now });
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: issuer.issuer,
    sub: 'system:serviceaccount:default:svc-test',
    aud: ['sts.amazonaws.com'],
    iat: NOW_SECONDS - 60,
    nbf: NOW_SECONDS - 60,
    exp: NOW_SECONDS + 3600,
    ...overrides,
  };
}

function refused(result: WebIdentityResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.code, message: result.message };
}

describe('AssumeRoleWithWebIdentity accepts tokens signed with RS256/384/512 or ES256/384/512 (IAM "Create an OpenID Connect (OIDC) identity provider in IAM")', () => {
  it.each(['rs256', 'rs384', 'rs512', 'es256', 'es384', 'es512'])('accepts a %s token', async (kid) => {
    const key = keys.find((candidate) => candidate.kid === kid);
    if (key === undefined) throw new Error(kid);
    const result = await verifier().verify(await signToken(key, claims()), provider());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.subject).toBe('system:serviceaccount:default:svc-test');
    expect(result.audience).toBe('sts.amazonaws.com');
    expect(result.issuer).toBe(issuer.issuer);
  });

  it('accepts the provider URL with its scheme as well as in IAM stored form', async () => {
    const token = await signToken(rs256, claims());
    expect((await verifier().verify(token, provider({ url: issuer.issuer }))).ok).toBe(true);
    expect((await verifier().verify(token, provider({ url: issuer.providerUrl }))).ok).toBe(true);
  });
});

describe('Condition keys of a verified token (IAM "Available keys for AWS OIDC federation")', () => {
  it('prefixes sub, aud, oaud and the multivalued amr with the provider URL without scheme', async () => {
    const result = await verifier().verify(await signToken(rs256, claims({ amr: ['authenticated', 'mfa'] })), provider());
    if (!result.ok) throw new Error(result.detail);
    expect(result.providerKeyPrefix).toBe(issuer.providerUrl);
    expect(result.contextEntries).toEqual({
      [`${issuer.providerUrl}:aud`]: 'sts.amazonaws.com',
      [`${issuer.providerUrl}:oaud`]: 'sts.amazonaws.com',
      [`${issuer.providerUrl}:sub`]: 'system:serviceaccount:default:svc-test',
      [`${issuer.providerUrl}:amr`]: ['authenticated', 'mfa'],
    });
  });

  it('puts azp in :aud and the token aud in :oaud when the token names an authorized party', async () => {
    const result = await verifier().verify(
      await signToken(rs256, claims({ aud: 'app-aud', azp: 'sts.amazonaws.com' })),
      provider(),
    );
    if (!result.ok) throw new Error(result.detail);
    expect(result.contextEntries[`${issuer.providerUrl}:aud`]).toBe('sts.amazonaws.com');
    expect(result.contextEntries[`${issuer.providerUrl}:oaud`]).toBe('app-aud');
  });

  it('picks the registered client ID out of a multi-valued aud', async () => {
    const result = await verifier().verify(await signToken(rs256, claims({ aud: ['other', 'sts.amazonaws.com'] })), provider());
    if (!result.ok) throw new Error(result.detail);
    expect(result.audience).toBe('sts.amazonaws.com');
    expect(result.contextEntries[`${issuer.providerUrl}:oaud`]).toEqual(['other', 'sts.amazonaws.com']);
  });
});

describe('Session tags from the https://aws.amazon.com/tags claim (IAM "Passing session tags using AssumeRoleWithWebIdentity")', () => {
  it('returns principal tags and transitive keys, and offers them as aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys', async () => {
    const tagged = claims({
      'https://aws.amazon.com/tags': {
        principal_tags: { Project: ['Automation'], CostCenter: ['987654'] },
        transitive_tag_keys: ['Project'],
      },
    });
    const result = await verifier().verify(await signToken(rs256, tagged), provider());
    if (!result.ok) throw new Error(result.detail);
    expect(result.sessionTags).toEqual({ principalTags: { Project: 'Automation', CostCenter: '987654' }, transitiveTagKeys: ['Project'] });
    expect(result.contextEntries['aws:RequestTag/Project']).toBe('Automation');
    expect(result.contextEntries['aws:TagKeys']).toEqual(['Project', 'CostCenter']);
    expect(result.contextEntries['sts:TransitiveTagKeys']).toEqual(['Project']);
  });

  it.each([
    ['a reserved aws: key', { principal_tags: { 'aws:Project': ['x'] } }],
    ['a multivalued tag', { principal_tags: { Project: ['a', 'b'] } }],
    ['keys differing only in case', { principal_tags: { Project: ['a'], project: ['b'] } }],
    ['a transitive key that is not a tag', { principal_tags: { Project: ['a'] }, transitive_tag_keys: ['Team'] }],
    ['a value over 256 characters', { principal_tags: { Project: ['x'.repeat(257)] } }],
    ['a character tags may not use', { principal_tags: { 'Pro*ject': ['a'] } }],
    ['more than 50 tags', { principal_tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ['v']])) }],
  ])('refuses %s with ValidationError', async (_name, tags) => {
    const result = await verifier().verify(await signToken(rs256, claims({ 'https://aws.amazon.com/tags': tags })), provider());
    expect(refused(result)).toEqual({ code: 'ValidationError', message: 'Unable to validate tags' });
  });
});

describe('Malformed and unsigned tokens are InvalidIdentityToken (STS API Reference "AssumeRoleWithWebIdentity", Errors)', () => {
  it('refuses a string that is not a JWT', async () => {
    expect(refused(await verifier().verify('not-a-real-jwt-token', provider()))).toEqual({
      code: 'InvalidIdentityToken',
      message: NOT_A_VALID_JWT,
    });
  });

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims())).toString('base64url');
    expect(refused(await verifier().verify(`${header}.${payload}.`, provider())).code).toBe('InvalidIdentityToken');
  });

  it('refuses HS256 signed with the issuer public key as the HMAC secret', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(rs256.publicKey));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: rs256.kid }).sign(secret);
    const result = refused(await verifier().verify(token, provider()));
    expect(result).toEqual({ code: 'InvalidIdentityToken', message: 'Unsupported token signing algorithm: HS256' });
  });

  it('refuses a token whose signature does not verify with the published key', async () => {
    const impostor = await testKey('RS256', rs256.kid);
    const result = refused(await verifier().verify(await signToken(impostor, claims()), provider()));
    expect(result).toEqual({ code: 'InvalidIdentityToken', message: 'Invalid token signature' });
  });

  it('issuerOfToken reads iss without verifying, and nothing from a non-JWT', async () => {
    expect(issuerOfToken(await signToken(rs256, claims()))).toBe(issuer.issuer);
    expect(issuerOfToken('a.b')).toBeUndefined();
  });
});

describe('The issuer must be the registered provider URL, exactly (IAM: "The URL is case-sensitive")', () => {
  it('answers "No OpenIDConnect provider found" for another issuer', async () => {
    const token = await signToken(rs256, claims({ iss: 'https://oidc.example.com/id/OTHER' }));
    expect(refused(await verifier().verify(token, provider()))).toEqual({
      code: 'InvalidIdentityToken',
      message: 'No OpenIDConnect provider found in your account for https://oidc.example.com/id/OTHER',
    });
  });

  it('treats a trailing slash as a different issuer', async () => {
    const token = await signToken(rs256, claims({ iss: `${issuer.issuer}/` }));
    expect(refused(await verifier().verify(token, provider())).message).toBe(
      `No OpenIDConnect provider found in your account for ${issuer.issuer}/`,
    );
  });

  it('never fetches over plain http from a non-loopback host', async () => {
    const fetched: string[] = [];
    const recording = new WebIdentityVerifier({
      now: () => NOW,
      fetch: async (url) => {
        fetched.push(url);
        return { status: 404, headers: {}, body: '' };
      },
    });
    const token = await signToken(rs256, claims({ iss: 'http://oidc.example.com/id/ABC' }));
    const result = refused(await recording.verify(token, provider({ url: 'http://oidc.example.com/id/ABC' })));
    expect(result.code).toBe('InvalidIdentityToken');
    expect(fetched).toEqual([]);
  });
});

describe('The audience must be one of the provider client IDs (observed: "Incorrect token audience")', () => {
  it('refuses a token for another audience', async () => {
    const result = await verifier().verify(await signToken(rs256, claims({ aud: 'sts.amazon.com' })), provider());
    expect(refused(result)).toEqual({ code: 'InvalidIdentityToken', message: INCORRECT_AUDIENCE });
  });

  it('checks azp, not aud, when the token names an authorized party', async () => {
    const result = await verifier().verify(
      await signToken(rs256, claims({ aud: 'sts.amazonaws.com', azp: 'some-other-app' })),
      provider(),
    );
    expect(refused(result).message).toBe(INCORRECT_AUDIENCE);
  });

  it.each(['aud', 'sub', 'exp', 'iat'])('answers "Missing a required claim: %s"', async (claim) => {
    const result = await verifier().verify(await signToken(rs256, claims({ [claim]: undefined })), provider());
    expect(refused(result)).toEqual({ code: 'InvalidIdentityToken', message: `Missing a required claim: ${claim}` });
  });
});

describe('Token lifetime, with the five minutes of clock skew IAM allows past exp (IAM "OIDC federation")', () => {
  it('refuses a token expired more than five minutes ago with ExpiredTokenException', async () => {
    const exp = NOW_SECONDS - 301;
    const result = await verifier().verify(await signToken(rs256, claims({ iat: exp - 3600, nbf: exp - 3600, exp })), provider());
    expect(refused(result)).toEqual({
      code: 'ExpiredTokenException',
      message: `Token expired: current date/time ${NOW_SECONDS} must be before the expiration date/time ${exp}`,
    });
  });

  it('accepts a token expired less than five minutes ago', async () => {
    const exp = NOW_SECONDS - 299;
    const result = await verifier().verify(await signToken(rs256, claims({ iat: exp - 3600, nbf: exp - 3600, exp })), provider());
    expect(result.ok).toBe(true);
  });

  it('refuses a token whose nbf is beyond the skew', async () => {
    const result = await verifier().verify(await signToken(rs256, claims({ nbf: NOW_SECONDS + 600 })), provider());
    expect(refused(result).code).toBe('InvalidIdentityToken');
    expect(refused(result).message).toContain('not yet valid');
  });

  it('refuses a token issued beyond the skew in the future', async () => {
    const result = await verifier().verify(await signToken(rs256, claims({ iat: NOW_SECONDS + 600 })), provider());
    expect(refused(result).message).toContain('issued in the future');
  });
});

// A JWKS held for a provider (podiam's extension for issuers it cannot reach): the verifier uses it
// instead of fetching, with the same key rules as a fetched JWKS.
import { describe, expect, it } from 'vitest';
import { signToken, testKey } from '../testing/signed-tokens.ts';
import { COULD_NOT_RETRIEVE_KEY } from './errors.ts';
import type { OidcFetch } from './fetch-document.ts';
import { checkJwksDocument } from './held-key-set.ts';
import { WebIdentityVerifier } from './web-identity-verifier.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER_URL = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function claims(): Record<string, unknown> {
  const now = NOW / 1000;
  return { iss: ISSUER, sub: 'system:serviceaccount:default:svc-test', aud: ['sts.amazonaws.com'], iat: now - 60, nbf: now - 60, exp: now + 3600 };
}

function offlineVerifier(fetched: string[]): WebIdentityVerifier {
  const fetch: OidcFetch = async (url) => {
    fetched.push(url);
    throw new Error('unreachable issuer');
  };
  return new WebIdentityVerifier({ fetch, now: () => NOW });
}

describe('IAM "Create an OpenID Connect (OIDC) identity provider in IAM": a held JWKS stands in for the fetched one', () => {
  it('verifies a token against the held keys without fetching anything', async () => {
    const key = await testKey('RS256', 'k1');
    const fetched: string[] = [];
    const result = await offlineVerifier(fetched).verify(await signToken(key, claims()), {
      url: PROVIDER_URL,
      clientIds: ['sts.amazonaws.com'],
      jwks: { keys: [key.publicJwk] },
    });
    expect(result.ok).toBe(true);
    expect(fetched).toEqual([]);
  });

  it('refuses a token whose kid is not held, with STS\'s could-not-retrieve-key text', async () => {
    const held = await testKey('RS256', 'k1');
    const other = await testKey('RS256', 'k2');
    const result = await offlineVerifier([]).verify(await signToken(other, claims()), {
      url: PROVIDER_URL,
      clientIds: ['sts.amazonaws.com'],
      jwks: { keys: [held.publicJwk] },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.code, result.message]).toEqual(['InvalidIdentityToken', COULD_NOT_RETRIEVE_KEY]);
  });

  it('refuses a token signed by another key under a held kid as an invalid signature', async () => {
    const held = await testKey('RS256', 'k1');
    const forger = await testKey('RS256', 'k1');
    const result = await offlineVerifier([]).verify(await signToken(forger, claims()), {
      url: PROVIDER_URL,
      clientIds: ['sts.amazonaws.com'],
      jwks: { keys: [held.publicJwk] },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('InvalidIdentityToken');
    if (!result.ok) expect(result.message).not.toBe(COULD_NOT_RETRIEVE_KEY);
  });

  it('without a held JWKS, the verifier fetches from the issuer', async () => {
    const key = await testKey('RS256', 'k1');
    const fetched: string[] = [];
    const result = await offlineVerifier(fetched).verify(await signToken(key, claims()), { url: PROVIDER_URL, clientIds: ['sts.amazonaws.com'] });
    expect(result.ok).toBe(false);
    expect(fetched).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
  });
});

describe('checkJwksDocument: a JWKS must hold at least one RSA or EC signing key, at most 100 of each', () => {
  it('accepts a kube-apiserver JWKS and lists its key IDs', async () => {
    const key = await testKey('RS256', 'abc');
    expect(checkJwksDocument({ keys: [key.publicJwk] })).toEqual({ ok: true, keyIds: ['abc'] });
  });
  it.each([
    ['not an object', []],
    ['no keys array', { key: [] }],
    ['no signing key', { keys: [{ kty: 'oct', k: 'AAAA' }] }],
    ['encryption keys only', { keys: [{ kty: 'RSA', use: 'enc', n: 'AQAB', e: 'AQAB' }] }],
  ])('refuses %s', (_name, document) => {
    expect(checkJwksDocument(document).ok).toBe(false);
  });
  it('refuses 101 RSA keys', async () => {
    const key = await testKey('RS256', 'x');
    const keys = Array.from({ length: 101 }, (_, i) => ({ ...key.publicJwk, kid: `k${i}` }));
    expect(checkJwksDocument({ keys })).toMatchObject({ ok: false });
  });
});

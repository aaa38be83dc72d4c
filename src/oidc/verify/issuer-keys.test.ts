import { beforeAll, describe, expect, it } from 'vitest';
import { signToken, testKey, type TestKey } from '../testing/signed-tokens.ts';
import { startLoopbackIssuer } from '../testing/loopback-issuer.ts';
import { COULD_NOT_RETRIEVE_KEY } from './errors.ts';
import type { OidcHttpResponse } from './fetch-document.ts';
import { createIssuerFetch } from './issuer-fetch.ts';
import { WebIdentityVerifier, type WebIdentityResult } from './web-identity-verifier.ts';

const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC';
const PROVIDER = { url: 'oidc.eks.us-east-1.amazonaws.com/id/ABC', clientIds: ['sts.amazonaws.com'] };
const JWKS_URI = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC/keys';

/** An in-memory issuer reached through the injected fetch, with a settable clock. */
class FakeIssuer {
  keys: TestKey[] = [];
  cacheControl: string | undefined = 'max-age=3600';
  jwksStatus = 200;
  discoveryBody: Record<string, unknown> = {
    issuer: ISSUER,
    jwks_uri: JWKS_URI,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
  calls: string[] = [];
  now = Date.UTC(2026, 0, 15, 12, 0, 0);
  delayMs = 0;

  readonly fetch = async (url: string): Promise<OidcHttpResponse> => {
    this.calls.push(url);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const headers = this.cacheControl === undefined ? {} : { 'Cache-Control': this.cacheControl };
    if (url === `${ISSUER}/.well-known/openid-configuration`) return { status: 200, headers, body: JSON.stringify(this.discoveryBody) };
    if (url === JWKS_URI) {
      if (this.jwksStatus !== 200) return { status: this.jwksStatus, headers: {}, body: 'error' };
      return { status: 200, headers, body: JSON.stringify({ keys: this.keys.map((key) => key.publicJwk) }) };
    }
    return { status: 404, headers: {}, body: '' };
  };

  verifier(options: { unknownKeyRefreshCooldownMs?: number } = {}): WebIdentityVerifier {
    return new WebIdentityVerifier({ fetch: this.fetch, now: () => this.now, ...options });
  }

  count(url: string): number {
    return this.calls.filter((call) => call === url).length;
  }

  async token(key: TestKey): Promise<string> {
    const iat = Math.floor(this.now / 1000);
    return signToken(key, { iss: ISSUER, sub: 'system:serviceaccount:default:app', aud: 'sts.amazonaws.com', iat, exp: iat + 3600 });
  }
}

let keyA: TestKey;
let keyB: TestKey;

beforeAll(async () => {
  keyA = await testKey('RS256', 'key-a');
  keyB = await testKey('RS256', 'key-b');
});

function code(result: WebIdentityResult): string {
  return result.ok ? 'ok' : `${result.code}: ${result.message}`;
}

describe('Discovery and JWKS are fetched once and reused for their Cache-Control max-age (IAM "OIDC federation")', () => {
  it('fetches discovery and JWKS once for many tokens', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    const verifier = issuer.verifier();
    for (let i = 0; i < 3; i += 1) expect(code(await verifier.verify(await issuer.token(keyA), PROVIDER))).toBe('ok');
    expect(issuer.count(`${ISSUER}/.well-known/openid-configuration`)).toBe(1);
    expect(issuer.count(JWKS_URI)).toBe(1);
  });

  it('refetches after max-age has passed, not before', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.cacheControl = 'public, max-age=600';
    const verifier = issuer.verifier();
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    issuer.now += 599_000;
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(1);
    issuer.now += 2_000;
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(2);
  });

  it('keeps documents for an hour when the issuer sends no Cache-Control', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.cacheControl = undefined;
    const verifier = issuer.verifier();
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    issuer.now += 3_599_000;
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(1);
    issuer.now += 2_000;
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(2);
  });

  it('holds an absurd max-age to a day', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.cacheControl = 'max-age=31536000';
    const verifier = issuer.verifier();
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    issuer.now += 86_401_000;
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(2);
  });

  it('shares one fetch among concurrent verifications', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.delayMs = 20;
    const verifier = issuer.verifier();
    const token = await issuer.token(keyA);
    const results = await Promise.all(Array.from({ length: 5 }, () => verifier.verify(token, PROVIDER)));
    expect(results.map(code)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(issuer.count(`${ISSUER}/.well-known/openid-configuration`)).toBe(1);
    expect(issuer.count(JWKS_URI)).toBe(1);
  });
});

describe('The verifier works with the standard fetch and with tokens that name no kid (STS API Reference "AssumeRoleWithWebIdentity")', () => {
  it('verifies through globalThis.fetch against a loopback issuer', async () => {
    const loopback = await startLoopbackIssuer();
    try {
      loopback.state.keys = [keyA.publicJwk];
      const iat = Math.floor(Date.now() / 1000);
      const token = await signToken(keyA, { iss: loopback.issuer, sub: 's', aud: 'sts.amazonaws.com', iat, exp: iat + 600 });
      const verifier = new WebIdentityVerifier({ fetch: globalThis.fetch, now: Date.now });
      expect(code(await verifier.verify(token, { url: loopback.providerUrl, clientIds: ['sts.amazonaws.com'] }))).toBe('ok');
    } finally {
      await loopback.close();
    }
  });

  it('tries every published key that fits the algorithm when the token has no kid', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA, keyB];
    const iat = Math.floor(issuer.now / 1000);
    const claims = { iss: ISSUER, sub: 'app', aud: 'sts.amazonaws.com', iat, exp: iat + 600 };
    const token = await signToken(keyB, claims, { kid: undefined });
    expect(code(await issuer.verifier().verify(token, PROVIDER))).toBe('ok');
    const stranger = await testKey('RS256', 'stranger');
    expect(code(await issuer.verifier().verify(await signToken(stranger, claims, { kid: undefined }), PROVIDER))).toBe(
      'InvalidIdentityToken: Invalid token signature',
    );
  });
});

describe('Key rotation: an unknown kid refetches the JWKS, at most once per cooldown (OpenID Connect Core 1.0, 10.1.1)', () => {
  it('accepts a token signed with a key the issuer added after the JWKS was cached', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    const verifier = issuer.verifier();
    expect(code(await verifier.verify(await issuer.token(keyA), PROVIDER))).toBe('ok');
    issuer.keys = [keyA, keyB];
    expect(code(await verifier.verify(await issuer.token(keyB), PROVIDER))).toBe('ok');
    expect(issuer.count(JWKS_URI)).toBe(2);
  });

  it('does not refetch again within the cooldown for forged kids', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    const verifier = issuer.verifier({ unknownKeyRefreshCooldownMs: 30_000 });
    const forged = await testKey('RS256', 'forged');
    await verifier.verify(await issuer.token(keyA), PROVIDER);
    const first = await verifier.verify(await issuer.token(forged), PROVIDER);
    const second = await verifier.verify(await issuer.token(forged), PROVIDER);
    expect(code(first)).toBe(`InvalidIdentityToken: ${COULD_NOT_RETRIEVE_KEY}`);
    expect(code(second)).toBe(`InvalidIdentityToken: ${COULD_NOT_RETRIEVE_KEY}`);
    expect(issuer.count(JWKS_URI)).toBe(2);
    issuer.now += 31_000;
    await verifier.verify(await issuer.token(forged), PROVIDER);
    expect(issuer.count(JWKS_URI)).toBe(3);
  });
});

describe('An unusable issuer means "Couldn\'t retrieve verification key" (AWS knowledge center, InvalidIdentityToken)', () => {
  const retrieve = `InvalidIdentityToken: ${COULD_NOT_RETRIEVE_KEY}`;

  it('when the JWKS endpoint fails', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.jwksStatus = 503;
    expect(code(await issuer.verifier().verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
  });

  it('when the discovery document lacks what OIDC Discovery requires', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    delete issuer.discoveryBody.id_token_signing_alg_values_supported;
    expect(code(await issuer.verifier().verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
  });

  it('when the discovery document names another issuer', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.discoveryBody.issuer = 'https://evil.example.com';
    expect(code(await issuer.verifier().verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
  });

  it('when jwks_uri is plain http on a public host (never fetched)', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = [keyA];
    issuer.discoveryBody.jwks_uri = 'http://oidc.eks.us-east-1.amazonaws.com/id/ABC/keys';
    expect(code(await issuer.verifier().verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
    expect(issuer.calls.some((call) => call.startsWith('http://'))).toBe(false);
  });

  it('when the JWKS holds more than 100 RSA keys', async () => {
    const issuer = new FakeIssuer();
    issuer.keys = Array.from({ length: 101 }, () => keyA);
    expect(code(await issuer.verifier().verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
  });

  it('when the issuer does not answer in time', async () => {
    const issuer = new FakeIssuer();
    const verifier = new WebIdentityVerifier({
      now: () => issuer.now,
      fetchTimeoutMs: 50,
      fetch: () => new Promise(() => undefined),
    });
    expect(code(await verifier.verify(await issuer.token(keyA), PROVIDER))).toBe(retrieve);
  });

  it('when nothing listens on the loopback issuer port', async () => {
    const loopback = await startLoopbackIssuer();
    await loopback.close();
    const iat = Math.floor(Date.now() / 1000);
    const token = await signToken(keyA, { iss: loopback.issuer, sub: 's', aud: 'sts.amazonaws.com', iat, exp: iat + 600 });
    const verifier = new WebIdentityVerifier({ fetch: createIssuerFetch(), now: Date.now });
    const result = await verifier.verify(token, { url: loopback.providerUrl, clientIds: ['sts.amazonaws.com'] });
    expect(code(result)).toBe(retrieve);
  });
});

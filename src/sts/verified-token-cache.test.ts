import { describe, expect, it } from 'vitest';
import type { OidcProviderConfig, VerifiedWebIdentity, WebIdentityResult } from '../oidc/index.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

const PROVIDER: OidcProviderConfig = { url: 'oidc.example.com/id/1', clientIds: ['sts.amazonaws.com'] };

function verified(expiresAt: number): VerifiedWebIdentity {
  return {
    ok: true,
    issuer: 'https://oidc.example.com/id/1',
    providerKeyPrefix: 'oidc.example.com/id/1',
    subject: 'system:serviceaccount:default:app',
    audience: 'sts.amazonaws.com',
    issuedAt: expiresAt - 3600,
    expiresAt,
    claims: {},
    contextEntries: {},
    trustPolicyOnlyKeys: [],
    sessionTags: undefined,
    sourceIdentity: undefined,
  };
}

function counting(results: (token: string) => WebIdentityResult) {
  const calls: string[] = [];
  return {
    calls,
    verifier: {
      async verify(token: string, provider: OidcProviderConfig): Promise<WebIdentityResult> {
        calls.push(`${provider.clientIds.join(',')}:${token}`);
        return results(token);
      },
    },
  };
}

describe('verified web identity tokens are remembered for a minute, never past their exp', () => {
  it('answers a repeated token from memory within a minute', async () => {
    let now = 1_000_000_000_000;
    const inner = counting(() => verified(now / 1000 + 3600));
    const cache = new VerifiedTokenCache(inner.verifier, () => now);
    await cache.verify('t1', PROVIDER);
    now += 59_000;
    expect((await cache.verify('t1', PROVIDER)).ok).toBe(true);
    expect(inner.calls).toHaveLength(1);
    now += 2_000;
    await cache.verify('t1', PROVIDER);
    expect(inner.calls).toHaveLength(2);
  });
  it('verifies again once the token\'s exp is reached', async () => {
    let now = 1_000_000_000_000;
    const exp = now / 1000 + 10;
    const inner = counting(() => verified(exp));
    const cache = new VerifiedTokenCache(inner.verifier, () => now);
    await cache.verify('t1', PROVIDER);
    now += 10_000;
    await cache.verify('t1', PROVIDER);
    expect(inner.calls).toHaveLength(2);
  });
  it('does not remember refusals', async () => {
    const inner = counting(() => ({ ok: false, code: 'InvalidIdentityToken', httpStatus: 400, message: 'Incorrect token audience', detail: '' }));
    const cache = new VerifiedTokenCache(inner.verifier, () => 1_000_000_000_000);
    await cache.verify('t1', PROVIDER);
    await cache.verify('t1', PROVIDER);
    expect(inner.calls).toHaveLength(2);
  });
  it('keys on the provider\'s client IDs and thumbprints as well as the token', async () => {
    const now = 1_000_000_000_000;
    const inner = counting(() => verified(now / 1000 + 3600));
    const cache = new VerifiedTokenCache(inner.verifier, () => now);
    await cache.verify('t1', PROVIDER);
    await cache.verify('t1', { ...PROVIDER, clientIds: ['other'] });
    await cache.verify('t1', { ...PROVIDER, thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] });
    await cache.verify('t2', PROVIDER);
    expect(inner.calls).toHaveLength(4);
  });
  it('a new held JWKS (a synced key set) is verified again', async () => {
    const now = 1_000_000_000_000;
    const inner = counting(() => verified(now / 1000 + 3600));
    const cache = new VerifiedTokenCache(inner.verifier, () => now);
    const held = { ...PROVIDER, jwks: { keys: [{ kid: 'k1' }] } };
    await cache.verify('t1', held);
    await cache.verify('t1', held);
    await cache.verify('t1', { ...PROVIDER, jwks: { keys: [{ kid: 'k2' }] } });
    expect(inner.calls).toHaveLength(2);
  });
});

import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { OidcProvider } from './oidc-providers.ts';
import { account, at, seed, storeWithAccount } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function provider(accountId: string, url: string, overrides: Partial<OidcProvider> = {}): OidcProvider {
  return {
    arn: `arn:aws:iam::${accountId}:oidc-provider/${url}`,
    accountId,
    url,
    clientIds: ['sts.amazonaws.com'],
    thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    tags: [],
    jwks: undefined,
    createdAt: at(),
    ...overrides,
  };
}

variants.describe('IAM OIDC providers (CreateOpenIDConnectProvider and its updates)', (stores) => {
  it('a provider round-trips, with a JWKS held for an issuer podiam cannot reach', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const jwks = { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB…', e: 'AQAB', alg: 'RS256', use: 'sig' }] };
    const input = provider(acct, 'oidc.eks.eu-west-1.amazonaws.com/id/ABC', { jwks, tags: [{ key: 'cluster', value: 'prod' }] });
    expect(await seed(store.oidcProviders.insert(input))).toEqual(input);
    expect(await store.oidcProviders.get(input.arn)).toEqual(input);
    expect(await store.oidcProviders.insert(input)).toEqual(new StoreConflict('oidc-provider', input.arn));
  });

  it('client IDs and thumbprints are replaced in the order given; the JWKS is cleared with null', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const input = provider(acct, 'issuer.example/cluster', { jwks: { keys: [{ kty: 'EC' }] } });
    await seed(store.oidcProviders.insert(input));
    const updated = await store.oidcProviders.update(input.arn, { clientIds: ['b', 'a', 'sts.amazonaws.com'], jwks: null });
    expect(updated).toEqual({ ...input, clientIds: ['b', 'a', 'sts.amazonaws.com'], jwks: undefined });
    expect(await store.oidcProviders.update(input.arn, { thumbprints: [] })).toEqual({ ...updated, thumbprints: [] });
  });

  it('ListOpenIDConnectProviders sees only the account’s providers; delete reports whether one existed', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account('444455556666')));
    const mine = await seed(store.oidcProviders.insert(provider(acct, 'issuer.example/a')));
    await seed(store.oidcProviders.insert(provider('444455556666', 'issuer.example/a')));
    expect(await store.oidcProviders.list(acct)).toEqual([mine]);
    expect(await store.oidcProviders.delete(mine.arn)).toBe(true);
    expect(await store.oidcProviders.delete(mine.arn)).toBe(false);
    expect((await store.oidcProviders.all()).map((p) => p.accountId)).toEqual(['444455556666']);
  });
});

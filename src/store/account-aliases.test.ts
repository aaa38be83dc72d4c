import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { account, at, seed, storeWithAccount } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';
const other = '444455556666';

variants.describe('Account aliases: unique across accounts, one per account (IAM API Reference, "CreateAccountAlias")', (stores) => {
  it('an alias is set, found by account and by name, and a new one replaces it', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const first = await seed(store.accountAliases.set({ alias: 'example-corp', accountId: acct, createdAt: at() }));
    expect(first).toEqual({ alias: 'example-corp', accountId: acct, createdAt: at() });
    expect(await store.accountAliases.ofAccount(acct)).toEqual(first);
    expect(await store.accountAliases.get('example-corp')).toEqual(first);
    await seed(store.accountAliases.set({ alias: 'example-corp-prod', accountId: acct, createdAt: at(1) }));
    expect((await store.accountAliases.all()).map((a) => a.alias)).toEqual(['example-corp-prod']);
    expect(await store.accountAliases.get('example-corp')).toBeUndefined();
  });

  it('an alias another account holds, or the one this account holds, is a conflict and changes nothing', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account(other)));
    await seed(store.accountAliases.set({ alias: 'taken', accountId: other, createdAt: at() }));
    await seed(store.accountAliases.set({ alias: 'mine', accountId: acct, createdAt: at() }));
    expect(await store.accountAliases.set({ alias: 'taken', accountId: acct, createdAt: at() })).toEqual(new StoreConflict('account-alias', 'taken'));
    expect(await store.accountAliases.set({ alias: 'mine', accountId: acct, createdAt: at(1) })).toEqual(new StoreConflict('account-alias', 'mine'));
    expect((await store.accountAliases.ofAccount(acct))?.alias).toBe('mine');
    expect((await store.accountAliases.ofAccount(other))?.alias).toBe('taken');
  });

  it('delete removes only the account’s own alias by name; deleting the account removes its alias', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account(other)));
    await seed(store.accountAliases.set({ alias: 'theirs', accountId: other, createdAt: at() }));
    await seed(store.accountAliases.set({ alias: 'mine', accountId: acct, createdAt: at() }));
    expect(await store.accountAliases.delete(acct, 'theirs')).toBe(false);
    expect(await store.accountAliases.delete(acct, 'mine')).toBe(true);
    expect(await store.accountAliases.delete(acct, 'mine')).toBe(false);
    expect(await store.accounts.delete(other)).toBe(true);
    expect(await store.accountAliases.all()).toEqual([]);
  });
});

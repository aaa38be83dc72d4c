import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { accessKey, at, seed, storeWithAccount, user } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

variants.describe('Access keys (CreateAccessKey, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed)', (stores) => {
  it('a user’s key round-trips with its secret and owner; the owner’s name follows a rename', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const alice = await seed(store.users.insert(user(acct, 'alice')));
    const input = accessKey(acct, alice.userId, 'alice1');
    const created = await seed(store.accessKeys.insert(input));
    expect(created).toEqual({ ...input, userName: 'alice', lastUsed: undefined });
    expect(await store.accessKeys.get(input.accessKeyId)).toEqual(created);
    await store.users.update(alice.userId, { name: 'alicia' });
    expect((await store.accessKeys.get(input.accessKeyId))?.userName).toBe('alicia');
  });

  it('root keys have no user and are listed apart from users’ keys', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const alice = await seed(store.users.insert(user(acct, 'alice')));
    const root = await seed(store.accessKeys.insert(accessKey(acct, undefined, 'root1')));
    const a1 = await seed(store.accessKeys.insert(accessKey(acct, alice.userId, 'alice1', { createdAt: at(1) })));
    const a2 = await seed(store.accessKeys.insert(accessKey(acct, alice.userId, 'alice2', { createdAt: at(2) })));
    expect(root).toMatchObject({ userId: undefined, userName: undefined });
    expect(await store.accessKeys.listForUser(acct, undefined)).toEqual([root]);
    expect(await store.accessKeys.listForUser(acct, alice.userId)).toEqual([a1, a2]);
  });

  it('an access key ID is unique', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const key = accessKey(acct, undefined, 'dup');
    await seed(store.accessKeys.insert(key));
    expect(await store.accessKeys.insert({ ...key, secretAccessKey: 'another' })).toEqual(new StoreConflict('access-key', key.accessKeyId));
    expect((await store.accessKeys.get(key.accessKeyId))?.secretAccessKey).toBe(key.secretAccessKey);
  });

  it('status changes are versioned writes; last-used records are not', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const key = await seed(store.accessKeys.insert(accessKey(acct, undefined, 'k')));
    const r0 = await store.revision();
    expect(await store.accessKeys.setStatus(key.accessKeyId, 'Inactive')).toEqual({ ...key, status: 'Inactive' });
    expect(await store.revision()).toBe(r0 + 1);
    expect(await store.accessKeys.recordUse(key.accessKeyId, { at: at(5), serviceName: 'sts', region: 'us-east-1' })).toBe(true);
    expect(await store.revision()).toBe(r0 + 1);
    expect((await store.accessKeys.get(key.accessKeyId))?.lastUsed).toEqual({ at: at(5), serviceName: 'sts', region: 'us-east-1' });
    expect(await store.accessKeys.setStatus('AKIANOSUCHKEY0000000', 'Active')).toBeUndefined();
  });

  it('deleting a key reports whether it existed', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const key = await seed(store.accessKeys.insert(accessKey(acct, undefined, 'k')));
    expect(await store.accessKeys.delete(key.accessKeyId)).toBe(true);
    expect(await store.accessKeys.delete(key.accessKeyId)).toBe(false);
    expect(await store.accessKeys.all()).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { IamUser } from './iam-users.ts';
import type { Page } from './pagination.ts';
import { StoreInvalidMarker } from './pagination.ts';
import { accessKey, account, group, managedPolicy, seed, storeWithAccount, user, version } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';
const other = '444455556666';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

variants.describe('IAM names are unique per account and not distinguished by case (IAM User Guide, "IAM object quotas and names")', (stores) => {
  it('a user is found by its name in any case', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const alice = await seed(store.users.insert(user(acct, 'Alice')));
    expect(await store.users.get(acct, 'alice')).toEqual(alice);
    expect(await store.users.get(acct, 'ALICE')).toEqual(alice);
    expect(await store.users.get(acct, 'Alice2')).toBeUndefined();
    expect(await store.users.getById(alice.userId)).toEqual(alice);
  });

  it('a second user whose name differs only in case is refused with a conflict', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.users.insert(user(acct, 'Alice')));
    const refused = await store.users.insert(user(acct, 'aLiCe', { userId: 'AIDAOTHER00000000001' }));
    expect(refused).toEqual(new StoreConflict('user', 'aLiCe'));
  });

  it('the same name in another account is a different user', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account(other)));
    await seed(store.users.insert(user(acct, 'Alice')));
    const second = await seed(store.users.insert(user(other, 'alice')));
    expect(await store.users.get(other, 'ALICE')).toEqual(second);
  });

  it('renaming onto a taken name (any case) is a conflict; onto a free one, or a new case of its own, succeeds', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const alice = await seed(store.users.insert(user(acct, 'alice')));
    const bob = await seed(store.users.insert(user(acct, 'bob')));
    expect(await store.users.update(bob.userId, { name: 'ALICE' })).toEqual(new StoreConflict('user', 'ALICE'));
    expect(await store.users.get(acct, 'bob')).toEqual(bob);
    expect(await store.users.update(alice.userId, { name: 'Alice' })).toMatchObject({ name: 'Alice', userId: alice.userId });
    expect(await store.users.update(bob.userId, { name: 'robert', path: '/eng/' })).toMatchObject({ name: 'robert', path: '/eng/' });
    expect(await store.users.get(acct, 'bob')).toBeUndefined();
  });
});

variants.describe('User attributes round-trip exactly', (stores) => {
  it('tags keep their order and values; a permissions boundary is set and cleared', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const tags = [
      { key: 'z-last-alphabetically', value: 'first' },
      { key: 'Team', value: 'ünïcödé ✓' },
      { key: 'empty', value: '' },
    ];
    const created = await seed(store.users.insert(user(acct, 'tagged', { tags })));
    expect(created.tags).toEqual(tags);
    const boundary = 'arn:aws:iam::111122223333:policy/Boundary';
    expect(await store.users.update(created.userId, { permissionsBoundaryArn: boundary })).toMatchObject({ permissionsBoundaryArn: boundary });
    const cleared = await store.users.update(created.userId, { permissionsBoundaryArn: null });
    expect(cleared).toEqual({ ...created, permissionsBoundaryArn: undefined });
  });

  it('updating a user that does not exist returns undefined and an empty patch changes nothing', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    expect(await store.users.update('AIDANOSUCHUSER000001', { path: '/x/' })).toBeUndefined();
    const created = await seed(store.users.insert(user(acct, 'same')));
    const revision = await store.revision();
    expect(await store.users.update(created.userId, {})).toEqual(created);
    expect(await store.revision()).toBe(revision);
  });
});

variants.describe('ListUsers: PathPrefix, MaxItems and Marker (IAM API Reference, "ListUsers")', (stores) => {
  const names = ['beta', 'Alpha', '_under', 'alpha2', 'Zed', 'delta', 'Gamma', 'svc_x', 'svc1', 'svc.x'];

  // Lower-cased, then byte order: '_' (0x5F) sorts before the letters, whatever the server's locale.
  it('lists by name without regard to case, byte order otherwise, the same on every backend', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    for (const n of names) await seed(store.users.insert(user(acct, n)));
    const all = page(await store.users.list({ accountId: acct, maxItems: 100 }));
    // (ICU's en-US order, which the PostgreSQL test databases use by default, would put 'svc_x' first.)
    expect(all.items.map((u) => u.name)).toEqual(['_under', 'Alpha', 'alpha2', 'beta', 'delta', 'Gamma', 'svc.x', 'svc1', 'svc_x', 'Zed']);
    expect(all.marker).toBeUndefined();
  });

  it('pages of MaxItems carry a marker exactly while more remain, and together list each user once', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    for (const n of names) await seed(store.users.insert(user(acct, n)));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const p = page(await store.users.list({ accountId: acct, maxItems: 3, marker }));
      seen.push(...p.items.map((u) => u.name));
      marker = p.marker;
      pages += 1;
      expect(p.items.length).toBe(marker === undefined ? 1 : 3);
    } while (marker !== undefined);
    expect(pages).toBe(4);
    expect(seen).toEqual(['_under', 'Alpha', 'alpha2', 'beta', 'delta', 'Gamma', 'svc.x', 'svc1', 'svc_x', 'Zed']);
  });

  it('a marker stays valid when users are created and deleted between pages', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    for (const n of ['a', 'b', 'c', 'd']) await seed(store.users.insert(user(acct, n)));
    const first = page(await store.users.list({ accountId: acct, maxItems: 2 }));
    expect(first.items.map((u) => u.name)).toEqual(['a', 'b']);
    await store.users.delete(user(acct, 'b').userId);
    await seed(store.users.insert(user(acct, 'bb')));
    await seed(store.users.insert(user(acct, 'A0')));
    const second = page(await store.users.list({ accountId: acct, maxItems: 10, marker: first.marker }));
    expect(second.items.map((u) => u.name)).toEqual(['bb', 'c', 'd']);
  });

  it('PathPrefix keeps users whose path starts with it, case-sensitively, with no wildcard meaning of _ or %', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.users.insert(user(acct, 'u1', { path: '/division_abc/subdivision_xyz/' })));
    await seed(store.users.insert(user(acct, 'u2', { path: '/division_abc/' })));
    await seed(store.users.insert(user(acct, 'u3', { path: '/Division_ABC/' })));
    await seed(store.users.insert(user(acct, 'u4', { path: '/divisionXabc/' })));
    await seed(store.users.insert(user(acct, 'u5', { path: '/' })));
    const list = async (pathPrefix: string) =>
      page(await store.users.list({ accountId: acct, pathPrefix, maxItems: 100 })).items.map((u) => u.name);
    expect(await list('/division_abc/')).toEqual(['u1', 'u2']);
    expect(await list('/division_abc/subdivision_xyz/')).toEqual(['u1']);
    expect(await list('/')).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(await list('/division%')).toEqual([]);
  });

  it('only the account asked about is listed', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account(other)));
    await seed(store.users.insert(user(acct, 'mine')));
    await seed(store.users.insert(user(other, 'theirs')));
    expect(page(await store.users.list({ accountId: acct, maxItems: 10 })).items.map((u) => u.name)).toEqual(['mine']);
  });

  it('a marker the store did not issue, or issued for another listing, is reported as invalid', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    for (const n of ['a', 'b']) await seed(store.users.insert(user(acct, n)));
    await seed(store.groups.insert(group(acct, 'g1')));
    await seed(store.groups.insert(group(acct, 'g2')));
    const groupMarker = page(await store.groups.list({ accountId: acct, maxItems: 1 })).marker;
    expect(groupMarker).toBeDefined();
    for (const bad of ['not-a-marker', Buffer.from('{"x":1}').toString('base64url'), groupMarker ?? '']) {
      expect(await store.users.list({ accountId: acct, maxItems: 1, marker: bad })).toEqual(new StoreInvalidMarker(bad));
    }
  });
});

variants.describe('Deleting a user leaves nothing that hangs off it', (stores) => {
  it('its inline policies, attachments, memberships and access keys go with it; a new user of the same name starts clean', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const alice = await seed(store.users.insert(user(acct, 'alice')));
    const team = await seed(store.groups.insert(group(acct, 'team')));
    const policy = await seed(store.managedPolicies.insert(managedPolicy(acct, 'P'), version(managedPolicy(acct, 'P').arn, 'v1')));
    await store.groups.addMember({ groupId: team.groupId, userId: alice.userId });
    await store.policyAttachments.attach({ policyArn: policy.arn, principalId: alice.userId, principalType: 'user', accountId: acct });
    await store.inlinePolicies.put({ principalId: alice.userId, principalType: 'user', accountId: acct, policyName: 'p', document: '{}' });
    await seed(store.accessKeys.insert(accessKey(acct, alice.userId, 'alice1')));

    expect(await store.users.delete(alice.userId)).toBe(true);
    expect(await store.users.delete(alice.userId)).toBe(false);
    expect(await store.inlinePolicies.all()).toEqual([]);
    expect(await store.policyAttachments.all()).toEqual([]);
    expect(await store.groups.allMemberships()).toEqual([]);
    expect(await store.accessKeys.all()).toEqual([]);
    expect(await store.groups.getById(team.groupId)).toEqual(team);

    const reborn: IamUser = await seed(store.users.insert(user(acct, 'alice', { userId: 'AIDAREBORNALICE00001' })));
    expect(page(await store.groups.listGroupsForUser(reborn.userId, { maxItems: 10 })).items).toEqual([]);
    expect(page(await store.policyAttachments.listForPrincipal(reborn.userId, { maxItems: 10 })).items).toEqual([]);
  });
});

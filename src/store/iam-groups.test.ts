import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { group, seed, storeWithAccount, user } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

variants.describe('IAM groups: names unique per account without regard to case; UpdateGroup renames and moves', (stores) => {
  it('a group is found in any case; a second one differing only in case is refused', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const admins = await seed(store.groups.insert(group(acct, 'Admins')));
    expect(await store.groups.get(acct, 'ADMINS')).toEqual(admins);
    expect(await store.groups.insert(group(acct, 'admins', { groupId: 'AGPAOTHERGROUP000001' }))).toEqual(
      new StoreConflict('group', 'admins'),
    );
  });

  it('renaming onto a taken name is a conflict and changes nothing; a new name and path are kept', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const a = await seed(store.groups.insert(group(acct, 'a')));
    const b = await seed(store.groups.insert(group(acct, 'b')));
    expect(await store.groups.update(b.groupId, { name: 'A' })).toEqual(new StoreConflict('group', 'A'));
    expect(await store.groups.getById(b.groupId)).toEqual(b);
    expect(await store.groups.update(a.groupId, { name: 'ops', path: '/teams/' })).toEqual({ ...a, name: 'ops', path: '/teams/' });
  });
});

variants.describe('Group membership (AddUserToGroup, RemoveUserFromGroup, GetGroup, ListGroupsForUser)', (stores) => {
  it('adding a member twice keeps one membership; removing reports whether there was one', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const g = await seed(store.groups.insert(group(acct, 'g')));
    const u = await seed(store.users.insert(user(acct, 'u')));
    expect(await store.groups.addMember({ groupId: g.groupId, userId: u.userId })).toBe(true);
    expect(await store.groups.addMember({ groupId: g.groupId, userId: u.userId })).toBe(false);
    expect(await store.groups.allMemberships()).toEqual([{ groupId: g.groupId, userId: u.userId }]);
    expect(await store.groups.removeMember({ groupId: g.groupId, userId: u.userId })).toBe(true);
    expect(await store.groups.removeMember({ groupId: g.groupId, userId: u.userId })).toBe(false);
  });

  it('members are listed by user name in pages, and a user’s groups by group name', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const g1 = await seed(store.groups.insert(group(acct, 'Zeta')));
    const g2 = await seed(store.groups.insert(group(acct, 'alpha')));
    const users = [];
    for (const n of ['carol', 'Alice', 'bob']) users.push(await seed(store.users.insert(user(acct, n))));
    for (const u of users) await store.groups.addMember({ groupId: g1.groupId, userId: u.userId });
    const [carol] = users;
    if (carol === undefined) throw new Error('no user');
    await store.groups.addMember({ groupId: g2.groupId, userId: carol.userId });

    const first = page(await store.groups.listMembers(g1.groupId, { maxItems: 2 }));
    expect(first.items.map((u) => u.name)).toEqual(['Alice', 'bob']);
    const rest = page(await store.groups.listMembers(g1.groupId, { maxItems: 2, marker: first.marker }));
    expect(rest).toEqual({ items: [carol], marker: undefined });
    expect(page(await store.groups.listGroupsForUser(carol.userId, { maxItems: 10 })).items.map((g) => g.name)).toEqual([
      'alpha',
      'Zeta',
    ]);
  });

  it('deleting a group ends its memberships but not its users', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const g = await seed(store.groups.insert(group(acct, 'g')));
    const u = await seed(store.users.insert(user(acct, 'u')));
    await store.groups.addMember({ groupId: g.groupId, userId: u.userId });
    await store.inlinePolicies.put({ principalId: g.groupId, principalType: 'group', accountId: acct, policyName: 'p', document: '{}' });
    expect(await store.groups.delete(g.groupId)).toBe(true);
    expect(await store.groups.allMemberships()).toEqual([]);
    expect(await store.inlinePolicies.all()).toEqual([]);
    expect(await store.users.getById(u.userId)).toEqual(u);
  });
});

import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { NewInstanceProfile } from './iam-instance-profiles.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { account, at, role, seed, storeWithAccount } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function profile(accountId: string, name: string, overrides: Partial<NewInstanceProfile> = {}): NewInstanceProfile {
  return {
    instanceProfileId: `AIPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(16, 'X').slice(0, 16)}`,
    accountId,
    name,
    path: '/',
    tags: [],
    createdAt: at(),
    ...overrides,
  };
}

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

variants.describe('IAM instance profiles: names unique per account without regard to case (IAM API Reference, "CreateInstanceProfile")', (stores) => {
  it('a profile round-trips with its tags and is found in any case; a second differing only in case is refused', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const input = profile(acct, 'WebServer', { path: '/app/', tags: [{ key: 'team', value: 'web' }] });
    const created = await seed(store.instanceProfiles.insert(input));
    expect(created).toEqual({ ...input, roleIds: [] });
    expect(await store.instanceProfiles.get(acct, 'webserver')).toEqual(created);
    expect(await store.instanceProfiles.getById(input.instanceProfileId)).toEqual(created);
    expect(await store.instanceProfiles.insert(profile(acct, 'WEBSERVER', { instanceProfileId: 'AIPAOTHERPROFILE0001' }))).toEqual(
      new StoreConflict('instance-profile', 'WEBSERVER'),
    );
    expect(await store.instanceProfiles.count(acct)).toBe(1);
  });

  it('the same name in another account is another profile', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account('444455556666')));
    await seed(store.instanceProfiles.insert(profile(acct, 'web')));
    await seed(store.instanceProfiles.insert(profile('444455556666', 'web', { instanceProfileId: 'AIPAOTHERACCOUNT0001' })));
    expect(await store.instanceProfiles.count(acct)).toBe(1);
    expect((await store.instanceProfiles.all()).map((p) => p.accountId)).toEqual([acct, '444455556666']);
  });

  it('tags are replaced by an update', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const created = await seed(store.instanceProfiles.insert(profile(acct, 'web')));
    const updated = await store.instanceProfiles.update(created.instanceProfileId, { tags: [{ key: 'a', value: '1' }] });
    expect(updated).toEqual({ ...created, tags: [{ key: 'a', value: '1' }] });
    expect(await store.instanceProfiles.update('AIPANOSUCHPROFILE000', { tags: [] })).toBeUndefined();
  });
});

variants.describe('Roles in instance profiles (AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile, ListInstanceProfilesForRole)', (stores) => {
  it('a role is added once, listed with the profile, and removed', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await seed(store.instanceProfiles.insert(profile(acct, 'web')));
    const r = await seed(store.roles.insert(role(acct, 'web-role')));
    expect(await store.instanceProfiles.addRole(p.instanceProfileId, r.roleId)).toBe(true);
    expect(await store.instanceProfiles.addRole(p.instanceProfileId, r.roleId)).toBe(false);
    expect((await store.instanceProfiles.get(acct, 'web'))?.roleIds).toEqual([r.roleId]);
    expect(await store.instanceProfiles.removeRole(p.instanceProfileId, r.roleId)).toBe(true);
    expect(await store.instanceProfiles.removeRole(p.instanceProfileId, r.roleId)).toBe(false);
    expect((await store.instanceProfiles.get(acct, 'web'))?.roleIds).toEqual([]);
  });

  it('profiles are listed by name in pages, under a path prefix, and for a role', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const r = await seed(store.roles.insert(role(acct, 'shared')));
    for (const [name, path] of [
      ['zeta', '/'],
      ['Alpha', '/app/'],
      ['beta', '/app/web/'],
    ] as const) {
      const p = await seed(store.instanceProfiles.insert(profile(acct, name, { path })));
      if (name !== 'beta') await store.instanceProfiles.addRole(p.instanceProfileId, r.roleId);
    }
    const first = page(await store.instanceProfiles.list({ accountId: acct, maxItems: 2 }));
    expect(first.items.map((p) => p.name)).toEqual(['Alpha', 'beta']);
    expect(first.items.map((p) => p.roleIds)).toEqual([[r.roleId], []]);
    const rest = page(await store.instanceProfiles.list({ accountId: acct, maxItems: 2, marker: first.marker }));
    expect(rest.items.map((p) => p.name)).toEqual(['zeta']);
    expect(rest.marker).toBeUndefined();
    expect(page(await store.instanceProfiles.list({ accountId: acct, maxItems: 10, pathPrefix: '/app/' })).items.map((p) => p.name)).toEqual(['Alpha', 'beta']);

    const forRole = page(await store.instanceProfiles.listForRole(r.roleId, { maxItems: 1 }));
    expect(forRole.items.map((p) => p.name)).toEqual(['Alpha']);
    const forRoleRest = page(await store.instanceProfiles.listForRole(r.roleId, { maxItems: 1, marker: forRole.marker }));
    expect(forRoleRest).toMatchObject({ items: [{ name: 'zeta' }], marker: undefined });
    // A marker of one listing means nothing to another.
    expect(await store.instanceProfiles.list({ accountId: acct, maxItems: 1, marker: forRole.marker })).toBeInstanceOf(StoreInvalidMarker);
  });

  it('deleting a profile ends its memberships but keeps the role; deleting a role takes it out of every profile', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p1 = await seed(store.instanceProfiles.insert(profile(acct, 'one')));
    const p2 = await seed(store.instanceProfiles.insert(profile(acct, 'two')));
    const r = await seed(store.roles.insert(role(acct, 'r')));
    await store.instanceProfiles.addRole(p1.instanceProfileId, r.roleId);
    await store.instanceProfiles.addRole(p2.instanceProfileId, r.roleId);
    expect(await store.instanceProfiles.delete(p1.instanceProfileId)).toBe(true);
    expect(await store.instanceProfiles.delete(p1.instanceProfileId)).toBe(false);
    expect(await store.roles.getById(r.roleId)).toBeDefined();
    expect(await store.roles.delete(r.roleId)).toBe(true);
    expect((await store.instanceProfiles.getById(p2.instanceProfileId))?.roleIds).toEqual([]);
  });

  it('deleting the account deletes its profiles', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await seed(store.instanceProfiles.insert(profile(acct, 'one')));
    const r = await seed(store.roles.insert(role(acct, 'r')));
    await store.instanceProfiles.addRole(p.instanceProfileId, r.roleId);
    expect(await store.accounts.delete(acct)).toBe(true);
    expect(await store.instanceProfiles.all()).toEqual([]);
  });
});

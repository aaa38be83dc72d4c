import { expect, it } from 'vitest';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import type { Store } from './store.ts';
import { group, managedPolicy, role, seed, storeWithAccount, user, version } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

async function createPolicy(store: Store, accountId: string | undefined, name: string, path = '/') {
  const policy = managedPolicy(accountId, name, { path });
  return seed(store.managedPolicies.insert(policy, version(policy.arn, 'v1')));
}

variants.describe('Attached managed policies (AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies)', (stores) => {
  it('attaching twice keeps one attachment; detaching reports whether there was one', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await createPolicy(store, acct, 'P');
    const r = await seed(store.roles.insert(role(acct, 'R')));
    const attachment = { policyArn: p.arn, principalId: r.roleId, principalType: 'role', accountId: acct } as const;
    expect(await store.policyAttachments.attach(attachment)).toBe(true);
    expect(await store.policyAttachments.attach(attachment)).toBe(false);
    expect(await store.policyAttachments.all()).toEqual([attachment]);
    expect(await store.policyAttachments.isAttached(p.arn, r.roleId)).toBe(true);
    expect(await store.policyAttachments.detach(p.arn, r.roleId)).toBe(true);
    expect(await store.policyAttachments.detach(p.arn, r.roleId)).toBe(false);
    expect(await store.policyAttachments.isAttached(p.arn, r.roleId)).toBe(false);
  });

  it('a principal’s policies list by policy name in pages, filtered by the policy’s path', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const r = await seed(store.roles.insert(role(acct, 'R')));
    const policies = [
      await createPolicy(store, undefined, 'ReadOnlyAccess', '/'),
      await createPolicy(store, acct, 'deploy', '/ci/'),
      await createPolicy(store, acct, 'Cache', '/ci/'),
    ];
    for (const p of policies) {
      await store.policyAttachments.attach({ policyArn: p.arn, principalId: r.roleId, principalType: 'role', accountId: acct });
    }
    const first = page(await store.policyAttachments.listForPrincipal(r.roleId, { maxItems: 2 }));
    expect(first.items.map((a) => a.policyName)).toEqual(['Cache', 'deploy']);
    const second = page(await store.policyAttachments.listForPrincipal(r.roleId, { maxItems: 2, marker: first.marker }));
    expect(second.items).toEqual([{ policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyName: 'ReadOnlyAccess' }]);
    expect(second.marker).toBeUndefined();
    expect(
      page(await store.policyAttachments.listForPrincipal(r.roleId, { maxItems: 10, pathPrefix: '/ci/' })).items.map((a) => a.policyName),
    ).toEqual(['Cache', 'deploy']);
  });
});

variants.describe('ListEntitiesForPolicy: the groups, users and roles a policy is attached to', (stores) => {
  it('lists the account’s principals by type then name, filtered by EntityFilter, with their current names', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await createPolicy(store, undefined, 'ReadOnlyAccess');
    const principals = [
      { id: (await seed(store.roles.insert(role(acct, 'zeta')))).roleId, type: 'role' },
      { id: (await seed(store.roles.insert(role(acct, 'Alpha')))).roleId, type: 'role' },
      { id: (await seed(store.users.insert(user(acct, 'bob')))).userId, type: 'user' },
      { id: (await seed(store.groups.insert(group(acct, 'ops')))).groupId, type: 'group' },
    ] as const;
    for (const { id, type } of principals) {
      await store.policyAttachments.attach({ policyArn: p.arn, principalId: id, principalType: type, accountId: acct });
    }
    await store.users.update(principals[2].id, { name: 'robert' });
    const names = async (principalType?: 'user' | 'group' | 'role') =>
      page(await store.policyAttachments.listEntities(p.arn, { accountId: acct, principalType, maxItems: 10 })).items.map(
        (e) => `${e.principalType}:${e.principalName}`,
      );
    expect(await names()).toEqual(['group:ops', 'role:Alpha', 'role:zeta', 'user:robert']);
    expect(await names('role')).toEqual(['role:Alpha', 'role:zeta']);

    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const pg = page(await store.policyAttachments.listEntities(p.arn, { accountId: acct, maxItems: 1, marker }));
      seen.push(...pg.items.map((e) => e.principalId));
      marker = pg.marker;
    } while (marker !== undefined);
    expect(seen).toEqual([principals[3].id, principals[1].id, principals[0].id, principals[2].id]);
  });
});

import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { account, at, managedPolicy, role, seed, storeWithAccount, version } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

variants.describe('IAM roles (CreateRole, GetRole, UpdateRole, UpdateAssumeRolePolicy, DeleteRole)', (stores) => {
  it('a role round-trips with its trust policy byte for byte and starts never used', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const trust = '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.example/é"},"Action":"sts:AssumeRoleWithWebIdentity"} ]\n}';
    const input = role(acct, 'WebIdentity', {
      path: '/irsa/',
      assumeRolePolicy: trust,
      description: 'pods of team blue',
      maxSessionDuration: 43200,
      tags: [{ key: 'team', value: 'blue' }],
    });
    const created = await seed(store.roles.insert(input));
    expect(created).toEqual({ ...input, lastUsed: undefined });
    expect(await store.roles.get(acct, 'webidentity')).toEqual(created);
  });

  it('names are unique per account without regard to case', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.roles.insert(role(acct, 'Deployer')));
    expect(await store.roles.insert(role(acct, 'DEPLOYER', { roleId: 'AROAOTHERROLE0000001' }))).toEqual(
      new StoreConflict('role', 'DEPLOYER'),
    );
    await seed(store.accounts.insert(account('444455556666')));
    await seed(store.roles.insert(role('444455556666', 'Deployer')));
  });

  it('an update changes only what it names; null clears the description and the boundary', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const created = await seed(
      store.roles.insert(role(acct, 'R', { description: 'd', permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' })),
    );
    const updated = await store.roles.update(created.roleId, { maxSessionDuration: 7200, assumeRolePolicy: '{"Statement":[]}' });
    expect(updated).toEqual({ ...created, maxSessionDuration: 7200, assumeRolePolicy: '{"Statement":[]}' });
    const cleared = await store.roles.update(created.roleId, { description: null, permissionsBoundaryArn: null });
    expect(cleared).toEqual({ ...updated, description: undefined, permissionsBoundaryArn: undefined });
    expect(await store.roles.update('AROANOSUCHROLE000001', { description: 'x' })).toBeUndefined();
  });

  it('a trust policy keeps the unique IDs its principals were saved as; a new trust policy replaces them (IAM User Guide, "AWS JSON policy elements: Principal")', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const ids = new Map([
      ['arn:aws:iam::111122223333:user/alice', 'AIDAALICE00000000001'],
      ['arn:aws:iam::111122223333:role/ops/Builder', 'AROABUILDER000000001'],
    ]);
    const created = await seed(store.roles.insert(role(acct, 'Bound', { trustPrincipalIds: ids })));
    expect((await (await stores.reopen()).roles.getById(created.roleId))?.trustPrincipalIds).toEqual(ids);
    expect((await store.roles.update(created.roleId, { description: 'd' }))?.trustPrincipalIds).toEqual(ids);
    const one = new Map([['arn:aws:iam::111122223333:user/bob', 'AIDABOB0000000000001']]);
    expect((await store.roles.update(created.roleId, { assumeRolePolicy: '{}', trustPrincipalIds: one }))?.trustPrincipalIds).toEqual(one);
    expect((await store.roles.update(created.roleId, { assumeRolePolicy: '{ }' }))?.trustPrincipalIds).toEqual(new Map());
  });

  it('RoleLastUsed records the latest use and region', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const created = await seed(store.roles.insert(role(acct, 'R')));
    await store.roles.recordUse(created.roleId, { at: at(10), region: 'eu-west-1' });
    await store.roles.recordUse(created.roleId, { at: at(20), region: 'us-east-1' });
    expect((await store.roles.getById(created.roleId))?.lastUsed).toEqual({ at: at(20), region: 'us-east-1' });
    expect(await store.roles.recordUse('AROANOSUCHROLE000001', { at: at(), region: 'x' })).toBe(false);
  });

  it('ListRoles pages by name with PathPrefix', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    for (const [name, path] of [['b', '/irsa/'], ['A', '/irsa/'], ['c', '/'], ['D', '/irsa/team/']] as const) {
      await seed(store.roles.insert(role(acct, name, { path })));
    }
    const first = page(await store.roles.list({ accountId: acct, pathPrefix: '/irsa/', maxItems: 2 }));
    expect(first.items.map((r) => r.name)).toEqual(['A', 'b']);
    const second = page(await store.roles.list({ accountId: acct, pathPrefix: '/irsa/', maxItems: 2, marker: first.marker }));
    expect(second.items.map((r) => r.name)).toEqual(['D']);
    expect(second.marker).toBeUndefined();
  });

  it('a role deleted and created again under the same name has a new unique ID and none of the old grants', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const old = await seed(store.roles.insert(role(acct, 'App')));
    const policy = managedPolicy(acct, 'AppAccess');
    await seed(store.managedPolicies.insert(policy, version(policy.arn, 'v1')));
    await store.policyAttachments.attach({ policyArn: policy.arn, principalId: old.roleId, principalType: 'role', accountId: acct });
    await store.inlinePolicies.put({ principalId: old.roleId, principalType: 'role', accountId: acct, policyName: 'i', document: '{}' });
    expect(await store.roles.delete(old.roleId)).toBe(true);
    const reborn = await seed(store.roles.insert(role(acct, 'App', { roleId: 'AROAREBORNAPP0000001' })));
    expect(page(await store.policyAttachments.listForPrincipal(reborn.roleId, { maxItems: 10 })).items).toEqual([]);
    expect(page(await store.inlinePolicies.list(reborn.roleId, { maxItems: 10 })).items).toEqual([]);
    expect(await store.policyAttachments.all()).toEqual([]);
  });
});

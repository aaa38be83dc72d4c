import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { ManagedPolicyListRequest } from './iam-managed-policies.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import type { Store } from './store.ts';
import { account, at, managedPolicy, role, seed, storeWithAccount, user, version } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';
const other = '444455556666';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

async function createPolicy(store: Store, accountId: string | undefined, name: string, path = '/') {
  const policy = managedPolicy(accountId, name, { path });
  return seed(store.managedPolicies.insert(policy, version(policy.arn, 'v1')));
}

variants.describe('Managed policies and versions (CreatePolicy, CreatePolicyVersion, SetDefaultPolicyVersion)', (stores) => {
  it('a policy is created with its first version, atomically', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const created = await createPolicy(store, acct, 'ReadOnly');
    expect(await store.managedPolicies.get(created.arn)).toEqual(created);
    expect(await store.managedPolicies.listVersions(created.arn)).toEqual([version(created.arn, 'v1')]);
  });

  it('a name is unique per account without regard to case, whatever the path; AWS managed names are a separate space', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.accounts.insert(account(other)));
    await createPolicy(store, acct, 'Deploy', '/a/');
    const clash = managedPolicy(acct, 'DEPLOY', { path: '/b/' });
    expect(await store.managedPolicies.insert(clash, version(clash.arn, 'v1'))).toEqual(new StoreConflict('managed-policy', 'DEPLOY'));
    // The refused insert left no version behind.
    expect(await store.managedPolicies.listVersions(clash.arn)).toEqual([]);
    await createPolicy(store, other, 'Deploy');
    await createPolicy(store, undefined, 'Deploy');
  });

  it('versions list in number order (v2 before v10); the default moves with SetDefaultPolicyVersion', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await createPolicy(store, acct, 'P');
    for (const v of ['v10', 'v2', 'v9']) await seed(store.managedPolicies.insertVersion(version(p.arn, v, `{"${v}":1}`)));
    expect(await store.managedPolicies.insertVersion(version(p.arn, 'v2'))).toEqual(new StoreConflict('policy-version', 'v2'));
    expect((await store.managedPolicies.listVersions(p.arn)).map((v) => v.versionId)).toEqual(['v1', 'v2', 'v9', 'v10']);
    const moved = await store.managedPolicies.update(p.arn, { defaultVersionId: 'v10', updatedAt: at(99) });
    expect(moved).toEqual({ ...p, defaultVersionId: 'v10', updatedAt: at(99) });
    expect(await store.managedPolicies.allDefaultVersions()).toEqual([version(p.arn, 'v10', '{"v10":1}')]);
    expect(await store.managedPolicies.deleteVersion(p.arn, 'v9')).toBe(true);
    expect(await store.managedPolicies.getVersion(p.arn, 'v9')).toBeUndefined();
  });

  it('deleting a policy removes its versions and attachments', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const p = await createPolicy(store, acct, 'P');
    const r = await seed(store.roles.insert(role(acct, 'R')));
    await store.policyAttachments.attach({ policyArn: p.arn, principalId: r.roleId, principalType: 'role', accountId: acct });
    expect(await store.managedPolicies.delete(p.arn)).toBe(true);
    expect(await store.managedPolicies.listVersions(p.arn)).toEqual([]);
    expect(await store.policyAttachments.all()).toEqual([]);
  });
});

variants.describe('ListPolicies: Scope, OnlyAttached, PathPrefix, AttachmentCount, PermissionsBoundaryUsageCount (IAM API Reference, "ListPolicies")', (stores) => {
  async function world(store: Store) {
    await storeWithAccount(store, acct);
    await seed(store.accounts.insert(account(other)));
    const awsRead = await createPolicy(store, undefined, 'ReadOnlyAccess');
    const awsAdmin = await createPolicy(store, undefined, 'AdministratorAccess', '/job-function/');
    const mine = await createPolicy(store, acct, 'readonlyaccess', '/team/');
    const theirs = await createPolicy(store, other, 'TheirPolicy');
    const r = await seed(store.roles.insert(role(acct, 'R', { permissionsBoundaryArn: mine.arn })));
    const u = await seed(store.users.insert(user(acct, 'U', { permissionsBoundaryArn: mine.arn })));
    const ru = await seed(store.roles.insert(role(other, 'R')));
    await store.policyAttachments.attach({ policyArn: awsRead.arn, principalId: r.roleId, principalType: 'role', accountId: acct });
    await store.policyAttachments.attach({ policyArn: awsRead.arn, principalId: u.userId, principalType: 'user', accountId: acct });
    await store.policyAttachments.attach({ policyArn: awsAdmin.arn, principalId: ru.roleId, principalType: 'role', accountId: other });
    return { awsRead, awsAdmin, mine, theirs };
  }
  const list = async (store: Store, request: Omit<ManagedPolicyListRequest, 'accountId' | 'maxItems'>) =>
    page(await store.managedPolicies.list({ accountId: acct, maxItems: 100, ...request })).items.map((p) => [
      p.name,
      p.attachmentCount,
      p.permissionsBoundaryUsageCount,
    ]);

  it('Scope All lists AWS managed and the account’s own, by name case-insensitively then ARN, with this account’s counts', async () => {
    const store = await stores.fresh();
    await world(store);
    // Equal names fall back to ARN order: arn:aws:iam::111122223333:… before arn:aws:iam::aws:….
    expect(await list(store, { scope: 'All' })).toEqual([
      ['AdministratorAccess', 0, 0],
      ['readonlyaccess', 0, 2],
      ['ReadOnlyAccess', 2, 0],
    ]);
  });

  it('Scope AWS and Local split the list; OnlyAttached keeps policies attached in this account; PathPrefix filters paths', async () => {
    const store = await stores.fresh();
    await world(store);
    expect(await list(store, { scope: 'AWS' })).toEqual([
      ['AdministratorAccess', 0, 0],
      ['ReadOnlyAccess', 2, 0],
    ]);
    expect(await list(store, { scope: 'Local' })).toEqual([['readonlyaccess', 0, 2]]);
    expect(await list(store, { scope: 'All', onlyAttached: true })).toEqual([['ReadOnlyAccess', 2, 0]]);
    expect(await list(store, { scope: 'All', pathPrefix: '/job-function/' })).toEqual([['AdministratorAccess', 0, 0]]);
  });

  it('pages through policies of equal names without skipping or repeating', async () => {
    const store = await stores.fresh();
    await world(store);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const p = page(await store.managedPolicies.list({ accountId: acct, scope: 'All', maxItems: 1, marker }));
      seen.push(...p.items.map((i) => i.arn));
      marker = p.marker;
    } while (marker !== undefined);
    const all = page(await store.managedPolicies.list({ accountId: acct, scope: 'All', maxItems: 100 })).items.map((i) => i.arn);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(3);
  });
});

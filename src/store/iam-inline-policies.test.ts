import { expect, it } from 'vitest';
import type { InlinePolicy } from './iam-inline-policies.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { role, seed, storeWithAccount } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

variants.describe('Inline policies (PutRolePolicy, GetRolePolicy, ListRolePolicies, DeleteRolePolicy)', (stores) => {
  const inline = (principalId: string, policyName: string, document: string): InlinePolicy => ({
    principalId,
    principalType: 'role',
    accountId: acct,
    policyName,
    document,
  });

  it('the document comes back exactly as it was put: whitespace, key order, escapes and non-ASCII', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const { roleId } = await seed(store.roles.insert(role(acct, 'R')));
    const document = '{ "Version" :"2012-10-17",\r\n\t"Statement":[{"Sid":"ünï\\u0041","Effect":"Allow","Action":"s3:*","Resource":"*"}]  }\n';
    await store.inlinePolicies.put(inline(roleId, 'S3', document));
    expect((await store.inlinePolicies.get(roleId, 'S3'))?.document).toBe(document);
  });

  it('putting a policy of an existing name (in any case) replaces it; the name becomes the one last given', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const { roleId } = await seed(store.roles.insert(role(acct, 'R')));
    await store.inlinePolicies.put(inline(roleId, 'Access', '{"v":1}'));
    const replaced = await store.inlinePolicies.put(inline(roleId, 'ACCESS', '{"v":2}'));
    expect(replaced).toEqual(inline(roleId, 'ACCESS', '{"v":2}'));
    expect(await store.inlinePolicies.all()).toEqual([inline(roleId, 'ACCESS', '{"v":2}')]);
    expect(await store.inlinePolicies.get(roleId, 'access')).toEqual(replaced);
  });

  it('policies are per principal: the same name on two roles is two policies', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const a = await seed(store.roles.insert(role(acct, 'A')));
    const b = await seed(store.roles.insert(role(acct, 'B')));
    await store.inlinePolicies.put(inline(a.roleId, 'p', '{"a":1}'));
    await store.inlinePolicies.put(inline(b.roleId, 'p', '{"b":1}'));
    expect((await store.inlinePolicies.get(a.roleId, 'p'))?.document).toBe('{"a":1}');
    expect((await store.inlinePolicies.get(b.roleId, 'p'))?.document).toBe('{"b":1}');
  });

  it('names are listed case-insensitively in pages; deleting reports whether the policy existed', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const { roleId } = await seed(store.roles.insert(role(acct, 'R')));
    for (const n of ['delta', 'Alpha', 'charlie', 'Bravo']) await store.inlinePolicies.put(inline(roleId, n, '{}'));
    const first = page(await store.inlinePolicies.list(roleId, { maxItems: 3 }));
    expect(first.items.map((p) => p.policyName)).toEqual(['Alpha', 'Bravo', 'charlie']);
    const second = page(await store.inlinePolicies.list(roleId, { maxItems: 3, marker: first.marker }));
    expect(second).toEqual({ items: [inline(roleId, 'delta', '{}')], marker: undefined });
    expect(await store.inlinePolicies.delete(roleId, 'BRAVO')).toBe(true);
    expect(await store.inlinePolicies.delete(roleId, 'bravo')).toBe(false);
    expect(page(await store.inlinePolicies.list(roleId, { maxItems: 10 })).items.map((p) => p.policyName)).toEqual([
      'Alpha',
      'charlie',
      'delta',
    ]);
  });
});

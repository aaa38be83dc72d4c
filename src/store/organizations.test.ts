import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { Organization } from './organizations.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { account, at, seed } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const management = '111111111111';

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

const organization: Organization = {
  id: 'o-exampleorgid',
  managementAccountId: management,
  featureSet: 'ALL',
  rootId: 'r-examplerootid',
  rootName: 'Root',
  enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
  createdAt: at(),
};

variants.describe('Organizations: an organization, its root, OUs and member accounts (AWS Organizations API Reference)', (stores) => {
  it('an organization is created over its management account, which then joins it under the root', async () => {
    const store = await stores.fresh();
    await store.transaction(async (tx) => {
      await seed(tx.accounts.insert(account(management)));
      await seed(tx.organizations.insert(organization));
      await tx.accounts.update(management, { organizationId: organization.id, parentId: organization.rootId });
    });
    expect(await store.organizations.get(organization.id)).toEqual(organization);
    expect(await store.organizations.getByManagementAccount(management)).toEqual(organization);
    expect(await store.accounts.get(management)).toMatchObject({ organizationId: organization.id, parentId: organization.rootId });
    const updated = await store.organizations.update(organization.id, {
      enabledPolicyTypes: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'],
    });
    expect(updated?.enabledPolicyTypes).toEqual(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
  });

  it('an OU name is unique under its parent; OUs list by name under a parent', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(management)));
    await seed(store.organizations.insert(organization));
    const unit = (id: string, parentId: string, name: string) => ({ id, organizationId: organization.id, parentId, name, createdAt: at() });
    const eng = await seed(store.organizations.insertUnit(unit('ou-root-eng00001', organization.rootId, 'Engineering')));
    await seed(store.organizations.insertUnit(unit('ou-root-fin00001', organization.rootId, 'Finance')));
    await seed(store.organizations.insertUnit(unit('ou-eng0-fin00002', eng.id, 'Finance')));
    expect(await store.organizations.insertUnit(unit('ou-root-eng00002', organization.rootId, 'Engineering'))).toEqual(
      new StoreConflict('organizational-unit', 'Engineering'),
    );
    expect(await store.organizations.renameUnit(eng.id, 'Finance')).toEqual(new StoreConflict('organizational-unit', 'Finance'));
    expect(await store.organizations.renameUnit(eng.id, 'Eng')).toEqual({ ...eng, name: 'Eng' });
    const first = page(await store.organizations.listUnits(organization.rootId, { maxItems: 1 }));
    const second = page(await store.organizations.listUnits(organization.rootId, { maxItems: 1, marker: first.marker }));
    expect([...first.items, ...second.items].map((u) => u.name)).toEqual(['Eng', 'Finance']);
    expect(second.marker).toBeUndefined();
  });

  it('accounts list by id, optionally by organization or parent; deleting the organization leaves its accounts outside any', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(management)));
    await seed(store.organizations.insert(organization));
    for (const id of ['333333333333', '222222222222']) {
      await seed(store.accounts.insert(account(id, { organizationId: organization.id, parentId: 'ou-root-eng00001', joinedMethod: 'INVITED' })));
    }
    await seed(store.accounts.insert(account('999999999999')));
    const members = page(await store.accounts.list({ organizationId: organization.id, maxItems: 10 }));
    expect(members.items.map((a) => a.id)).toEqual(['222222222222', '333333333333']);
    const p1 = page(await store.accounts.list({ maxItems: 2 }));
    const p2 = page(await store.accounts.list({ maxItems: 2, marker: p1.marker }));
    expect([...p1.items, ...p2.items].map((a) => a.id)).toEqual(['111111111111', '222222222222', '333333333333', '999999999999']);
    expect(await store.organizations.delete(organization.id)).toBe(true);
    expect((await store.accounts.all()).map((a) => a.organizationId)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('the management account of an existing organization cannot be deleted', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(management)));
    await seed(store.organizations.insert(organization));
    // SQLite: SQLITE_CONSTRAINT_FOREIGNKEY (787); PostgreSQL: foreign_key_violation (23503).
    const error: unknown = await store.accounts.delete(management).catch((err: unknown) => err);
    expect(error).toSatisfy((e: unknown) => typeof e === 'object' && e !== null && (('errcode' in e && e.errcode === 787) || ('code' in e && e.code === '23503')));
    expect(await store.accounts.get(management)).toEqual(account(management));
  });
});

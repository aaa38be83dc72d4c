import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { OrgPolicy } from './org-policies.ts';
import { account, at, seed } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const orgId = 'o-exampleorgid';

function scp(id: string, name: string, overrides: Partial<OrgPolicy> = {}): OrgPolicy {
  return {
    id,
    organizationId: orgId,
    name,
    description: '',
    type: 'SERVICE_CONTROL_POLICY',
    content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}',
    awsManaged: false,
    createdAt: at(),
    ...overrides,
  };
}

variants.describe('Organizations policies: SCPs and RCPs, and their attachment to roots, OUs and accounts', (stores) => {
  async function withOrganization() {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account('111111111111')));
    await seed(
      store.organizations.insert({
        id: orgId,
        managementAccountId: '111111111111',
        featureSet: 'ALL',
        rootId: 'r-root',
        rootName: 'Root',
        enabledPolicyTypes: [],
        createdAt: at(),
      }),
    );
    return store;
  }

  it('an organization’s policies of a type include the AWS managed ones; names are unique in the organization', async () => {
    const store = await withOrganization();
    const full = await seed(
      store.orgPolicies.insert(scp('p-FullAWSAccess', 'FullAWSAccess', { organizationId: undefined, awsManaged: true, content: '{}' })),
    );
    const deny = await seed(store.orgPolicies.insert(scp('p-deny0001', 'DenyDeletes')));
    await seed(store.orgPolicies.insert(scp('p-rcp00001', 'Rcp', { type: 'RESOURCE_CONTROL_POLICY' })));
    expect(await store.orgPolicies.insert(scp('p-deny0002', 'DenyDeletes'))).toEqual(new StoreConflict('org-policy', 'DenyDeletes'));
    expect(await store.orgPolicies.list(orgId, 'SERVICE_CONTROL_POLICY')).toEqual([deny, full]);
    expect(await store.orgPolicies.update(deny.id, { name: 'FullAWSAccess' })).toMatchObject({ name: 'FullAWSAccess' });
    expect(await store.orgPolicies.update(deny.id, { name: 'Rcp' })).toEqual(new StoreConflict('org-policy', 'Rcp'));
  });

  it('a policy attaches once per target; attachments list both ways and go when the policy goes', async () => {
    const store = await withOrganization();
    const deny = await seed(store.orgPolicies.insert(scp('p-deny0001', 'DenyDeletes')));
    const other = await seed(store.orgPolicies.insert(scp('p-other001', 'Other')));
    await seed(store.orgPolicies.attach({ policyId: deny.id, targetId: 'r-root' }));
    await seed(store.orgPolicies.attach({ policyId: deny.id, targetId: '222222222222' }));
    await seed(store.orgPolicies.attach({ policyId: other.id, targetId: 'r-root' }));
    expect(await store.orgPolicies.attach({ policyId: deny.id, targetId: 'r-root' })).toEqual(
      new StoreConflict('org-policy-attachment', 'p-deny0001 r-root'),
    );
    expect(await store.orgPolicies.attachedTo('r-root')).toEqual([deny, other]);
    expect(await store.orgPolicies.targetsOf(deny.id)).toEqual(['222222222222', 'r-root']);
    expect(await store.orgPolicies.detach({ policyId: other.id, targetId: 'r-root' })).toBe(true);
    expect(await store.orgPolicies.delete(deny.id)).toBe(true);
    expect(await store.orgPolicies.allAttachments()).toEqual([]);
  });
});

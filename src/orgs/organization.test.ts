import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, STANDALONE, orgWorld, rootOf, type OrgWorld } from './org-world.fixture.ts';

let world: OrgWorld;
beforeEach(async () => {
  world = await orgWorld();
});
afterEach(async () => {
  await world.close();
});

describe('CreateOrganization (Organizations API Reference)', () => {
  it("makes the caller's account the management account of a new organization with FeatureSet ALL", async () => {
    const { Organization: org } = (await world.ok('CreateOrganization', {})) as { Organization: Record<string, unknown> };
    expect(org['Id']).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(org).toMatchObject({
      FeatureSet: 'ALL',
      MasterAccountId: MANAGEMENT,
      MasterAccountEmail: `${MANAGEMENT}@example.com`,
      Arn: `arn:aws:organizations::${MANAGEMENT}:organization/${String(org['Id'])}`,
      MasterAccountArn: `arn:aws:organizations::${MANAGEMENT}:account/${String(org['Id'])}/${MANAGEMENT}`,
      AvailablePolicyTypes: [],
    });
    const account = await world.store.accounts.get(MANAGEMENT);
    expect(account?.organizationId).toBe(org['Id']);
    expect(world.snapshot().accounts.get(MANAGEMENT)?.isManagement).toBe(true);
  });

  it('FeatureSet CONSOLIDATED_BILLING is kept', async () => {
    const out = (await world.ok('CreateOrganization', { FeatureSet: 'CONSOLIDATED_BILLING' })) as { Organization: { FeatureSet: string } };
    expect(out.Organization.FeatureSet).toBe('CONSOLIDATED_BILLING');
  });

  it('an account already in an organization gets AlreadyInOrganizationException', async () => {
    await world.ok('CreateOrganization', {});
    const error = await world.fails('CreateOrganization', {});
    expect(error.code).toBe('AlreadyInOrganizationException');
    expect(error.message).toBe('The AWS account is already a member of an organization.');
  });

  it('a member account cannot create another organization', async () => {
    await world.ok('CreateOrganization', {});
    const created = (await world.ok('CreateAccount', { Email: 'dev@example.com', AccountName: 'dev' })) as { CreateAccountStatus: { Id: string } };
    const status = (await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: created.CreateAccountStatus.Id })) as { CreateAccountStatus: { AccountId: string } };
    expect((await world.fails('CreateOrganization', {}, rootOf(status.CreateAccountStatus.AccountId))).code).toBe('AlreadyInOrganizationException');
  });

  it('an IAM principal without organizations:CreateOrganization gets AccessDeniedException', async () => {
    const alice = await world.user(MANAGEMENT, 'alice', [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'organizations:Describe*', Resource: '*' }] }]);
    const error = await world.fails('CreateOrganization', {}, alice);
    expect(error.code).toBe('AccessDeniedException');
    expect(error.message).toBe("You don't have permissions to access this resource.");
    expect(await world.store.organizations.getByManagementAccount(MANAGEMENT)).toBeUndefined();
  });

  it('an IAM principal allowed organizations:* may create it', async () => {
    const admin = await world.user(MANAGEMENT, 'admin', [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'organizations:*', Resource: '*' }] }]);
    await world.ok('CreateOrganization', {}, admin);
  });
});

describe('DescribeOrganization (Organizations API Reference: "can be called from any account in the organization")', () => {
  it('an account in no organization gets AWSOrganizationsNotInUseException', async () => {
    const error = await world.fails('DescribeOrganization', {});
    expect(error.code).toBe('AWSOrganizationsNotInUseException');
    expect(error.message).toBe('Your account is not a member of an organization.');
  });

  it('the management account and a member account see the same organization', async () => {
    const created = (await world.ok('CreateOrganization', {})) as { Organization: { Id: string } };
    const request = (await world.ok('CreateAccount', { Email: 'dev@example.com', AccountName: 'dev' })) as { CreateAccountStatus: { Id: string } };
    const status = (await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id })) as { CreateAccountStatus: { AccountId: string } };
    const fromManagement = (await world.ok('DescribeOrganization', {})) as { Organization: { Id: string } };
    const fromMember = (await world.ok('DescribeOrganization', {}, rootOf(status.CreateAccountStatus.AccountId))) as { Organization: { Id: string; MasterAccountId: string } };
    expect(fromManagement.Organization.Id).toBe(created.Organization.Id);
    expect(fromMember.Organization).toMatchObject({ Id: created.Organization.Id, MasterAccountId: MANAGEMENT });
  });
});

describe('ListRoots (Organizations API Reference)', () => {
  it('the one root, named Root, with the enabled policy types', async () => {
    await world.ok('CreateOrganization', {});
    const { Roots } = (await world.ok('ListRoots', {})) as { Roots: { Id: string; Name: string; Arn: string; PolicyTypes: unknown[] }[] };
    expect(Roots).toHaveLength(1);
    const root = Roots[0];
    expect(root?.Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(root?.Name).toBe('Root');
    expect(root?.Arn).toMatch(new RegExp(`^arn:aws:organizations::${MANAGEMENT}:root/o-[a-z0-9]{10}/${root?.Id ?? ''}$`));
    expect(root?.PolicyTypes).toEqual([]);
    await world.ok('EnablePolicyType', { RootId: root?.Id, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const after = (await world.ok('ListRoots', {})) as { Roots: { PolicyTypes: unknown[] }[] };
    expect(after.Roots[0]?.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
  });

  it('only the management account may list roots: a member gets AccessDeniedException, a stranger AWSOrganizationsNotInUseException', async () => {
    await world.ok('CreateOrganization', {});
    const request = (await world.ok('CreateAccount', { Email: 'dev@example.com', AccountName: 'dev' })) as { CreateAccountStatus: { Id: string } };
    const status = (await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id })) as { CreateAccountStatus: { AccountId: string } };
    expect((await world.fails('ListRoots', {}, rootOf(status.CreateAccountStatus.AccountId))).code).toBe('AccessDeniedException');
    expect((await world.fails('ListRoots', {}, rootOf(STANDALONE))).code).toBe('AWSOrganizationsNotInUseException');
  });
});

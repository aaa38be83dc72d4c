import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMINISTRATOR_ACCESS_ARN, createAccountRequestId } from './index.ts';
import { MANAGEMENT, STANDALONE, orgWorld, rootOf, type OrgWorld } from './org-world.fixture.ts';

interface Status {
  Id: string;
  AccountName: string;
  State: string;
  AccountId?: string;
  FailureReason?: string;
  RequestedTimestamp: Date;
  CompletedTimestamp?: Date;
}

let world: OrgWorld;
beforeEach(async () => {
  world = await orgWorld();
  await world.ok('CreateOrganization', {});
});
afterEach(async () => {
  await world.close();
});

async function createAccount(name: string, extra: Record<string, unknown> = {}): Promise<{ request: Status; status: Status }> {
  const request = ((await world.ok('CreateAccount', { Email: `${name}@example.com`, AccountName: name, ...extra })) as { CreateAccountStatus: Status }).CreateAccountStatus;
  const status = ((await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.Id })) as { CreateAccountStatus: Status }).CreateAccountStatus;
  return { request, status };
}

describe('CreateAccount and DescribeCreateAccountStatus (Organizations API Reference)', () => {
  it('answers IN_PROGRESS with a car- request ID that DescribeCreateAccountStatus reports SUCCEEDED with the account ID', async () => {
    const { request, status } = await createAccount('dev');
    expect(request.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    expect(request).toMatchObject({ AccountName: 'dev', State: 'IN_PROGRESS' });
    expect(request.AccountId).toBeUndefined();
    expect(status).toMatchObject({ Id: request.Id, AccountName: 'dev', State: 'SUCCEEDED' });
    expect(status.AccountId).toMatch(/^\d{12}$/);
    expect(status.CompletedTimestamp).toBeInstanceOf(Date);
    const account = await world.store.accounts.get(status.AccountId ?? '');
    expect(account).toMatchObject({ name: 'dev', email: 'dev@example.com', joinedMethod: 'CREATED', status: 'ACTIVE' });
    const org = await world.store.organizations.getByManagementAccount(MANAGEMENT);
    expect(account?.organizationId).toBe(org?.id);
    expect(account?.parentId).toBe(org?.rootId);
  });

  it('the request ID is the same after the store is read again (it names the account, not process memory)', async () => {
    const { request, status } = await createAccount('dev');
    const account = await world.store.accounts.get(status.AccountId ?? '');
    if (account === undefined) throw new Error('no account');
    expect(createAccountRequestId(account)).toBe(request.Id);
  });

  it('creates OrganizationAccountAccessRole trusting the management account, with AdministratorAccess attached', async () => {
    const { status } = await createAccount('dev');
    const accountId = status.AccountId ?? '';
    const role = await world.store.roles.get(accountId, 'OrganizationAccountAccessRole');
    expect(role).toBeDefined();
    expect(JSON.parse(role?.assumeRolePolicy ?? '{}')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }],
    });
    expect(await world.store.policyAttachments.isAttached(ADMINISTRATOR_ACCESS_ARN, role?.roleId ?? '')).toBe(true);
    // The snapshot sees the role with its compiled trust policy and the administrator policy.
    const entry = world.snapshot().role(accountId, 'OrganizationAccountAccessRole');
    expect(entry?.trust).toBeDefined();
    expect(entry?.policies.length).toBe(1);
  });

  it('RoleName names the role', async () => {
    const { status } = await createAccount('ops', { RoleName: 'AdminFromManagement' });
    expect(await world.store.roles.get(status.AccountId ?? '', 'AdminFromManagement')).toBeDefined();
    expect(await world.store.roles.get(status.AccountId ?? '', 'OrganizationAccountAccessRole')).toBeUndefined();
  });

  it('an e-mail address already in use: the request FAILED with EMAIL_ALREADY_EXISTS, and no account', async () => {
    const before = (await world.store.accounts.all()).length;
    const request = ((await world.ok('CreateAccount', { Email: `${MANAGEMENT}@EXAMPLE.com`, AccountName: 'dup' })) as { CreateAccountStatus: Status }).CreateAccountStatus;
    expect(request.State).toBe('IN_PROGRESS');
    const status = ((await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.Id })) as { CreateAccountStatus: Status }).CreateAccountStatus;
    expect(status).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS', AccountName: 'dup' });
    expect(status.AccountId).toBeUndefined();
    expect((await world.store.accounts.all()).length).toBe(before);
  });

  it('a request ID that was never issued: CreateAccountStatusNotFoundException', async () => {
    const { request } = await createAccount('dev');
    const forged = `${request.Id.slice(0, -1)}${request.Id.endsWith('0') ? '1' : '0'}`;
    for (const id of ['car-abcdefgh', forged]) {
      const error = await world.fails('DescribeCreateAccountStatus', { CreateAccountRequestId: id });
      expect(error.code).toBe('CreateAccountStatusNotFoundException');
    }
  });

  it('a malformed e-mail address fails validation', async () => {
    const error = await world.fails('CreateAccount', { Email: 'not-an-address', AccountName: 'x' });
    expect(error.message).toMatch(/Value 'not-an-address' at 'email' failed to satisfy constraint/);
  });

  it('a member account may not create accounts', async () => {
    const { status } = await createAccount('dev');
    expect((await world.fails('CreateAccount', { Email: 'x@example.com', AccountName: 'x' }, rootOf(status.AccountId ?? ''))).code).toBe('AccessDeniedException');
  });

  it('a standalone account gets AWSOrganizationsNotInUseException', async () => {
    expect((await world.fails('CreateAccount', { Email: 'x@example.com', AccountName: 'x' }, rootOf(STANDALONE))).code).toBe('AWSOrganizationsNotInUseException');
  });

  it('ListCreateAccountStatus lists the requests, filtered by state', async () => {
    await createAccount('a');
    await world.ok('CreateAccount', { Email: `${MANAGEMENT}@example.com`, AccountName: 'dup' });
    const all = (await world.ok('ListCreateAccountStatus', {})) as { CreateAccountStatuses: Status[] };
    expect(all.CreateAccountStatuses.map((s) => s.State).sort()).toEqual(['FAILED', 'SUCCEEDED']);
    const failed = (await world.ok('ListCreateAccountStatus', { States: ['FAILED'] })) as { CreateAccountStatuses: Status[] };
    expect(failed.CreateAccountStatuses.map((s) => s.AccountName)).toEqual(['dup']);
  });
});

describe('ListAccounts and DescribeAccount (Organizations API Reference)', () => {
  it('lists the management account and the members, in pages of MaxResults with NextToken', async () => {
    const created = [await createAccount('a'), await createAccount('b')].map((c) => c.status.AccountId);
    const first = (await world.ok('ListAccounts', { MaxResults: 2 })) as { Accounts: { Id: string }[]; NextToken?: string };
    expect(first.Accounts).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = (await world.ok('ListAccounts', { MaxResults: 2, NextToken: first.NextToken })) as { Accounts: { Id: string }[]; NextToken?: string };
    expect(second.Accounts).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect([...first.Accounts, ...second.Accounts].map((a) => a.Id).sort()).toEqual([MANAGEMENT, ...created].sort());
    // The standalone account is not in the organization.
    expect([...first.Accounts, ...second.Accounts].map((a) => a.Id)).not.toContain(STANDALONE);
  });

  it('the management account joined INVITED when it created the organization; created accounts CREATED', async () => {
    const { status } = await createAccount('a');
    const { Accounts } = (await world.ok('ListAccounts', {})) as { Accounts: { Id: string; JoinedMethod: string; Status: string; Arn: string }[] };
    const org = await world.store.organizations.getByManagementAccount(MANAGEMENT);
    expect(Accounts.find((a) => a.Id === MANAGEMENT)).toMatchObject({ JoinedMethod: 'INVITED', Status: 'ACTIVE' });
    expect(Accounts.find((a) => a.Id === status.AccountId)).toMatchObject({
      JoinedMethod: 'CREATED',
      Arn: `arn:aws:organizations::${MANAGEMENT}:account/${org?.id ?? ''}/${status.AccountId ?? ''}`,
    });
  });

  it('MaxResults above 20 fails validation; a NextToken not issued is InvalidInputException', async () => {
    expect((await world.fails('ListAccounts', { MaxResults: 21 })).message).toMatch(/at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20/);
    const error = await world.fails('ListAccounts', { NextToken: 'bogus' });
    expect(error.code).toBe('InvalidInputException');
    expect(error.fields['Reason']).toBe('INVALID_PAGINATION_TOKEN');
  });

  it('DescribeAccount finds accounts of the organization only (AccountNotFoundException)', async () => {
    const { status } = await createAccount('a');
    const { Account } = (await world.ok('DescribeAccount', { AccountId: status.AccountId })) as { Account: { Name: string; Email: string } };
    expect(Account).toMatchObject({ Name: 'a', Email: 'a@example.com' });
    const error = await world.fails('DescribeAccount', { AccountId: STANDALONE });
    expect(error.code).toBe('AccountNotFoundException');
    expect(error.message).toBe("You specified an account that doesn't exist.");
  });
});

// Organizations end to end with the AWS SDK for JavaScript v3 (@aws-sdk/client-organizations) and boto3
// (Organizations API Reference): the JSON 1.1 protocol as both SDKs speak it — modelled errors with their
// extra members (ConstraintViolationException.Reason), the SDKs' paginators over NextToken, timestamps,
// and CreateAccount's asynchronous status as the SDKs poll it.
import {
  AttachPolicyCommand,
  ConstraintViolationException,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
  PolicyTypeNotEnabledException,
  paginateListAccounts,
  type Account,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let client: OrganizationsClient;
let rootId = '';
const members: string[] = [];

async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; Reason?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  podiam = await startPodiam({ accountId: '200000000002' });
  client = new OrganizationsClient({
    endpoint: podiam.url,
    region: 'us-east-1',
    credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey },
  });
}, 60_000);
afterAll(async () => {
  client.destroy();
  await podiam.stop();
});

describe('AWS SDK for JavaScript v3: @aws-sdk/client-organizations', () => {
  it('DescribeOrganization before CreateOrganization throws the modelled AWSOrganizationsNotInUseException (HTTP 400)', async () => {
    const err = await errorOf(client.send(new DescribeOrganizationCommand({})));
    expect(err.name).toBe('AWSOrganizationsNotInUseException');
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('CreateOrganization, ListRoots and EnablePolicyType', async () => {
    const { Organization } = await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(Organization?.MasterAccountId).toBe(podiam.accountId);
    const { Roots } = await client.send(new ListRootsCommand({}));
    rootId = Roots?.[0]?.Id ?? '';
    expect(rootId).toMatch(/^r-/);
    const { Root } = await client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect(Root?.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
  });

  it('CreateAccount, then DescribeCreateAccountStatus until SUCCEEDED, as the SDK documentation polls it', async () => {
    for (const name of ['alpha', 'beta', 'gamma']) {
      const { CreateAccountStatus } = await client.send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }));
      expect(CreateAccountStatus?.State).toBe('IN_PROGRESS');
      expect(CreateAccountStatus?.RequestedTimestamp).toBeInstanceOf(Date);
      let status = CreateAccountStatus;
      for (let i = 0; i < 10 && status?.State === 'IN_PROGRESS'; i += 1) {
        status = (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus?.Id ?? '' }))).CreateAccountStatus;
      }
      expect(status?.State).toBe('SUCCEEDED');
      members.push(status?.AccountId ?? '');
    }
    const { Account: described } = await client.send(new DescribeAccountCommand({ AccountId: members[0] }));
    expect(described).toMatchObject({ Name: 'alpha', Email: 'alpha@example.com', JoinedMethod: 'CREATED' });
    expect(described?.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it('paginateListAccounts follows NextToken across pages', async () => {
    const accounts: Account[] = [];
    for await (const page of paginateListAccounts({ client, pageSize: 2 }, {})) accounts.push(...(page.Accounts ?? []));
    expect(accounts.map((a) => a.Id).sort()).toEqual([podiam.accountId, ...members].sort());
  });

  it('CreatePolicy over 5,120 characters: ConstraintViolationException with Reason POLICY_CONTENT_LIMIT_EXCEEDED', async () => {
    const content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'a'.repeat(5200), Effect: 'Deny', Action: '*', Resource: '*' }] });
    const err = await errorOf(client.send(new CreatePolicyCommand({ Name: 'big', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: content })));
    expect(err).toBeInstanceOf(ConstraintViolationException);
    expect(err.Reason).toBe('POLICY_CONTENT_LIMIT_EXCEEDED');
  });

  it('AttachPolicy and DetachPolicy; an RCP before RCPs are enabled is PolicyTypeNotEnabledException', async () => {
    const { Policy } = await client.send(
      new CreatePolicyCommand({
        Name: 'deny-leave',
        Description: 'members stay',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }),
      }),
    );
    const id = Policy?.PolicySummary?.Id ?? '';
    await client.send(new AttachPolicyCommand({ PolicyId: id, TargetId: members[0] ?? '' }));
    const attached = await client.send(new ListPoliciesForTargetCommand({ TargetId: members[0] ?? '', Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(attached.Policies?.map((p) => p.Id).sort()).toEqual(['p-FullAWSAccess', id].sort());
    await client.send(new DetachPolicyCommand({ PolicyId: id, TargetId: members[0] ?? '' }));
    const rcp = await client.send(
      new CreatePolicyCommand({
        Name: 'tls-only',
        Description: '',
        Type: 'RESOURCE_CONTROL_POLICY',
        Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
      }),
    );
    const err = await errorOf(client.send(new AttachPolicyCommand({ PolicyId: rcp.Policy?.PolicySummary?.Id ?? '', TargetId: rootId })));
    expect(err).toBeInstanceOf(PolicyTypeNotEnabledException);
  });
});

describe('boto3 (botocore\'s Organizations model)', () => {
  it('paginators, modelled exceptions and describe calls work unchanged', () => {
    const script = String.raw`
import json, boto3
c = boto3.client('organizations')
out = {}
out['accounts'] = sorted(a['Id'] for p in c.get_paginator('list_accounts').paginate(PaginationConfig={'PageSize': 1}) for a in p['Accounts'])
out['org'] = c.describe_organization()['Organization']['MasterAccountId']
try:
    c.describe_account(AccountId='999999999999')
except c.exceptions.AccountNotFoundException as e:
    out['notFound'] = e.response['Error']['Code']
try:
    c.create_policy(Name='bad', Description='', Type='SERVICE_CONTROL_POLICY', Content='{"Statement": []}')
except c.exceptions.MalformedPolicyDocumentException as e:
    out['malformed'] = e.response['Error']['Message']
try:
    c.detach_policy(PolicyId='p-FullAWSAccess', TargetId=out['accounts'][0])
except c.exceptions.ConstraintViolationException as e:
    out['reason'] = e.response['Reason']
out['roots'] = [r['PolicyTypes'] for r in c.list_roots()['Roots']]
print(json.dumps(out))
`;
    const result = python(script, podiam.env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.json).toEqual({
      accounts: [podiam.accountId, ...members].sort(),
      org: podiam.accountId,
      notFound: 'AccountNotFoundException',
      malformed: 'The provided policy document does not meet the requirements of the specified policy type.',
      reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      roots: [[{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]],
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, orgWorld, type OrgWorld } from './org-world.fixture.ts';

interface Summary {
  Id: string;
  Arn: string;
  Name: string;
  Type: string;
  AwsManaged: boolean;
  Description: string;
}

const denyS3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });

let world: OrgWorld;
let orgId: string;
beforeEach(async () => {
  world = await orgWorld();
  orgId = ((await world.ok('CreateOrganization', {})) as { Organization: { Id: string } }).Organization.Id;
});
afterEach(async () => {
  await world.close();
});

async function createScp(name: string, content = denyS3): Promise<Summary> {
  const out = (await world.ok('CreatePolicy', { Name: name, Description: `${name} policy`, Type: 'SERVICE_CONTROL_POLICY', Content: content })) as {
    Policy: { PolicySummary: Summary; Content: string };
  };
  return out.Policy.PolicySummary;
}

describe('CreatePolicy (Organizations API Reference) for service control policies', () => {
  it('stores the policy with its p- ID and ARN under the management account', async () => {
    const summary = await createScp('deny-s3');
    expect(summary.Id).toMatch(/^p-[0-9a-z]{8}$/);
    expect(summary).toMatchObject({
      Arn: `arn:aws:organizations::${MANAGEMENT}:policy/${orgId}/service_control_policy/${summary.Id}`,
      Name: 'deny-s3',
      Description: 'deny-s3 policy',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
    });
    const described = (await world.ok('DescribePolicy', { PolicyId: summary.Id })) as { Policy: { Content: string } };
    expect(described.Policy.Content).toBe(denyS3);
  });

  it('a document the SCP grammar refuses is MalformedPolicyDocumentException ("SCP syntax": no Principal)', async () => {
    const content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    const error = await world.fails('CreatePolicy', { Name: 'bad', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: content });
    expect(error.code).toBe('MalformedPolicyDocumentException');
    expect(error.message).toBe('The provided policy document does not meet the requirements of the specified policy type.');
  });

  it('"Every SCP includes Version 2012-10-17"; not JSON at all is malformed too', async () => {
    for (const content of [JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }), '{not json']) {
      expect((await world.fails('CreatePolicy', { Name: 'v', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: content })).code).toBe('MalformedPolicyDocumentException');
    }
  });

  it('"Quotas for AWS Organizations": more than 5,120 characters, white space included, is ConstraintViolationException POLICY_CONTENT_LIMIT_EXCEEDED', async () => {
    const base = { Version: '2012-10-17', Statement: [{ Sid: 'x', Effect: 'Deny', Action: 's3:*', Resource: '*' }] };
    const fits = JSON.stringify(base).length;
    const pad = (n: number) => JSON.stringify(base).replace('"Sid":"x"', `"Sid":"x"${' '.repeat(n)}`);
    await createScp('fits', pad(5120 - fits));
    const error = await world.fails('CreatePolicy', { Name: 'big', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: pad(5121 - fits) });
    expect(error.code).toBe('ConstraintViolationException');
    expect(error.fields['Reason']).toBe('POLICY_CONTENT_LIMIT_EXCEEDED');
    expect(error.message).toBe('You have exceeded the maximum policy size.');
  });

  it('a second policy of the same name is DuplicatePolicyException', async () => {
    await createScp('deny-s3');
    const error = await world.fails('CreatePolicy', { Name: 'deny-s3', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: denyS3 });
    expect(error.code).toBe('DuplicatePolicyException');
  });

  it('an RCP may only deny ("RCP syntax"): an Allow is malformed, a Deny with Principal * is stored', async () => {
    const allow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
    expect((await world.fails('CreatePolicy', { Name: 'r', Description: '', Type: 'RESOURCE_CONTROL_POLICY', Content: allow })).code).toBe('MalformedPolicyDocumentException');
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    const out = (await world.ok('CreatePolicy', { Name: 'r', Description: '', Type: 'RESOURCE_CONTROL_POLICY', Content: deny })) as { Policy: { PolicySummary: Summary } };
    expect(out.Policy.PolicySummary.Arn).toContain('/resource_control_policy/');
  });

  it('policy types podiam does not implement are refused with InvalidInputException', async () => {
    const error = await world.fails('CreatePolicy', { Name: 't', Description: '', Type: 'TAG_POLICY', Content: '{}' });
    expect(error.code).toBe('InvalidInputException');
  });

  it('an organization with consolidated billing only has no SCPs (PolicyTypeNotAvailableForOrganizationException)', async () => {
    const other = await orgWorld();
    try {
      await other.ok('CreateOrganization', { FeatureSet: 'CONSOLIDATED_BILLING' });
      const error = await other.fails('CreatePolicy', { Name: 'x', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: denyS3 });
      expect(error.code).toBe('PolicyTypeNotAvailableForOrganizationException');
    } finally {
      await other.close();
    }
  });
});

describe('ListPolicies, DescribePolicy, UpdatePolicy, DeletePolicy (Organizations API Reference)', () => {
  it('ListPolicies with Filter lists the AWS managed FullAWSAccess and the customer SCPs, not RCPs', async () => {
    await createScp('deny-s3');
    const { Policies } = (await world.ok('ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY' })) as { Policies: Summary[] };
    expect(Policies.map((p) => p.Name).sort()).toEqual(['FullAWSAccess', 'deny-s3']);
    expect(Policies.find((p) => p.Name === 'FullAWSAccess')).toMatchObject({
      Id: 'p-FullAWSAccess',
      AwsManaged: true,
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    });
    const rcps = (await world.ok('ListPolicies', { Filter: 'RESOURCE_CONTROL_POLICY' })) as { Policies: Summary[] };
    expect(rcps.Policies.map((p) => p.Id)).toEqual(['p-RCPFullAWSAccess']);
  });

  it('ListPolicies pages with MaxResults and NextToken', async () => {
    for (const n of ['a', 'b', 'c']) await createScp(n);
    const first = (await world.ok('ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 3 })) as { Policies: Summary[]; NextToken?: string };
    const second = (await world.ok('ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 3, NextToken: first.NextToken })) as { Policies: Summary[]; NextToken?: string };
    expect([...first.Policies, ...second.Policies].map((p) => p.Name)).toEqual(['FullAWSAccess', 'a', 'b', 'c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('DescribePolicy of an unknown policy is PolicyNotFoundException', async () => {
    const error = await world.fails('DescribePolicy', { PolicyId: 'p-00000000' });
    expect(error.code).toBe('PolicyNotFoundException');
  });

  it('UpdatePolicy changes name, description and content; content is checked again', async () => {
    const summary = await createScp('deny-s3');
    const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const out = (await world.ok('UpdatePolicy', { PolicyId: summary.Id, Name: 'renamed', Description: 'new', Content: allowAll })) as {
      Policy: { PolicySummary: Summary; Content: string };
    };
    expect(out.Policy.PolicySummary).toMatchObject({ Name: 'renamed', Description: 'new' });
    expect(out.Policy.Content).toBe(allowAll);
    expect((await world.fails('UpdatePolicy', { PolicyId: summary.Id, Content: '{"Statement":[]}' })).code).toBe('MalformedPolicyDocumentException');
  });

  it('AWS managed policies cannot be updated or deleted', async () => {
    expect((await world.fails('UpdatePolicy', { PolicyId: 'p-FullAWSAccess', Name: 'x' })).code).toBe('AccessDeniedException');
    expect((await world.fails('DeletePolicy', { PolicyId: 'p-FullAWSAccess' })).code).toBe('AccessDeniedException');
  });

  it('DeletePolicy refuses an attached policy (PolicyInUseException) and deletes a detached one', async () => {
    const roots = (await world.ok('ListRoots', {})) as { Roots: { Id: string }[] };
    const rootId = roots.Roots[0]?.Id ?? '';
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const summary = await createScp('deny-s3');
    await world.ok('AttachPolicy', { PolicyId: summary.Id, TargetId: rootId });
    const error = await world.fails('DeletePolicy', { PolicyId: summary.Id });
    expect(error.code).toBe('PolicyInUseException');
    await world.ok('DetachPolicy', { PolicyId: summary.Id, TargetId: rootId });
    await world.ok('DeletePolicy', { PolicyId: summary.Id });
    expect((await world.fails('DescribePolicy', { PolicyId: summary.Id })).code).toBe('PolicyNotFoundException');
  });

  it('an IAM principal denied organizations:DescribePolicy on the policy ARN gets AccessDeniedException', async () => {
    const summary = await createScp('deny-s3');
    const reader = await world.user(MANAGEMENT, 'reader', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'organizations:*', Resource: '*' }, { Effect: 'Deny', Action: 'organizations:DescribePolicy', Resource: summary.Arn }] },
    ]);
    expect((await world.fails('DescribePolicy', { PolicyId: summary.Id }, reader)).code).toBe('AccessDeniedException');
    await world.ok('DescribePolicy', { PolicyId: 'p-FullAWSAccess' }, reader);
  });

  it('organizations:PolicyType conditions see the policy type', async () => {
    const scpOnly = await world.user(MANAGEMENT, 'scp-admin', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'organizations:CreatePolicy', Resource: '*', Condition: { StringEquals: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' } } }] },
    ]);
    await world.ok('CreatePolicy', { Name: 'scp', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: denyS3 }, scpOnly);
    const rcp = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] });
    expect((await world.fails('CreatePolicy', { Name: 'rcp', Description: '', Type: 'RESOURCE_CONTROL_POLICY', Content: rcp }, scpOnly)).code).toBe('AccessDeniedException');
  });
});

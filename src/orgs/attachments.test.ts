import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeCall, type Caller } from '../identity/index.ts';
import { MANAGEMENT, STANDALONE, orgWorld, rootOf, type OrgWorld } from './org-world.fixture.ts';

const denyS3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });

let world: OrgWorld;
let rootId: string;
let member: string;
beforeEach(async () => {
  world = await orgWorld();
  await world.ok('CreateOrganization', {});
  rootId = ((await world.ok('ListRoots', {})) as { Roots: { Id: string }[] }).Roots[0]?.Id ?? '';
  const request = (await world.ok('CreateAccount', { Email: 'dev@example.com', AccountName: 'dev' })) as { CreateAccountStatus: { Id: string } };
  member = ((await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id })) as { CreateAccountStatus: { AccountId: string } })
    .CreateAccountStatus.AccountId;
});
afterEach(async () => {
  await world.close();
});

async function createScp(name: string, content = denyS3): Promise<string> {
  const out = (await world.ok('CreatePolicy', { Name: name, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: content })) as { Policy: { PolicySummary: { Id: string } } };
  return out.Policy.PolicySummary.Id;
}

async function policiesOn(targetId: string, filter = 'SERVICE_CONTROL_POLICY'): Promise<string[]> {
  const out = (await world.ok('ListPoliciesForTarget', { TargetId: targetId, Filter: filter })) as { Policies: { Id: string }[] };
  return out.Policies.map((p) => p.Id).sort();
}

describe('EnablePolicyType and DisablePolicyType (Organizations API Reference; "Enabling a policy type")', () => {
  it('enabling SCPs attaches FullAWSAccess to the root and every account, including accounts created later', async () => {
    const out = (await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })) as { Root: { PolicyTypes: unknown[] } };
    expect(out.Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    for (const target of [rootId, MANAGEMENT, member]) expect(await policiesOn(target)).toEqual(['p-FullAWSAccess']);
    const request = (await world.ok('CreateAccount', { Email: 'late@example.com', AccountName: 'late' })) as { CreateAccountStatus: { Id: string } };
    const late = ((await world.ok('DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id })) as { CreateAccountStatus: { AccountId: string } })
      .CreateAccountStatus.AccountId;
    expect(await policiesOn(late)).toEqual(['p-FullAWSAccess']);
  });

  it('enabling RCPs attaches RCPFullAWSAccess', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' });
    expect(await policiesOn(member, 'RESOURCE_CONTROL_POLICY')).toEqual(['p-RCPFullAWSAccess']);
  });

  it('enabling twice is PolicyTypeAlreadyEnabledException; disabling what is not enabled is PolicyTypeNotEnabledException', async () => {
    expect((await world.fails('DisablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })).code).toBe('PolicyTypeNotEnabledException');
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    expect((await world.fails('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })).code).toBe('PolicyTypeAlreadyEnabledException');
  });

  it('a root that is not the organization\'s is RootNotFoundException', async () => {
    expect((await world.fails('EnablePolicyType', { RootId: 'r-zzzz', PolicyType: 'SERVICE_CONTROL_POLICY' })).code).toBe('RootNotFoundException');
  });

  it('disabling detaches every policy of the type, and SCPs stop applying', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const deny = await createScp('deny-s3');
    await world.ok('AttachPolicy', { PolicyId: deny, TargetId: member });
    await world.ok('DisablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    expect(await policiesOn(member)).toEqual([]);
    expect(world.snapshot().accounts.get(member)?.scps).toBeUndefined();
  });
});

describe('AttachPolicy and DetachPolicy (Organizations API Reference)', () => {
  it('attaching before the type is enabled is PolicyTypeNotEnabledException', async () => {
    const deny = await createScp('deny-s3');
    const error = await world.fails('AttachPolicy', { PolicyId: deny, TargetId: member });
    expect(error.code).toBe('PolicyTypeNotEnabledException');
    expect(error.message).toBe('This operation can be performed only for enabled policy types.');
  });

  it('a target outside the organization is TargetNotFoundException; an unknown policy PolicyNotFoundException', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const deny = await createScp('deny-s3');
    expect((await world.fails('AttachPolicy', { PolicyId: deny, TargetId: STANDALONE })).code).toBe('TargetNotFoundException');
    expect((await world.fails('AttachPolicy', { PolicyId: 'p-12345678', TargetId: member })).code).toBe('PolicyNotFoundException');
  });

  it('a target ID of the wrong form fails validation', async () => {
    const error = await world.fails('AttachPolicy', { PolicyId: 'p-12345678', TargetId: 'bogus' });
    expect(error.message).toMatch(/at 'targetId' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('attaching twice is DuplicatePolicyAttachmentException; detaching what is not attached PolicyNotAttachedException', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const deny = await createScp('deny-s3');
    await world.ok('AttachPolicy', { PolicyId: deny, TargetId: member });
    expect((await world.fails('AttachPolicy', { PolicyId: deny, TargetId: member })).code).toBe('DuplicatePolicyAttachmentException');
    expect((await world.fails('DetachPolicy', { PolicyId: deny, TargetId: rootId })).code).toBe('PolicyNotAttachedException');
    expect(await policiesOn(member)).toEqual(['p-FullAWSAccess', deny].sort());
  });

  it('"Maximum number of policies of a type attached to a root, OU, or account: 5"', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    for (const n of ['a', 'b', 'c', 'd']) await world.ok('AttachPolicy', { PolicyId: await createScp(n), TargetId: member });
    const error = await world.fails('AttachPolicy', { PolicyId: await createScp('e'), TargetId: member });
    expect(error.code).toBe('ConstraintViolationException');
    expect(error.fields['Reason']).toBe('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('the last SCP of a target cannot be detached (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED)', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const error = await world.fails('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: member });
    expect(error.code).toBe('ConstraintViolationException');
    expect(error.fields['Reason']).toBe('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    const allowAll = await createScp('allow-all', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    await world.ok('AttachPolicy', { PolicyId: allowAll, TargetId: member });
    await world.ok('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: member });
    expect(await policiesOn(member)).toEqual([allowAll]);
  });

  it('ListTargetsForPolicy names the root and accounts a policy is attached to', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const { Targets } = (await world.ok('ListTargetsForPolicy', { PolicyId: 'p-FullAWSAccess' })) as { Targets: { TargetId: string; Type: string; Name: string }[] };
    expect(Targets.map((t) => [t.TargetId, t.Type]).sort()).toEqual([[MANAGEMENT, 'ACCOUNT'], [member, 'ACCOUNT'], [rootId, 'ROOT']].sort());
    expect(Targets.find((t) => t.TargetId === member)?.Name).toBe('dev');
  });

  it('a member account may not attach policies', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const deny = await createScp('deny-s3');
    expect((await world.fails('AttachPolicy', { PolicyId: deny, TargetId: member }, rootOf(member))).code).toBe('AccessDeniedException');
  });
});

describe('SCPs as the engine applies them (Organizations User Guide, "SCP evaluation"; SCPs do not affect the management account)', () => {
  const s3Call = (caller: Caller) =>
    authorizeCall(world.snapshot(), caller, { sourceIp: '127.0.0.1', secureTransport: true, region: 'us-east-1', now: new Date() }, {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::bucket/key',
      resourceAccount: caller.principal.accountId ?? '',
    }).decision.decision;

  it('a Deny SCP on a member account denies its root user at once; the management account is unaffected', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    expect(s3Call(rootOf(member))).toBe('allowed');
    const deny = await createScp('deny-s3');
    await world.ok('AttachPolicy', { PolicyId: deny, TargetId: rootId });
    expect(s3Call(rootOf(member))).not.toBe('allowed');
    expect(s3Call(rootOf(MANAGEMENT))).toBe('allowed');
    await world.ok('DetachPolicy', { PolicyId: deny, TargetId: rootId });
    expect(s3Call(rootOf(member))).toBe('allowed');
  });

  it('with FullAWSAccess detached from the account and only a narrower Allow left, other actions are denied', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const onlyIam = await createScp('only-iam', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }));
    await world.ok('AttachPolicy', { PolicyId: onlyIam, TargetId: member });
    await world.ok('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: member });
    expect(s3Call(rootOf(member))).not.toBe('allowed');
  });

  it('UpdatePolicy changes what the SCP denies immediately', async () => {
    await world.ok('EnablePolicyType', { RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' });
    const policy = await createScp('deny-ec2', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }));
    await world.ok('AttachPolicy', { PolicyId: policy, TargetId: member });
    expect(s3Call(rootOf(member))).toBe('allowed');
    await world.ok('UpdatePolicy', { PolicyId: policy, Content: denyS3 });
    expect(s3Call(rootOf(member))).not.toBe('allowed');
  });
});

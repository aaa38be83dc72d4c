import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botocore, botocoreAvailable, type OperationShapes } from '../../aws/botocore.fixture.ts';
import { ACCOUNT, iamWorld, OTHER_ACCOUNT, rootOf, type IamWorld } from '../instance-profiles/iam-world.fixture.ts';
import { iamOperations } from '../index.ts';
import { policyVariableNames } from './policy-variable-names.ts';

let world: IamWorld;
beforeEach(async () => {
  world = await iamWorld();
});
afterEach(async () => {
  await world.close();
});

/** A 2012-10-17 identity policy of one statement. */
function policy(statement: Record<string, unknown>, version: string | null = '2012-10-17'): string {
  return JSON.stringify({ ...(version !== null ? { Version: version } : {}), Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', ...statement }] });
}

function condition(operator: string, key: string, value: unknown = 'x'): string {
  return policy({ Condition: { [operator]: { [key]: value } } });
}

async function customKeys(...documents: string[]): Promise<unknown> {
  return (await world.ok('GetContextKeysForCustomPolicy', { PolicyInputList: documents }))['ContextKeyNames'];
}

async function principalKeys(arn: string, documents?: string[]): Promise<unknown> {
  const input = documents === undefined ? { PolicySourceArn: arn } : { PolicySourceArn: arn, PolicyInputList: documents };
  return (await world.ok('GetContextKeysForPrincipalPolicy', input))['ContextKeyNames'];
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('GetContextKeysForCustomPolicy (IAM API Reference, "GetContextKeysForCustomPolicy")', () => {
  it('the AWS CLI reference example: the Resource variable and the condition key, as written, in that order', async () => {
    const example = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 'dynamodb:*',
        Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } },
      },
    });
    expect(await customKeys(example)).toEqual(['aws:username', 'aws:CurrentTime']);
  });

  it('lists every condition key of every statement of every policy once, the first spelling standing for the others', async () => {
    const first = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'a', 'aws:PrincipalTag/team': 'x' } } },
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringLike: { 'S3:Prefix': 'b*' } } },
      ],
    });
    const second = condition('IpAddress', 'aws:SourceIp', '10.0.0.0/8');
    const third = condition('Bool', 'AWS:securetransport', 'true');
    expect(await customKeys(first, second, third)).toEqual(['s3:prefix', 'aws:PrincipalTag/team', 'aws:SecureTransport', 'aws:SourceIp']);
  });

  it('a condition key is reported as written, whatever its case', async () => {
    expect(await customKeys(condition('StringEquals', 'AWS:UserName'))).toEqual(['AWS:UserName']);
  });

  it('policy variables in String condition values count, with or without a default value', async () => {
    const doc = policy({
      Condition: {
        StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'none'}" },
        StringLike: { 's3:prefix': '${aws:username}/*' },
      },
    });
    expect(await customKeys(doc)).toEqual(['aws:ResourceTag/team', 'aws:PrincipalTag/team', 's3:prefix', 'aws:username']);
  });

  it('${*}, ${?} and ${$} are characters, not keys', async () => {
    expect(await customKeys(policy({ Resource: 'arn:aws:s3:::b/${*}/${?}/${$}/${aws:userid}' }))).toEqual(['aws:userid']);
  });

  it('without Version 2012-10-17 variables are literal text and name no key; condition keys still count', async () => {
    const doc = policy({ Resource: 'arn:aws:s3:::b/${aws:username}', Condition: { StringEquals: { 'aws:RequestedRegion': '${aws:userid}' } } }, null);
    expect(await customKeys(doc)).toEqual(['aws:RequestedRegion']);
  });

  it('a NotResource variable counts as a Resource one does', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::home/${aws:username}/*' }] });
    expect(await customKeys(doc)).toEqual(['aws:username']);
  });

  it('a condition key with ${...} in it is a literal key name, listed as written', async () => {
    expect(await customKeys(condition('StringEquals', 'aws:RequestTag/${aws:PrincipalTag/team}'))).toEqual(['aws:RequestTag/${aws:PrincipalTag/team}']);
  });

  it('policies with no condition and no variable reference no key: an empty list', async () => {
    expect(await customKeys(policy({}))).toEqual([]);
  });

  it('a document that is not JSON is InvalidInput with the policy engine\'s message', async () => {
    const err = await world.fails('GetContextKeysForCustomPolicy', { PolicyInputList: [policy({}), '{"Version":'] });
    expect([err.code, err.message]).toEqual(['InvalidInput', 'Syntax errors in policy.']);
  });

  it('an identity policy naming a Principal is InvalidInput', async () => {
    const err = await world.fails('GetContextKeysForCustomPolicy', { PolicyInputList: [policy({ Principal: '*' })] });
    expect([err.code, err.message]).toEqual(['InvalidInput', 'Policy document should not specify a principal.']);
  });

  it('PolicyInputList is required', async () => {
    const err = await world.fails('GetContextKeysForCustomPolicy', {});
    expect(err.message).toContain("'policyInputList'");
  });

  it('is authorised as iam:GetContextKeysForCustomPolicy on *', async () => {
    const denied = await world.user(ACCOUNT, 'reader', [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:SimulateCustomPolicy', Resource: '*' }] }]);
    const err = await world.fails('GetContextKeysForCustomPolicy', { PolicyInputList: [policy({})] }, denied);
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toContain('iam:GetContextKeysForCustomPolicy on resource: *');
    const allowed = await world.user(ACCOUNT, 'analyst', [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetContextKeysForCustomPolicy', Resource: '*' }] }]);
    const out = await world.ok('GetContextKeysForCustomPolicy', { PolicyInputList: [condition('StringEquals', 'aws:username')] }, allowed);
    expect(out['ContextKeyNames']).toEqual(['aws:username']);
  });
});

describe('GetContextKeysForPrincipalPolicy (IAM API Reference, "GetContextKeysForPrincipalPolicy")', () => {
  async function userWithEverything(): Promise<string> {
    const user = (await world.ok('CreateUser', { UserName: 'alice', Path: '/eng/' }))['User'] as { Arn: string };
    await world.ok('PutUserPolicy', { UserName: 'alice', PolicyName: 'inline', PolicyDocument: condition('StringEquals', 'aws:RequestedRegion') });
    const managed = (await world.ok('CreatePolicy', { PolicyName: 'managed', PolicyDocument: policy({ Resource: 'arn:aws:s3:::home/${aws:username}' }) }))['Policy'] as { Arn: string };
    await world.ok('AttachUserPolicy', { UserName: 'alice', PolicyArn: managed.Arn });
    await world.ok('CreateGroup', { GroupName: 'devs' });
    await world.ok('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' });
    await world.ok('PutGroupPolicy', { GroupName: 'devs', PolicyName: 'g', PolicyDocument: condition('Bool', 'aws:MultiFactorAuthPresent', 'true') });
    const groupManaged = (await world.ok('CreatePolicy', { PolicyName: 'group-managed', PolicyDocument: condition('StringEquals', 'AWS:REQUESTEDREGION') }))['Policy'] as { Arn: string };
    await world.ok('AttachGroupPolicy', { GroupName: 'devs', PolicyArn: groupManaged.Arn });
    return user.Arn;
  }

  it("a user's inline and attached managed policies and its groups' policies, each key once", async () => {
    const arn = await userWithEverything();
    expect(arn).toBe(`arn:aws:iam::${ACCOUNT}:user/eng/alice`);
    expect(await principalKeys(arn)).toEqual(['aws:RequestedRegion', 'aws:username', 'aws:MultiFactorAuthPresent']);
  });

  it('the policies given in PolicyInputList are added to the principal\'s own', async () => {
    const arn = await userWithEverything();
    expect(await principalKeys(arn, [condition('StringEquals', 'aws:username'), condition('NumericLessThan', 'aws:MultiFactorAuthAge', '3600')])).toEqual([
      'aws:RequestedRegion',
      'aws:username',
      'aws:MultiFactorAuthPresent',
      'aws:MultiFactorAuthAge',
    ]);
  });

  it("a group's keys are its own policies' only, not its members'", async () => {
    await userWithEverything();
    expect(await principalKeys(`arn:aws:iam::${ACCOUNT}:group/devs`)).toEqual(['aws:MultiFactorAuthPresent', 'AWS:REQUESTEDREGION']);
  });

  it("a role's inline and attached managed policies; its trust policy and permissions boundary are not among them", async () => {
    const role = (await world.ok('CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: TRUST }))['Role'] as { Arn: string };
    await world.ok('PutRolePolicy', { RoleName: 'app', PolicyName: 'p', PolicyDocument: condition('StringEquals', 'ec2:ResourceTag/env', 'dev') });
    const boundary = (await world.ok('CreatePolicy', { PolicyName: 'boundary', PolicyDocument: condition('StringEquals', 'aws:PrincipalOrgID', 'o-1') }))['Policy'] as { Arn: string };
    await world.ok('PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: boundary.Arn });
    expect(await principalKeys(role.Arn)).toEqual(['ec2:ResourceTag/env']);
  });

  it('a principal with no policies and no PolicyInputList references no key', async () => {
    await world.ok('CreateUser', { UserName: 'bare' });
    expect(await principalKeys(`arn:aws:iam::${ACCOUNT}:user/bare`)).toEqual([]);
  });

  it('an unknown user, group or role is NoSuchEntity, as is one of another account', async () => {
    const user = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/nobody` });
    expect([user.code, user.message]).toEqual(['NoSuchEntity', 'The user with name nobody cannot be found.']);
    const role = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/nobody` });
    expect([role.code, role.message]).toEqual(['NoSuchEntity', 'The role with name nobody cannot be found.']);
    const group = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:group/nobody` });
    expect(group.code).toBe('NoSuchEntity');
    await world.ok('CreateUser', { UserName: 'elsewhere' }, rootOf(OTHER_ACCOUNT));
    const other = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/elsewhere` });
    expect(other.code).toBe('NoSuchEntity');
  });

  // IAM answers an assumed-role ARN with "Invalid Entity Arn: ARN" (as boto3 users have reported it).
  it.each([`arn:aws:iam::${ACCOUNT}:instance-profile/web`, `arn:aws:sts::${ACCOUNT}:assumed-role/app/session`])(
    '%s is an ARN of no user, group or role: InvalidInput "Invalid Entity Arn"',
    async (arn) => {
      const err = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: arn });
      expect([err.code, err.message]).toEqual(['InvalidInput', `Invalid Entity Arn: ${arn}`]);
    },
  );
  it.each(['arn:aws:iam::aws:policy/AdministratorAccess', `arn:aws:iam::${ACCOUNT}:user/`, 'arn:aws:iam::no-account:user/x'])('%s is not a principal ARN at all: InvalidInput', async (arn) => {
    const err = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: arn });
    expect([err.code, err.message]).toEqual(['InvalidInput', `ARN ${arn} is not valid.`]);
  });

  it('a bad document in PolicyInputList is InvalidInput', async () => {
    await world.ok('CreateUser', { UserName: 'bob' });
    const err = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/bob`, PolicyInputList: ['nope'] });
    expect([err.code, err.message]).toEqual(['InvalidInput', 'Syntax errors in policy.']);
  });

  it("is authorised as iam:GetContextKeysForPrincipalPolicy on the principal's ARN", async () => {
    await world.ok('CreateUser', { UserName: 'bob' });
    await world.ok('PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: condition('StringEquals', 'aws:username') });
    await world.ok('CreateUser', { UserName: 'carol' });
    const caller = await world.user(ACCOUNT, 'auditor', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetContextKeysForPrincipalPolicy', Resource: `arn:aws:iam::${ACCOUNT}:user/bob` }] },
    ]);
    const ok = await world.ok('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/bob` }, caller);
    expect(ok['ContextKeyNames']).toEqual(['aws:username']);
    const err = await world.fails('GetContextKeysForPrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/carol` }, caller);
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toContain(`iam:GetContextKeysForPrincipalPolicy on resource: arn:aws:iam::${ACCOUNT}:user/carol`);
  });
});

describe('policy variable names ("IAM policy elements: Variables and tags")', () => {
  it.each([
    ['arn:aws:s3:::b/${aws:username}', ['aws:username']],
    ["${aws:PrincipalTag/team, 'none'}-${aws:userid}", ['aws:PrincipalTag/team', 'aws:userid']],
    ['${*}${?}${$}', []],
    ['${aws:username', []],
    ['${}', []],
    ['no variables', []],
  ])('%s names %j', (value, names) => {
    expect(policyVariableNames(value)).toEqual(names);
  });
});

describe.skipIf(!botocoreAvailable)('GetContextKeysFor* response shape matches botocore (GetContextKeysForPolicyResponse)', () => {
  const names = ['GetContextKeysForCustomPolicy', 'GetContextKeysForPrincipalPolicy'];
  const models = botocore(names.map((operation) => ({ kind: 'shapes', service: 'iam', operation }))) as OperationShapes[];
  for (const [i, name] of names.entries()) {
    it(name, () => {
      const op = iamOperations().find((o) => o.name === name);
      expect(op?.output).toEqual({ ...models[i]?.output, required: undefined });
    });
  }
});

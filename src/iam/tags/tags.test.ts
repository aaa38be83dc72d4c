// IAM User Guide, "Tagging IAM resources", "Rules for tagging in IAM and AWS STS":
// - "You cannot create a tag key or value that begins with the text aws:. This tag prefix is reserved
//   for AWS internal use."
// - "Tag key values for IAM users and roles are not case sensitive, but case is preserved ... If you
//   have tagged a user with the Department=finance tag and you add the department=hr tag, it replaces
//   the first tag."
// - "For other IAM resource types, tag key values are case sensitive ... the policy will have both the
//   Costcenter and costcenter tag keys."
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamWorld, type IamWorld } from '../instance-profiles/iam-world.fixture.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });

let world: IamWorld;
beforeEach(async () => {
  world = await iamWorld();
});
afterEach(async () => {
  await world.close();
});

describe('the aws: prefix is reserved in tag keys and values', () => {
  it.each([
    ['a key', [{ Key: 'aws:team', Value: 'a' }]],
    ['a key in another case', [{ Key: 'AWS:team', Value: 'a' }]],
    ['a value', [{ Key: 'team', Value: 'aws:a' }]],
  ])('TagRole, TagUser, CreatePolicy and CreateRole refuse %s with InvalidInput, and nothing is tagged', async (_what, Tags) => {
    await world.ok('CreateRole', { RoleName: 'web', AssumeRolePolicyDocument: TRUST });
    await world.ok('CreateUser', { UserName: 'alice' });
    for (const [action, input] of [
      ['TagRole', { RoleName: 'web', Tags }],
      ['TagUser', { UserName: 'alice', Tags }],
      ['CreatePolicy', { PolicyName: 'p', PolicyDocument: POLICY, Tags }],
      ['CreateRole', { RoleName: 'other', AssumeRolePolicyDocument: TRUST, Tags }],
    ] as const) {
      const err = await world.fails(action, input);
      expect([action, err.code]).toEqual([action, 'InvalidInput']);
      expect(err.message).toContain('aws:');
    }
    expect((await world.ok('ListRoleTags', { RoleName: 'web' }))['Tags']).toEqual([]);
    expect((await world.ok('ListUserTags', { UserName: 'alice' }))['Tags']).toEqual([]);
  });
});

describe('tag keys ignore case on roles and users, not on the other types', () => {
  it('a user tagged department=hr after Department=finance has one tag; UntagUser removes it in any case', async () => {
    await world.ok('CreateUser', { UserName: 'zhang', Tags: [{ Key: 'Department', Value: 'finance' }] });
    await world.ok('TagUser', { UserName: 'zhang', Tags: [{ Key: 'department', Value: 'hr' }] });
    expect((await world.ok('ListUserTags', { UserName: 'zhang' }))['Tags']).toEqual([{ Key: 'department', Value: 'hr' }]);
    const duplicate = await world.fails('TagRole', { RoleName: 'none', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] });
    expect([duplicate.code, duplicate.message]).toEqual(['InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.']);
    await world.ok('UntagUser', { UserName: 'zhang', TagKeys: ['DEPARTMENT'] });
    expect((await world.ok('ListUserTags', { UserName: 'zhang' }))['Tags']).toEqual([]);
  });

  it('a customer managed policy keeps Costcenter and costcenter as two tags', async () => {
    const created = await world.ok('CreatePolicy', { PolicyName: 'p', PolicyDocument: POLICY, Tags: [{ Key: 'Costcenter', Value: '1234' }, { Key: 'costcenter', Value: '5678' }] });
    const arn = (created['Policy'] as { Arn: string }).Arn;
    await world.ok('TagPolicy', { PolicyArn: arn, Tags: [{ Key: 'costcenter', Value: '9999' }] });
    expect((await world.ok('ListPolicyTags', { PolicyArn: arn }))['Tags']).toEqual([
      { Key: 'Costcenter', Value: '1234' },
      { Key: 'costcenter', Value: '9999' },
    ]);
    await world.ok('UntagPolicy', { PolicyArn: arn, TagKeys: ['COSTCENTER'] });
    expect((await world.ok('ListPolicyTags', { PolicyArn: arn }))['Tags']).toHaveLength(2);
  });
});

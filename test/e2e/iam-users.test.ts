// IAM users, access keys and groups end to end (boto3 and the AWS CLI against `podiam serve`): people
// and automation with their own keys, group policies, boundaries, and the refusals IAM answers with —
// including AccessDenied for a user no policy allows, worded as AWS words it (IAM User Guide,
// "Troubleshoot access denied error messages").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, python } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
const ACCOUNT = '210987654321';
let out: Record<string, unknown>;

beforeAll(async () => {
  podiam = await startPodiam({ accountId: ACCOUNT });
  // One boto3 process runs the whole scenario (each CLI start costs about a second); the tests below
  // read its record.
  const script = String.raw`
import boto3, json
admin = boto3.client('iam')
out = {}
def attempt(name, fn):
    try:
        r = fn(); out[name] = 'ok'; return r
    except admin.exceptions.ClientError as e:
        out[name] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
def as_key(key):
    return boto3.client('iam', aws_access_key_id=key['AccessKeyId'], aws_secret_access_key=key['SecretAccessKey'])
trust = json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})

u = admin.create_user(UserName='x', Path='/people/', Tags=[{'Key':'team','Value':'a'}])['User']
out['created'] = {k: u[k] for k in ('UserName', 'Path', 'Arn', 'Tags')}
out['userId'] = u['UserId']
attempt('duplicateUser', lambda: admin.create_user(UserName='X'))
k1 = admin.create_access_key(UserName='x')['AccessKey']
out['key'] = {k: k1[k] for k in ('UserName', 'Status')}
out['keyId'] = k1['AccessKeyId']; out['secretLength'] = len(k1['SecretAccessKey'])
x = as_key(k1)
attempt('noPolicy', lambda: x.create_role(RoleName='y', AssumeRolePolicyDocument=trust))
attempt('selfWithoutPolicy', lambda: x.get_user())
root = admin.get_user()['User']
out['root'] = [root.get('UserName'), root['UserId'], root['Arn']]
admin.put_user_policy(UserName='x', PolicyName='teams', PolicyDocument=json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateRole","iam:CreateAccessKey","iam:ListAccessKeys","iam:GetUser"],"Resource":["arn:aws:iam::${ACCOUNT}:role/team-*","arn:aws:iam::${ACCOUNT}:user/people/x"]}]}))
me = x.get_user()['User']
out['self'] = [me['UserName'], me['Arn']]
attempt('allowedRole', lambda: x.create_role(RoleName='team-a', AssumeRolePolicyDocument=trust))
attempt('otherRole', lambda: x.create_role(RoleName='y', AssumeRolePolicyDocument=trust))
k2 = x.create_access_key()['AccessKey']
attempt('thirdKey', lambda: admin.create_access_key(UserName='x'))
out['keys'] = sorted(k['AccessKeyId'] for k in x.list_access_keys()['AccessKeyMetadata']) == sorted([k1['AccessKeyId'], k2['AccessKeyId']])
out['lastUsed'] = admin.get_access_key_last_used(AccessKeyId=k2['AccessKeyId'])
out['lastUsed'].pop('ResponseMetadata')
admin.update_access_key(UserName='x', AccessKeyId=k2['AccessKeyId'], Status='Inactive')
attempt('inactiveKey', lambda: as_key(k2).get_user())
attempt('keyOfOtherUser', lambda: admin.delete_access_key(UserName='x', AccessKeyId='AKIAAAAAAAAAAAAAAAAA'))
attempt('deleteWithKeys', lambda: admin.delete_user(UserName='x'))

big = lambda n: json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b-%03d/*" % i for i in range(n)]}]})
attempt('userInlineAggregate', lambda: admin.put_user_policy(UserName='x', PolicyName='more', PolicyDocument=big(90)))

admin.create_group(GroupName='admins', Path='/ops/')
admin.add_user_to_group(GroupName='admins', UserName='x')
admin.add_user_to_group(GroupName='admins', UserName='x')
admin.put_group_policy(GroupName='admins', PolicyName='iam-read', PolicyDocument=json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:ListRoles"],"Resource":"*"}]}))
attempt('viaGroup', lambda: x.get_role(RoleName='team-a'))
g = admin.get_group(GroupName='admins')
out['group'] = [g['Group']['Arn'], [u['UserName'] for u in g['Users']]]
out['groupsForUser'] = [gr['GroupName'] for gr in admin.list_groups_for_user(UserName='x')['Groups']]
attempt('groupInlineAggregate', lambda: admin.put_group_policy(GroupName='admins', PolicyName='more', PolicyDocument=big(240)))
attempt('deleteGroupWithMembers', lambda: admin.delete_group(GroupName='admins'))

admin.put_user_permissions_boundary(UserName='x', PermissionsBoundary='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
out['boundary'] = admin.get_user(UserName='x')['User']['PermissionsBoundary']
attempt('boundaryDenies', lambda: x.create_role(RoleName='team-b', AssumeRolePolicyDocument=trust))
admin.delete_user_permissions_boundary(UserName='x')
attempt('boundaryGone', lambda: x.create_role(RoleName='team-b', AssumeRolePolicyDocument=trust))
attempt('boundaryMissingPolicy', lambda: admin.put_user_permissions_boundary(UserName='x', PermissionsBoundary='arn:aws:iam::${ACCOUNT}:policy/nothing'))

admin.remove_user_from_group(GroupName='admins', UserName='x')
admin.delete_group_policy(GroupName='admins', PolicyName='iam-read')
admin.delete_group(GroupName='admins')
attempt('groupGone', lambda: admin.get_group(GroupName='admins'))
admin.update_user(UserName='x', NewUserName='x2')
out['renamed'] = admin.get_user(UserName='x2')['User']['Arn']
attempt('oldName', lambda: admin.get_user(UserName='x'))
for key in admin.list_access_keys(UserName='x2')['AccessKeyMetadata']:
    admin.delete_access_key(UserName='x2', AccessKeyId=key['AccessKeyId'])
attempt('deleteWithPolicy', lambda: admin.delete_user(UserName='x2'))
admin.delete_user_policy(UserName='x2', PolicyName='teams')
admin.delete_user(UserName='x2')
out['users'] = [u['UserName'] for u in admin.list_users()['Users']]
print(json.dumps(out, default=str))
`;
  const result = python(script, podiam.env);
  if (result.status !== 0) throw new Error(result.stderr);
  out = result.json as Record<string, unknown>;
});
afterAll(async () => {
  await podiam.stop();
});

describe('CreateUser and GetUser (IAM API Reference)', () => {
  it('creates a user with a path and tags; IDs are AIDA + 16 characters', () => {
    expect(out['created']).toEqual({ UserName: 'x', Path: '/people/', Arn: `arn:aws:iam::${ACCOUNT}:user/people/x`, Tags: [{ Key: 'team', Value: 'a' }] });
    expect(out['userId']).toMatch(/^AIDA[A-Z2-7]{16}$/);
  });
  it('refuses a name taken in another case', () => {
    expect(out['duplicateUser']).toEqual(['EntityAlreadyExists', 'User with name X already exists.', 409]);
  });
  // The administrator key podiam writes on first start is the IAM user `admin`'s (not the root's).
  it('without UserName, answers for the caller (which needs iam:GetUser on itself)', () => {
    expect((out['selfWithoutPolicy'] as unknown[])[0]).toBe('AccessDenied');
    expect(out['self']).toEqual(['x', `arn:aws:iam::${ACCOUNT}:user/people/x`]);
    expect(out['root']).toEqual(['admin', expect.stringMatching(/^AIDA[A-Z2-7]{16}$/), `arn:aws:iam::${ACCOUNT}:user/admin`]);
  });
  it('renames with UpdateUser', () => {
    expect(out['renamed']).toBe(`arn:aws:iam::${ACCOUNT}:user/people/x2`);
    expect(out['oldName']).toEqual(['NoSuchEntity', 'The user with name x cannot be found.', 404]);
    expect(out['users']).toEqual(['admin']);
  });
});

describe('Authorization of IAM calls (IAM User Guide, "Troubleshoot access denied error messages")', () => {
  it('a user without policies gets AccessDenied naming the action, resource and missing policy type', () => {
    expect(out['noPolicy']).toEqual([
      'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT}:user/people/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT}:role/y because no identity-based policy allows the iam:CreateRole action`,
      403,
    ]);
  });
  it('its inline policy allows exactly the roles it names', () => {
    expect(out['allowedRole']).toBe('ok');
    expect((out['otherRole'] as unknown[])[0]).toBe('AccessDenied');
  });
  it('group policies apply to members', () => {
    expect(out['viaGroup']).toBe('ok');
  });
  it('a permissions boundary caps the user until it is removed', () => {
    expect(out['boundary']).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' });
    expect(out['boundaryDenies']).toEqual([
      'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT}:user/people/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT}:role/team-b because no permissions boundary allows the iam:CreateRole action`,
      403,
    ]);
    expect(out['boundaryGone']).toBe('ok');
    expect(out['boundaryMissingPolicy']).toEqual(['NoSuchEntity', `Policy arn:aws:iam::${ACCOUNT}:policy/nothing does not exist or is not attachable.`, 404]);
  });
  it('the AWS CLI shows the same refusal', () => {
    const created = aws(['iam', 'create-user', '--user-name', 'cli-user'], podiam.env);
    expect(created.status, created.stderr).toBe(0);
    const key = aws(['iam', 'create-access-key', '--user-name', 'cli-user'], podiam.env).json as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
    const denied = aws(['iam', 'list-roles'], { ...podiam.env, AWS_ACCESS_KEY_ID: key.AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.AccessKey.SecretAccessKey });
    expect(denied.stderr.trim()).toBe(
      `An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::${ACCOUNT}:user/cli-user is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${ACCOUNT}:role/ because no identity-based policy allows the iam:ListRoles action`,
    );
  });
});

describe('Access keys (IAM API Reference, "CreateAccessKey"; "IAM and AWS STS quotas": two per user)', () => {
  it('returns the secret once, with an AKIA key ID', () => {
    expect(out['key']).toEqual({ UserName: 'x', Status: 'Active' });
    expect(out['keyId']).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(out['secretLength']).toBe(40);
    expect(out['keys']).toBe(true);
  });
  it('refuses a third key', () => {
    expect(out['thirdKey']).toEqual(['LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409]);
  });
  it('reports a key never used as N/A', () => {
    expect(out['lastUsed']).toEqual({ UserName: 'x', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
  });
  it('an inactive key no longer signs requests', () => {
    expect(out['inactiveKey']).toEqual(['InvalidClientTokenId', 'The security token included in the request is invalid.', 403]);
  });
  it('refuses a key the user does not have', () => {
    expect(out['keyOfOtherUser']).toEqual(['NoSuchEntity', 'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.', 404]);
  });
});

describe('DeleteUser and DeleteGroup conflicts, inline policy quotas (IAM API Reference, "Errors"; "IAM and AWS STS quotas")', () => {
  it('a user with keys or policies cannot be deleted', () => {
    expect(out['deleteWithKeys']).toEqual(['DeleteConflict', 'Cannot delete entity, must delete access keys first.', 409]);
    expect(out['deleteWithPolicy']).toEqual(['DeleteConflict', 'Cannot delete entity, must delete policies first.', 409]);
  });
  it('a group with members cannot be deleted; a deleted group is gone', () => {
    expect(out['deleteGroupWithMembers']).toEqual(['DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409]);
    expect(out['groupGone']).toEqual(['NoSuchEntity', 'The group with name admins cannot be found.', 404]);
  });
  it('lists groups and members', () => {
    expect(out['group']).toEqual([`arn:aws:iam::${ACCOUNT}:group/ops/admins`, ['x']]);
    expect(out['groupsForUser']).toEqual(['admins']);
  });
  it('user inline policies share 2,048 characters, group inline policies 5,120', () => {
    expect(out['userInlineAggregate']).toEqual(['LimitExceeded', 'Maximum policy size of 2048 bytes exceeded for user x', 409]);
    expect(out['groupInlineAggregate']).toEqual(['LimitExceeded', 'Maximum policy size of 5120 bytes exceeded for group admins', 409]);
  });
});

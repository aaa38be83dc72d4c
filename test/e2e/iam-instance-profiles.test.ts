// IAM instance profiles and account aliases end to end with the AWS CLI and boto3 against `podiam serve`
// (IAM API Reference: CreateInstanceProfile, AddRoleToInstanceProfile, GetInstanceProfile,
// ListInstanceProfilesForRole, RemoveRoleFromInstanceProfile, DeleteInstanceProfile, DeleteRole,
// CreateAccountAlias, ListAccountAliases, DeleteAccountAlias): kube2iam's node role lives in an instance
// profile, and the CLI and SDKs read and refuse exactly as against AWS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, python } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let dir: string;
const ACCOUNT = '123456789012';

const EC2_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return `file://${path}`;
}

function ok(args: string[]): unknown {
  const result = aws(args, podiam.env);
  expect(result.status, result.stderr).toBe(0);
  return result.json;
}

function fails(args: string[]): string {
  const result = aws(args, podiam.env);
  expect(result.status).not.toBe(0);
  return result.stderr.trim();
}

interface Profile {
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Roles: { RoleName: string; RoleId: string; Arn: string; AssumeRolePolicyDocument: unknown }[];
}

beforeAll(async () => {
  podiam = await startPodiam({ accountId: ACCOUNT });
  dir = mkdtempSync(join(tmpdir(), 'podiam-iam-instance-profiles-'));
});
afterAll(async () => {
  await podiam.stop();
});

describe('seed 003: the kube2iam node role in an instance profile, with the AWS CLI (IAM API Reference)', () => {
  it('creates the profile, puts the role in it, reads it back and refuses what AWS refuses', () => {
    const role = ok(['iam', 'create-role', '--role-name', 'kube2iam-node', '--assume-role-policy-document', file('trust.json', EC2_TRUST)]) as { Role: { RoleId: string; Arn: string } };
    ok(['iam', 'create-role', '--role-name', 'other-node', '--assume-role-policy-document', file('trust.json', EC2_TRUST)]);

    const created = (ok(['iam', 'create-instance-profile', '--instance-profile-name', 'kube2iam-node', '--path', '/nodes/']) as { InstanceProfile: Profile }).InstanceProfile;
    expect(created.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{16}$/);
    expect(created.Arn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/nodes/kube2iam-node`);
    expect(created.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.Roles).toEqual([]);

    ok(['iam', 'add-role-to-instance-profile', '--instance-profile-name', 'kube2iam-node', '--role-name', 'kube2iam-node']);
    const got = (ok(['iam', 'get-instance-profile', '--instance-profile-name', 'kube2iam-node']) as { InstanceProfile: Profile }).InstanceProfile;
    expect(got.InstanceProfileId).toBe(created.InstanceProfileId);
    expect(got.Roles.map((r) => [r.RoleName, r.RoleId, r.Arn])).toEqual([['kube2iam-node', role.Role.RoleId, role.Role.Arn]]);
    // The CLI decodes the URL-encoded trust policy IAM returns into JSON.
    expect(got.Roles[0]?.AssumeRolePolicyDocument).toEqual(EC2_TRUST);

    const forRole = ok(['iam', 'list-instance-profiles-for-role', '--role-name', 'kube2iam-node']) as { InstanceProfiles: Profile[] };
    expect(forRole.InstanceProfiles.map((p) => p.Arn)).toEqual([created.Arn]);
    const listed = ok(['iam', 'list-instance-profiles', '--path-prefix', '/nodes/']) as { InstanceProfiles: Profile[] };
    expect(listed.InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(['kube2iam-node']);

    expect(fails(['iam', 'add-role-to-instance-profile', '--instance-profile-name', 'kube2iam-node', '--role-name', 'other-node'])).toContain(
      'An error occurred (LimitExceeded) when calling the AddRoleToInstanceProfile operation: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    );
    expect(fails(['iam', 'delete-role', '--role-name', 'kube2iam-node'])).toContain(
      'An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must remove roles from instance profile first.',
    );
    expect(fails(['iam', 'delete-instance-profile', '--instance-profile-name', 'kube2iam-node'])).toContain(
      'An error occurred (DeleteConflict) when calling the DeleteInstanceProfile operation: Cannot delete entity, must remove roles from instance profile first.',
    );

    const details = ok(['iam', 'get-account-authorization-details', '--filter', 'Role']) as { RoleDetailList: { RoleName: string; InstanceProfileList: Profile[] }[] };
    expect(details.RoleDetailList.find((r) => r.RoleName === 'kube2iam-node')?.InstanceProfileList.map((p) => p.Arn)).toEqual([created.Arn]);

    ok(['iam', 'remove-role-from-instance-profile', '--instance-profile-name', 'kube2iam-node', '--role-name', 'kube2iam-node']);
    ok(['iam', 'delete-instance-profile', '--instance-profile-name', 'kube2iam-node']);
    expect(fails(['iam', 'get-instance-profile', '--instance-profile-name', 'kube2iam-node'])).toContain(
      'An error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile kube2iam-node cannot be found.',
    );
    ok(['iam', 'delete-role', '--role-name', 'kube2iam-node']);
  });
});

describe('Account aliases with the AWS CLI (IAM API Reference, "CreateAccountAlias", "ListAccountAliases", "DeleteAccountAlias")', () => {
  it('creates, lists, replaces and deletes the alias; refuses a malformed or missing one', () => {
    expect(ok(['iam', 'list-account-aliases'])).toEqual({ AccountAliases: [] });
    ok(['iam', 'create-account-alias', '--account-alias', 'example-corp']);
    expect(ok(['iam', 'list-account-aliases'])).toEqual({ AccountAliases: ['example-corp'] });
    expect(fails(['iam', 'create-account-alias', '--account-alias', 'example-corp'])).toContain(
      'An error occurred (EntityAlreadyExists) when calling the CreateAccountAlias operation: The account alias example-corp already exists.',
    );
    ok(['iam', 'create-account-alias', '--account-alias', 'example-corp-prod']);
    expect(ok(['iam', 'list-account-aliases'])).toEqual({ AccountAliases: ['example-corp-prod'] });
    expect(fails(['iam', 'create-account-alias', '--account-alias', 'Bad--Alias'])).toContain('(ValidationError)');
    expect(fails(['iam', 'delete-account-alias', '--account-alias', 'example-corp'])).toContain(
      'An error occurred (NoSuchEntity) when calling the DeleteAccountAlias operation: The account alias example-corp cannot be found.',
    );
    ok(['iam', 'delete-account-alias', '--account-alias', 'example-corp-prod']);
    expect(ok(['iam', 'list-account-aliases'])).toEqual({ AccountAliases: [] });
  });
});

describe('Instance profiles with boto3: modeled exceptions, paginators and tags', () => {
  it('raises LimitExceededException and NoSuchEntityException, pages ListInstanceProfiles, tags a profile', () => {
    const script = String.raw`
import boto3, json
iam = boto3.client('iam')
trust = json.dumps(${JSON.stringify(EC2_TRUST)})
out = {}
iam.create_role(RoleName='boto-a', AssumeRolePolicyDocument=trust)
iam.create_role(RoleName='boto-b', AssumeRolePolicyDocument=trust)
for i in range(5):
    iam.create_instance_profile(InstanceProfileName='boto-%d' % i, Path='/boto/', Tags=[{'Key': 'n', 'Value': str(i)}])
iam.add_role_to_instance_profile(InstanceProfileName='boto-0', RoleName='boto-a')
try:
    iam.add_role_to_instance_profile(InstanceProfileName='boto-0', RoleName='boto-b')
except iam.exceptions.LimitExceededException as e:
    out['limit'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
try:
    iam.get_instance_profile(InstanceProfileName='nope')
except iam.exceptions.NoSuchEntityException as e:
    out['missing'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
pages = iam.get_paginator('list_instance_profiles').paginate(PathPrefix='/boto/', PaginationConfig={'PageSize': 2})
out['pages'] = [[p['InstanceProfileName'] for p in page['InstanceProfiles']] for page in pages]
iam.tag_instance_profile(InstanceProfileName='boto-1', Tags=[{'Key': 'team', 'Value': 'nodes'}])
iam.untag_instance_profile(InstanceProfileName='boto-1', TagKeys=['n'])
out['tags'] = iam.list_instance_profile_tags(InstanceProfileName='boto-1')['Tags']
got = iam.get_instance_profile(InstanceProfileName='boto-0')['InstanceProfile']
out['roles'] = [r['RoleName'] for r in got['Roles']]
out['created'] = got['CreateDate'].tzinfo is not None
print(json.dumps(out))
`;
    const result = python(script, podiam.env);
    expect(result.status, result.stderr).toBe(0);
    const out = result.json as Record<string, unknown>;
    expect(out['limit']).toEqual(['LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409]);
    expect(out['missing']).toEqual(['NoSuchEntity', 'Instance Profile nope cannot be found.', 404]);
    expect(out['pages']).toEqual([['boto-0', 'boto-1'], ['boto-2', 'boto-3'], ['boto-4']]);
    expect(out['tags']).toEqual([{ Key: 'team', Value: 'nodes' }]);
    expect(out['roles']).toEqual(['boto-a']);
    expect(out['created']).toBe(true);
  });
});

// IAM roles end to end with the AWS CLI and boto3 against `podiam serve`: the seeds' flows (IAM API
// Reference: CreateRole, PutRolePolicy, AttachRolePolicy, UpdateAssumeRolePolicy, ListRoles) and every
// refusal they can meet, with AWS's codes and messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, python } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let dir: string;
const ACCOUNT = '123456789012';

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
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

const EKS_PROVIDER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const irsaTrust = (provider: string, condition: Record<string, string>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${provider}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: condition },
    },
  ],
});

beforeAll(async () => {
  podiam = await startPodiam({ accountId: ACCOUNT });
  dir = mkdtempSync(join(tmpdir(), 'podiam-iam-roles-'));
});
afterAll(async () => {
  await podiam.stop();
});

describe('seed 000: role pod-creator with a read-only policy attached (IAM API Reference, "CreateRole", "AttachRolePolicy")', () => {
  it('creates the role, a customer managed policy, attaches it and reads it all back', () => {
    const trust = file('000-trust.json', irsaTrust(EKS_PROVIDER, { [`${EKS_PROVIDER}:sub`]: 'system:serviceaccount:default:svc-test' }));
    const created = ok(['iam', 'create-role', '--role-name', 'pod-creator', '--assume-role-policy-document', trust]) as { Role: Record<string, unknown> };
    expect(created.Role['Arn']).toBe(`arn:aws:iam::${ACCOUNT}:role/pod-creator`);
    expect(created.Role['RoleId']).toMatch(/^AROA[A-Z2-7]{16}$/);
    expect(created.Role['CreateDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const readPolicy = file('000-read.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['eks:DescribeCluster', 'eks:ListClusters'], Resource: '*' }],
    });
    const policy = ok(['iam', 'create-policy', '--policy-name', 'test-k8s-read-policy', '--policy-document', readPolicy]) as { Policy: Record<string, unknown> };
    expect(policy.Policy['Arn']).toBe(`arn:aws:iam::${ACCOUNT}:policy/test-k8s-read-policy`);
    expect(policy.Policy['PolicyId']).toMatch(/^ANPA/);
    ok(['iam', 'attach-role-policy', '--role-name', 'pod-creator', '--policy-arn', String(policy.Policy['Arn'])]);
    ok(['iam', 'attach-role-policy', '--role-name', 'pod-creator', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
    const attached = ok(['iam', 'list-attached-role-policies', '--role-name', 'pod-creator']) as { AttachedPolicies: { PolicyName: string }[] };
    expect(attached.AttachedPolicies.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess', 'test-k8s-read-policy']);
    const role = ok(['iam', 'get-role', '--role-name', 'pod-creator']) as { Role: Record<string, unknown> };
    // The CLI decodes the URL-encoded document IAM returns into JSON.
    expect(role.Role['AssumeRolePolicyDocument']).toEqual(irsaTrust(EKS_PROVIDER, { [`${EKS_PROVIDER}:sub`]: 'system:serviceaccount:default:svc-test' }));
    expect(role.Role['MaxSessionDuration']).toBe(3600);
    expect(role.Role['RoleLastUsed']).toEqual({});
  });
});

describe('seed 001: cross-account IRSA trust and the S3 read policy', () => {
  it('creates s3-read-object with the audience condition and puts the s3 policy inline', () => {
    const trust = file('001-trust.json', irsaTrust('oidc.eks.us-east-1.amazonaws.com/id/oidc-id', { 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id:aud': 'sts.amazonaws.com' }));
    ok(['iam', 'create-role', '--role-name', 's3-read-object', '--assume-role-policy-document', trust, '--max-session-duration', '7200']);
    // As printed, the seed's Sid "s3-bucket" is refused: IAM policy Sids are alphanumeric.
    const printed = { Version: '2012-10-17', Statement: [{ Sid: 's3-bucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] };
    expect(fails(['iam', 'put-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-pics', '--policy-document', file('001-s3-printed.json', printed)])).toContain(
      'An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation: Statement IDs (SID) must be alpha-numeric.',
    );
    const s3 = { Version: '2012-10-17', Statement: [{ Sid: 's3bucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }] };
    ok(['iam', 'put-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-pics', '--policy-document', file('001-s3.json', s3)]);
    const got = ok(['iam', 'get-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-pics']) as Record<string, unknown>;
    expect(got).toEqual({ RoleName: 's3-read-object', PolicyName: 's3-pics', PolicyDocument: s3 });
  });
});

describe('seed 002: Team A and Team B roles with put-role-policy', () => {
  it('creates DevTeamARole and DevTeamBRole from trust-policy.json and puts each team policy', () => {
    const trust = file('trust-policy.json', irsaTrust('example-oidc-provider', { 'example-oidc-provider:sub': 'system:serviceaccount:my-namespace:my-service-account' }));
    ok(['iam', 'create-role', '--role-name', 'DevTeamARole', '--assume-role-policy-document', trust]);
    ok(['iam', 'create-role', '--role-name', 'DevTeamBRole', '--assume-role-policy-document', trust]);
    const teamA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::example-bucket/*' }] };
    const teamB = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }] };
    ok(['iam', 'put-role-policy', '--role-name', 'DevTeamARole', '--policy-name', 'DevTeamAPolicy', '--policy-document', file('dev-team-a-policy.json', teamA)]);
    ok(['iam', 'put-role-policy', '--role-name', 'DevTeamBRole', '--policy-name', 'DevTeamBPolicy', '--policy-document', file('dev-team-b-policy.json', teamB)]);
    expect(ok(['iam', 'list-role-policies', '--role-name', 'DevTeamARole'])).toEqual({ PolicyNames: ['DevTeamAPolicy'] });
  });
});

describe('seed 003: kube2iam roles with a two-way trust (IAM User Guide, "Principal": role principals must exist)', () => {
  const kube2iamTrust = {
    Version: '2012-10-17',
    Statement: [
      { Sid: '', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/S3-BUCKET-Role`] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const bucketTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Kube2IAM-Role` }, Action: 'sts:AssumeRole' }] };

  it('refuses a trust policy naming a role that does not exist yet', () => {
    expect(fails(['iam', 'create-role', '--role-name', 'S3-BUCKET-Role', '--assume-role-policy-document', file('003-bucket-trust.json', bucketTrust)])).toContain(
      `An error occurred (MalformedPolicyDocument) when calling the CreateRole operation: Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:role/Kube2IAM-Role"`,
    );
  });

  it('refuses the seed policy as printed, with its trailing comma', () => {
    const printed = `{"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["s3:ListBucket"],"Resource": ["arn:aws:s3:::S3_BUCKET_NAME"]},]}`;
    ok(['iam', 'create-role', '--role-name', 'Kube2IAM-Role', '--assume-role-policy-document', file('003-ec2.json', { Version: '2012-10-17', Statement: [kube2iamTrust.Statement[1]] })]);
    expect(fails(['iam', 'put-role-policy', '--role-name', 'Kube2IAM-Role', '--policy-name', 'bad', '--policy-document', file('003-comma.json', printed)])).toContain(
      'An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation: Syntax errors in policy.',
    );
  });

  it('builds the two-way trust in order: Kube2IAM-Role, S3-BUCKET-Role trusting it, then the trust back', () => {
    ok(['iam', 'create-role', '--role-name', 'S3-BUCKET-Role', '--assume-role-policy-document', file('003-bucket-trust.json', bucketTrust)]);
    ok(['iam', 'update-assume-role-policy', '--role-name', 'Kube2IAM-Role', '--policy-document', file('003-kube2iam-trust.json', kube2iamTrust)]);
    const assume = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [`arn:aws:iam::${ACCOUNT}:role/S3-BUCKET-Role`] }] };
    ok(['iam', 'put-role-policy', '--role-name', 'Kube2IAM-Role', '--policy-name', 'assume-bucket-role', '--policy-document', file('003-assume.json', assume)]);
    const list = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::S3_BUCKET_NAME'] }] };
    ok(['iam', 'put-role-policy', '--role-name', 'S3-BUCKET-Role', '--policy-name', 'list-bucket', '--policy-document', file('003-list.json', list)]);
    const role = ok(['iam', 'get-role', '--role-name', 'Kube2IAM-Role']) as { Role: { AssumeRolePolicyDocument: unknown } };
    expect(role.Role.AssumeRolePolicyDocument).toEqual(kube2iamTrust);
  });
});

describe('ListRoles pagination (IAM API Reference, "Using pagination"): Marker and MaxItems through the CLI', () => {
  it('the CLI follows markers page by page and its own --max-items paging', () => {
    const all = ok(['iam', 'list-roles', '--page-size', '2']) as { Roles: { RoleName: string }[] };
    const names = all.Roles.map((r) => r.RoleName);
    expect(names).toEqual(['DevTeamARole', 'DevTeamBRole', 'Kube2IAM-Role', 'pod-creator', 's3-read-object', 'S3-BUCKET-Role'].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const first = ok(['iam', 'list-roles', '--max-items', '4', '--page-size', '3']) as { Roles: unknown[]; NextToken?: string };
    expect(first.Roles).toHaveLength(4);
    const rest = ok(['iam', 'list-roles', '--starting-token', String(first.NextToken), '--page-size', '3']) as { Roles: { RoleName: string }[] };
    expect(rest.Roles.map((r) => r.RoleName)).toEqual(names.slice(4));
  });
});

describe('CreateRole, UpdateRole, DeleteRole and their refusals (IAM API Reference, each action\'s "Errors")', () => {
  it('answers each refusal with AWS\'s code and message', () => {
    const script = String.raw`
import boto3, json
iam = boto3.client('iam')
trust = json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})
out = {}
def attempt(name, fn):
    try:
        fn(); out[name] = 'ok'
    except iam.exceptions.ClientError as e:
        out[name] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
attempt('duplicateCase', lambda: iam.create_role(RoleName='POD-CREATOR', AssumeRolePolicyDocument=trust))
attempt('missing', lambda: iam.get_role(RoleName='nope'))
attempt('nameTooLong', lambda: iam.create_role(RoleName='r' * 65, AssumeRolePolicyDocument=trust))
attempt('badPath', lambda: iam.create_role(RoleName='p', Path='nopath', AssumeRolePolicyDocument=trust))
attempt('duration', lambda: iam.create_role(RoleName='d', AssumeRolePolicyDocument=trust, MaxSessionDuration=43201))
big = json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/x":["v%04d" % i for i in range(300)]}}}]})
attempt('trustTooLarge', lambda: iam.create_role(RoleName='big', AssumeRolePolicyDocument=big))
attempt('identityAsTrust', lambda: iam.create_role(RoleName='wrong', AssumeRolePolicyDocument=json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})))
attempt('deleteWithPolicies', lambda: iam.delete_role(RoleName='pod-creator'))
iam.create_role(RoleName='limits', AssumeRolePolicyDocument=trust, Description='first', Tags=[{'Key':'team','Value':'a'}])
names = ['AdministratorAccess','PowerUserAccess','ReadOnlyAccess','IAMFullAccess','IAMReadOnlyAccess','AmazonS3ReadOnlyAccess','AmazonS3FullAccess','AmazonEC2ReadOnlyAccess','AmazonEKSClusterPolicy','AmazonEKSWorkerNodePolicy','AmazonSQSFullAccess']
for n in names[:10]:
    iam.attach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::aws:policy/' + n)
attempt('eleventhPolicy', lambda: iam.attach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::aws:policy/' + names[10]))
attempt('reattach', lambda: iam.attach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::aws:policy/' + names[0]))
attempt('attachMissing', lambda: iam.attach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::${ACCOUNT}:policy/none'))
attempt('attachBadArn', lambda: iam.attach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::${ACCOUNT}:nope/x'))
attempt('detachNotAttached', lambda: iam.detach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::aws:policy/AmazonSQSFullAccess'))
doc = lambda n: json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::bucket-%04d/*" % i for i in range(n)]}]})
iam.put_role_policy(RoleName='limits', PolicyName='one', PolicyDocument=doc(200))
attempt('roleInlineAggregate', lambda: iam.put_role_policy(RoleName='limits', PolicyName='two', PolicyDocument=doc(200)))
attempt('replaceSameNameFits', lambda: iam.put_role_policy(RoleName='limits', PolicyName='ONE', PolicyDocument=doc(300)))
attempt('getMissingInline', lambda: iam.get_role_policy(RoleName='limits', PolicyName='zzz'))
attempt('deleteMissingInline', lambda: iam.delete_role_policy(RoleName='limits', PolicyName='zzz'))
iam.update_role(RoleName='limits', MaxSessionDuration=7200, Description='second')
iam.tag_role(RoleName='limits', Tags=[{'Key':'TEAM','Value':'b'},{'Key':'env','Value':'dev'}])
iam.untag_role(RoleName='limits', TagKeys=['env'])
r = iam.get_role(RoleName='limits')['Role']
out['updated'] = [r['MaxSessionDuration'], r['Description'], r['Tags']]
out['listTags'] = iam.list_role_tags(RoleName='limits')['Tags']
attempt('duplicateTagKeys', lambda: iam.tag_role(RoleName='limits', Tags=[{'Key':'a','Value':'1'},{'Key':'A','Value':'2'}]))
for n in names[:10]:
    iam.detach_role_policy(RoleName='limits', PolicyArn='arn:aws:iam::aws:policy/' + n)
attempt('deleteWithInline', lambda: iam.delete_role(RoleName='limits'))
iam.delete_role_policy(RoleName='limits', PolicyName='one')
iam.delete_role(RoleName='limits')
attempt('deleted', lambda: iam.get_role(RoleName='limits'))
print(json.dumps(out))
`;
    const result = python(script, podiam.env);
    expect(result.status, result.stderr).toBe(0);
    const out = result.json as Record<string, unknown>;
    expect(out['duplicateCase']).toEqual(['EntityAlreadyExists', 'Role with name POD-CREATOR already exists.', 409]);
    expect(out['missing']).toEqual(['NoSuchEntity', 'The role with name nope cannot be found.', 404]);
    expect(out['nameTooLong']).toEqual([
      'ValidationError',
      `1 validation error detected: Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      400,
    ]);
    expect(out['badPath']).toEqual([
      'ValidationError',
      "1 validation error detected: Value 'nopath' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
      400,
    ]);
    expect(out['duration']).toEqual([
      'ValidationError',
      "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
      400,
    ]);
    expect(out['trustTooLarge']).toEqual(['LimitExceeded', 'Cannot exceed quota for ACLSizePerRole: 2048', 409]);
    expect((out['identityAsTrust'] as unknown[])[0]).toBe('MalformedPolicyDocument');
    expect(out['deleteWithPolicies']).toEqual(['DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409]);
    expect(out['eleventhPolicy']).toEqual(['LimitExceeded', 'Cannot exceed quota for PoliciesPerRole: 10', 409]);
    expect(out['reattach']).toBe('ok');
    expect(out['attachMissing']).toEqual(['NoSuchEntity', `Policy arn:aws:iam::${ACCOUNT}:policy/none does not exist or is not attachable.`, 404]);
    expect(out['attachBadArn']).toEqual(['InvalidInput', `ARN arn:aws:iam::${ACCOUNT}:nope/x is not valid.`, 400]);
    expect(out['detachNotAttached']).toEqual(['NoSuchEntity', 'Policy arn:aws:iam::aws:policy/AmazonSQSFullAccess was not found.', 404]);
    expect(out['roleInlineAggregate']).toEqual(['LimitExceeded', 'Maximum policy size of 10240 bytes exceeded for role limits', 409]);
    expect(out['replaceSameNameFits']).toBe('ok');
    expect(out['getMissingInline']).toEqual(['NoSuchEntity', 'The role policy with name zzz cannot be found.', 404]);
    expect(out['deleteMissingInline']).toEqual(['NoSuchEntity', 'The role policy with name zzz cannot be found.', 404]);
    expect(out['updated']).toEqual([7200, 'second', [{ Key: 'TEAM', Value: 'b' }]]);
    expect(out['listTags']).toEqual([{ Key: 'TEAM', Value: 'b' }]);
    expect(out['duplicateTagKeys']).toEqual(['InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.', 400]);
    expect(out['deleteWithInline']).toEqual(['DeleteConflict', 'Cannot delete entity, must delete policies first.', 409]);
    expect(out['deleted']).toEqual(['NoSuchEntity', 'The role with name limits cannot be found.', 404]);
  });
});

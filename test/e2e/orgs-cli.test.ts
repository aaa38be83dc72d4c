// Organizations end to end with the AWS CLI (Organizations API Reference; Organizations User Guide,
// "Service control policies", "Accessing member accounts in your organization"): `podiam serve` in its
// own process; the organization, a member account with OrganizationAccountAccessRole, SCPs enabled and
// attached, and an SCP that denies an action in the member account while the management account is
// unaffected — reached through `aws sts assume-role` into the member's role, as AWS documents it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, type CliResult } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let rootId = '';
let member = '';
let denyListRoles = '';
/** An IAM administrator of the management account (the root user may not call AssumeRole). */
let operatorEnv: NodeJS.ProcessEnv = {};
/** The management account's administrator, in the member account through OrganizationAccountAccessRole. */
let memberEnv: NodeJS.ProcessEnv = {};

function org(args: string[], env: NodeJS.ProcessEnv = podiam.env): CliResult {
  return aws(['organizations', ...args], env);
}

function ok(result: CliResult): Record<string, unknown> {
  if (result.status !== 0) throw new Error(`aws failed (${result.status}): ${result.stderr}`);
  return (result.json ?? {}) as Record<string, unknown>;
}

/** The error code the CLI printed: "An error occurred (Code) when calling ...". */
function errorCode(result: CliResult): string | undefined {
  expect(result.status, result.stdout).not.toBe(0);
  return /An error occurred \(([^)]+)\)/.exec(result.stderr)?.[1];
}

const denyRoles = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' }] });

beforeAll(async () => {
  podiam = await startPodiam({ accountId: '100000000001' });
}, 60_000);
afterAll(async () => {
  await podiam.stop();
});

describe('the organization (CreateOrganization, DescribeOrganization, ListRoots, EnablePolicyType)', () => {
  it('before there is one, DescribeOrganization is AWSOrganizationsNotInUseException', () => {
    const result = org(['describe-organization']);
    expect(errorCode(result)).toBe('AWSOrganizationsNotInUseException');
    expect(result.stderr).toContain('Your account is not a member of an organization.');
  });

  it('create-organization makes the account the management account; a second is AlreadyInOrganizationException', () => {
    const created = ok(org(['create-organization', '--feature-set', 'ALL'])) as { Organization: { Id: string; MasterAccountId: string; FeatureSet: string } };
    expect(created.Organization).toMatchObject({ MasterAccountId: podiam.accountId, FeatureSet: 'ALL' });
    expect(created.Organization.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(errorCode(org(['create-organization']))).toBe('AlreadyInOrganizationException');
    const described = ok(org(['describe-organization'])) as { Organization: { Id: string } };
    expect(described.Organization.Id).toBe(created.Organization.Id);
  });

  it('enable-policy-type SERVICE_CONTROL_POLICY on the root', () => {
    const roots = ok(org(['list-roots'])) as { Roots: { Id: string; PolicyTypes: unknown[] }[] };
    rootId = roots.Roots[0]?.Id ?? '';
    expect(roots.Roots[0]?.PolicyTypes).toEqual([]);
    const enabled = ok(org(['enable-policy-type', '--root-id', rootId, '--policy-type', 'SERVICE_CONTROL_POLICY'])) as { Root: { PolicyTypes: unknown[] } };
    expect(enabled.Root.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    expect(errorCode(org(['enable-policy-type', '--root-id', rootId, '--policy-type', 'SERVICE_CONTROL_POLICY']))).toBe('PolicyTypeAlreadyEnabledException');
  });
});

describe('member accounts (CreateAccount, DescribeCreateAccountStatus, ListAccounts)', () => {
  it('create-account answers IN_PROGRESS; describe-create-account-status SUCCEEDED with the account ID', () => {
    const request = ok(org(['create-account', '--email', 'workloads@example.com', '--account-name', 'workloads'])) as { CreateAccountStatus: { Id: string; State: string } };
    expect(request.CreateAccountStatus.State).toBe('IN_PROGRESS');
    const status = ok(org(['describe-create-account-status', '--create-account-request-id', request.CreateAccountStatus.Id])) as {
      CreateAccountStatus: { State: string; AccountId: string };
    };
    expect(status.CreateAccountStatus.State).toBe('SUCCEEDED');
    member = status.CreateAccountStatus.AccountId;
    expect(member).toMatch(/^\d{12}$/);
    expect(errorCode(org(['describe-create-account-status', '--create-account-request-id', 'car-00000000']))).toBe('CreateAccountStatusNotFoundException');
  });

  it('list-accounts pages through every account (the CLI follows NextToken)', () => {
    ok(org(['create-account', '--email', 'sandbox@example.com', '--account-name', 'sandbox']));
    const listed = ok(org(['list-accounts', '--page-size', '1'])) as { Accounts: { Id: string; Name: string; JoinedMethod: string }[] };
    expect(listed.Accounts.map((a) => a.Name).sort()).toEqual(['management', 'sandbox', 'workloads']);
    expect(listed.Accounts.find((a) => a.Id === member)?.JoinedMethod).toBe('CREATED');
  });

  it('the member account has FullAWSAccess, as every account does once SCPs are enabled', () => {
    const policies = ok(org(['list-policies-for-target', '--target-id', member, '--filter', 'SERVICE_CONTROL_POLICY'])) as { Policies: { Id: string }[] };
    expect(policies.Policies.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
  });

  it('the management account reaches the member through OrganizationAccountAccessRole', () => {
    const user = ok(aws(['iam', 'create-user', '--user-name', 'operator'], podiam.env));
    expect(user).toBeDefined();
    ok(aws(['iam', 'attach-user-policy', '--user-name', 'operator', '--policy-arn', 'arn:aws:iam::aws:policy/AdministratorAccess'], podiam.env));
    const key = ok(aws(['iam', 'create-access-key', '--user-name', 'operator'], podiam.env)) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
    operatorEnv = { ...podiam.env, AWS_ACCESS_KEY_ID: key.AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.AccessKey.SecretAccessKey };
    const assumed = ok(
      aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, '--role-session-name', 'operator'], operatorEnv),
    ) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } };
    memberEnv = {
      ...podiam.env,
      AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
    };
    const who = ok(aws(['sts', 'get-caller-identity'], memberEnv)) as { Account: string; Arn: string };
    expect(who).toMatchObject({ Account: member, Arn: `arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/operator` });
    // AdministratorAccess: the member's administrator may list the account's roles.
    const roles = ok(aws(['iam', 'list-roles'], memberEnv)) as { Roles: { RoleName: string }[] };
    expect(roles.Roles.map((r) => r.RoleName)).toContain('OrganizationAccountAccessRole');
  });

  it('a member account may not call the management-only actions (AccessDeniedException)', () => {
    expect(errorCode(org(['list-accounts'], memberEnv))).toBe('AccessDeniedException');
  });
});

describe('service control policies (CreatePolicy, AttachPolicy, DetachPolicy) applied to member accounts', () => {
  it('create-policy validates the SCP: MalformedPolicyDocumentException, ConstraintViolationException over 5,120 characters', () => {
    const principal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] });
    expect(errorCode(org(['create-policy', '--type', 'SERVICE_CONTROL_POLICY', '--name', 'bad', '--description', 'd', '--content', principal]))).toBe('MalformedPolicyDocumentException');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(5200), Effect: 'Deny', Action: '*', Resource: '*' }] });
    const tooBig = org(['create-policy', '--type', 'SERVICE_CONTROL_POLICY', '--name', 'big', '--description', 'd', '--content', big]);
    expect(errorCode(tooBig)).toBe('ConstraintViolationException');
    expect(tooBig.stderr).toContain('You have exceeded the maximum policy size.');
  });

  it('an SCP that denies iam:ListRoles in the member account refuses the call there; the management account is unaffected', () => {
    const created = ok(org(['create-policy', '--type', 'SERVICE_CONTROL_POLICY', '--name', 'deny-list-roles', '--description', 'no role listing', '--content', denyRoles])) as {
      Policy: { PolicySummary: { Id: string } };
    };
    denyListRoles = created.Policy.PolicySummary.Id;
    ok(org(['attach-policy', '--policy-id', denyListRoles, '--target-id', rootId]));
    const refused = aws(['iam', 'list-roles'], memberEnv);
    expect(errorCode(refused)).toBe('AccessDenied');
    expect(refused.stderr).toContain('iam:ListRoles');
    // Other actions in the member account are still allowed (FullAWSAccess at every level).
    ok(aws(['iam', 'list-users'], memberEnv));
    // SCPs do not restrict the management account, though the policy is attached to the root above it.
    ok(aws(['iam', 'list-roles'], operatorEnv));
    ok(aws(['iam', 'list-roles'], podiam.env));
  });

  it('attach twice is DuplicatePolicyAttachmentException; an unknown target TargetNotFoundException', () => {
    expect(errorCode(org(['attach-policy', '--policy-id', denyListRoles, '--target-id', rootId]))).toBe('DuplicatePolicyAttachmentException');
    expect(errorCode(org(['attach-policy', '--policy-id', denyListRoles, '--target-id', '999999999999']))).toBe('TargetNotFoundException');
    expect(errorCode(org(['detach-policy', '--policy-id', denyListRoles, '--target-id', member]))).toBe('PolicyNotAttachedException');
    expect(errorCode(org(['delete-policy', '--policy-id', denyListRoles]))).toBe('PolicyInUseException');
  });

  it('list-policies and list-targets-for-policy show the SCP and where it is attached', () => {
    const policies = ok(org(['list-policies', '--filter', 'SERVICE_CONTROL_POLICY'])) as { Policies: { Id: string; AwsManaged: boolean }[] };
    expect(policies.Policies.map((p) => p.Id).sort()).toEqual(['p-FullAWSAccess', denyListRoles].sort());
    const targets = ok(org(['list-targets-for-policy', '--policy-id', denyListRoles])) as { Targets: { TargetId: string; Type: string }[] };
    expect(targets.Targets).toEqual([expect.objectContaining({ TargetId: rootId, Type: 'ROOT' })]);
  });

  it('detach-policy lifts the denial at once', () => {
    ok(org(['detach-policy', '--policy-id', denyListRoles, '--target-id', rootId]));
    ok(aws(['iam', 'list-roles'], memberEnv));
    ok(org(['delete-policy', '--policy-id', denyListRoles]));
  });
});

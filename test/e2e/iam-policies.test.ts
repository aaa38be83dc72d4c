// Managed policies, AWS managed policies, OIDC providers, the policy simulator and
// GetAccountAuthorizationDetails end to end with the AWS SDK for JavaScript v3 (and the AWS CLI where a
// person would use it) against `podiam serve`.
import {
  AttachRolePolicyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeleteOpenIDConnectProviderCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListOpenIDConnectProvidersCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  PutRolePolicyCommand,
  SetDefaultPolicyVersionCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  AddClientIDToOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  TagOpenIDConnectProviderCommand,
  ListOpenIDConnectProviderTagsCommand,
  paginateListPolicies,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsManagedPolicies } from '../../src/iam/aws-managed-policies/seed.ts';

let podiam: PodiamProcess;
let iam: IAMClient;
const ACCOUNT = '333344445555';

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const S3_READ = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'] }]);

async function refusal(promise: Promise<unknown>): Promise<[string, string, number | undefined]> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return [e.name, e.message, e.$metadata?.httpStatusCode];
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  podiam = await startPodiam({ accountId: ACCOUNT });
  iam = new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } });
});
afterAll(async () => {
  iam.destroy();
  await podiam.stop();
});

describe('AWS managed policies (AWS Managed Policy Reference Guide) shipped under arn:aws:iam::aws:policy/', () => {
  it('lists them with their real IDs and reads their documents', async () => {
    const names: string[] = [];
    for await (const page of paginateListPolicies({ client: iam, pageSize: 4 }, { Scope: 'AWS' })) names.push(...(page.Policies ?? []).map((p) => p.PolicyName ?? ''));
    expect(names).toEqual(expect.arrayContaining(['AdministratorAccess', 'ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonEKS_CNI_Policy', 'CloudWatchReadOnlyAccess']));
    // Every shipped policy, each once, through the paginator.
    expect(names).toHaveLength(awsManagedPolicies().length);
    expect(new Set(names).size).toBe(names.length);
    const admin = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(admin.Policy).toMatchObject({ PolicyId: 'ANPAIWMBCKSKIEE64ZLYK', DefaultVersionId: 'v1', Description: 'Provides full access to AWS services and resources.' });
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });
  it('cannot be deleted or versioned by an account', async () => {
    expect(await refusal(iam.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })))).toEqual([
      'InvalidInputException',
      'ARN arn:aws:iam::aws:policy/ReadOnlyAccess is not valid.',
      400,
    ]);
  });
});

describe('Customer managed policies and versions (IAM User Guide, "Versioning IAM policies")', () => {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/teams/s3-read`;
  it('creates a policy, keeps at most five versions, and moves the default', async () => {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 's3-read', Path: '/teams/', PolicyDocument: S3_READ, Description: 'pics' }));
    expect(created.Policy).toMatchObject({ Arn: arn, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ, SetAsDefault: i === 3 }));
      expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 });
    }
    expect(await refusal(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ })))).toEqual([
      'LimitExceededException',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      409,
    ]);
    expect(await refusal(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })))).toEqual([
      'DeleteConflictException',
      'Cannot delete the default version of a policy.',
      409,
    ]);
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', true],
      ['v4', false],
      ['v3', false],
      ['v2', false],
      ['v1', false],
    ]);
    // IAM never gives a version number out twice: with v5 deleted, the next version is v6, not v5.
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const next = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ }));
    expect(next.PolicyVersion?.VersionId).toBe('v6');
  });
  it('refuses documents IAM refuses: no 2012-10-17 Version, over 6,144 characters, duplicate names', async () => {
    const old = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    expect((await refusal(iam.send(new CreatePolicyCommand({ PolicyName: 'old', PolicyDocument: old }))))[0]).toBe('MalformedPolicyDocumentException');
    const huge = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }]);
    expect(await refusal(iam.send(new CreatePolicyCommand({ PolicyName: 'huge', PolicyDocument: huge })))).toEqual([
      'LimitExceededException',
      'Cannot exceed quota for PolicySize: 6144',
      409,
    ]);
    expect(await refusal(iam.send(new CreatePolicyCommand({ PolicyName: 'S3-READ', PolicyDocument: S3_READ })))).toEqual([
      'EntityAlreadyExistsException',
      'A policy called S3-READ already exists. Duplicate names are not allowed.',
      409,
    ]);
    expect(await refusal(iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/missing` })))).toEqual([
      'NoSuchEntityException',
      `Policy arn:aws:iam::${ACCOUNT}:policy/missing was not found.`,
      404,
    ]);
  });
  it('counts attachments, lists entities, and refuses deletion while attached or versioned', async () => {
    const trust = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyRoles?.map((r) => r.RoleName)).toEqual(['reader']);
    const attachedOnly = await iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }));
    expect(attachedOnly.Policies?.map((p) => p.Arn)).toEqual([arn]);
    expect(await refusal(iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toEqual(['DeleteConflictException', 'Cannot delete a policy attached to entities.', 409]);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'reader', PolicyArn: arn }));
    expect(await refusal(iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toEqual([
      'DeleteConflictException',
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      409,
    ]);
    for (const v of ['v2', 'v3', 'v4', 'v6']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect((await refusal(iam.send(new GetPolicyCommand({ PolicyArn: arn }))))[0]).toBe('NoSuchEntityException');
  });
});

describe('OpenID Connect providers (IAM API Reference, "CreateOpenIDConnectProvider")', () => {
  const eksArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
  it('registers an EKS issuer (stored without its scheme) and a loopback issuer over http with its port', async () => {
    const eks = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
      }),
    );
    expect(eks.OpenIDConnectProviderArn).toBe(eksArn);
    const local = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://127.0.0.1:4577/oidc/demo', ClientIDList: ['sts.amazonaws.com'] }));
    expect(local.OpenIDConnectProviderArn).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/127.0.0.1:4577/oidc/demo`);
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: eksArn, ClientID: 'my-app' }));
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: eksArn, ThumbprintList: ['a'.repeat(40)] }));
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: eksArn, Tags: [{ Key: 'cluster', Value: 'demo-k8s' }] }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: eksArn }));
    expect(got).toMatchObject({
      Url: 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      ClientIDList: ['sts.amazonaws.com', 'my-app'],
      ThumbprintList: ['a'.repeat(40)],
      Tags: [{ Key: 'cluster', Value: 'demo-k8s' }],
    });
    expect((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: eksArn }))).Tags).toEqual([{ Key: 'cluster', Value: 'demo-k8s' }]);
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(listed.OpenIDConnectProviderList?.map((p) => p.Arn)).toEqual([`arn:aws:iam::${ACCOUNT}:oidc-provider/127.0.0.1:4577/oidc/demo`, eksArn]);
  });
  it('refuses duplicates, plain http elsewhere than loopback, bad thumbprints, and unknown ARNs', async () => {
    expect(
      await refusal(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' }))),
    ).toEqual(['EntityAlreadyExistsException', 'Provider with url https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE already exists.', 409]);
    expect((await refusal(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://issuer.example.com' }))))[0]).toBe('InvalidInputException');
    expect((await refusal(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://issuer.example.com', ThumbprintList: ['z'.repeat(40)] }))))[0]).toBe(
      'InvalidInputException',
    );
    expect(
      await refusal(
        iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://issuer.example.com', ThumbprintList: ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(40)) })),
      ),
    ).toEqual(['LimitExceededException', 'Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: 5', 409]);
    const missing = `arn:aws:iam::${ACCOUNT}:oidc-provider/nowhere.example.com`;
    expect(await refusal(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing })))).toEqual([
      'NoSuchEntityException',
      `OpenIDConnect Provider not found for arn ${missing}`,
      404,
    ]);
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/127.0.0.1:4577/oidc/demo` }));
  });
  it('the AWS CLI creates one as in the seeds', () => {
    const result = aws(['iam', 'create-open-id-connect-provider', '--url', 'https://token.actions.githubusercontent.com', '--client-id-list', 'sts.amazonaws.com'], podiam.env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.json).toEqual({ OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` });
  });
});

describe('The policy simulator (IAM API Reference, "SimulateCustomPolicy", "SimulatePrincipalPolicy")', () => {
  it('SimulateCustomPolicy evaluates the given documents', async () => {
    const result = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [S3_READ], ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::pics/cat.jpg'] }),
    );
    expect(result.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(result.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('PolicyInputList.1');
  });
  it('SimulatePrincipalPolicy evaluates the role\'s own inline and managed policies and reports each source', async () => {
    await iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'deny-delete', PolicyDocument: doc([{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    const result = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/reader`,
        ActionNames: ['s3:GetObject', 's3:DeleteObject', 'ec2:RunInstances'],
      }),
    );
    const byAction = Object.fromEntries((result.EvaluationResults ?? []).map((r) => [r.EvalActionName, r]));
    expect(byAction['s3:GetObject']?.EvalDecision).toBe('allowed');
    expect(byAction['s3:GetObject']?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', SourcePolicyType: 'aws-managed' });
    expect(byAction['s3:DeleteObject']?.EvalDecision).toBe('explicitDeny');
    expect(byAction['s3:DeleteObject']?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'deny-delete', SourcePolicyType: 'role' });
    expect(byAction['ec2:RunInstances']?.EvalDecision).toBe('implicitDeny');
    expect(await refusal(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, ActionNames: ['s3:GetObject'] })))).toEqual([
      'NoSuchEntityException',
      'The role with name ghost cannot be found.',
      404,
    ]);
  });
});

describe('GetAccountAuthorizationDetails (IAM API Reference): what IAM analysis tools read', () => {
  it('returns roles with URL-encoded documents and the managed policies in use with their versions', async () => {
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    const reader = details.RoleDetailList?.find((r) => r.RoleName === 'reader');
    expect(JSON.parse(decodeURIComponent(reader?.AssumeRolePolicyDocument ?? ''))).toMatchObject({ Version: '2012-10-17' });
    expect(reader?.RolePolicyList?.map((p) => p.PolicyName)).toEqual(['deny-delete']);
    expect(reader?.AttachedManagedPolicies?.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/AmazonS3FullAccess']);
    const s3Full = details.Policies?.find((p) => p.PolicyName === 'AmazonS3FullAccess');
    expect(s3Full?.PolicyVersionList?.[0]).toMatchObject({ IsDefaultVersion: true });
    // Only AWS managed policies in use are listed: AdministratorAccess is (the administrator user's), ReadOnlyAccess is not.
    expect(details.Policies?.some((p) => p.PolicyName === 'AdministratorAccess')).toBe(true);
    expect(details.Policies?.some((p) => p.PolicyName === 'ReadOnlyAccess')).toBe(false);
    const rolesOnly = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 1 }));
    expect(rolesOnly.RoleDetailList).toHaveLength(1);
    expect(rolesOnly.IsTruncated).toBe(false);
    expect(rolesOnly.UserDetailList).toEqual([]);
  });
  it('the AWS CLI reads it whole', () => {
    const result = aws(['iam', 'get-account-authorization-details', '--filter', 'Role', 'AWSManagedPolicy'], podiam.env);
    expect(result.status, result.stderr).toBe(0);
    const json = result.json as { RoleDetailList: { RoleName: string; AssumeRolePolicyDocument: unknown }[] };
    expect(json.RoleDetailList.map((r) => r.RoleName)).toEqual(['reader']);
    expect(json.RoleDetailList[0]?.AssumeRolePolicyDocument).toMatchObject({ Version: '2012-10-17' });
  });
});

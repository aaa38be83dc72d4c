// AssumeRoleWithWebIdentity end to end (STS API Reference, "AssumeRoleWithWebIdentity"; IAM User Guide,
// "OIDC federation"): `podiam serve` in its own process, a test OIDC issuer serving discovery and JWKS on
// loopback, tokens signed by it, and the real clients — the AWS CLI (seed 001's commands), boto3 (the
// client call and the AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE provider) and the AWS SDK v3
// (fromTokenFile, fromWebToken). Every refusal the issue lists is provoked on purpose.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleWithWebIdentityCommandInput } from '@aws-sdk/client-sts';
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers';
import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackIssuer, type LoopbackIssuer } from '../../src/oidc/testing/loopback-issuer.ts';
import { signToken, testKey, type TestKey } from '../../src/oidc/testing/signed-tokens.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync, envFor, pythonAsync, StsWorld, type AccountHandle } from './support/sts-world.ts';

const DEV = '123456789012';
let SHARED = '';
const SA_SUB = 'system:serviceaccount:default:svc-test';

let podiam: PodiamProcess;
let world: StsWorld;
let shared: AccountHandle;
let other: AccountHandle;
let issuer: LoopbackIssuer;
let stranger: LoopbackIssuer;
let key: TestKey;
let strangerKey: TestKey;
let tmp: string;
const roles = { podCreator: '', tagged: '', untagged: '', shared: '', other: '' };
let readPolicyArn = '';

const now = () => Math.floor(Date.now() / 1000);

function token(claims: JWTPayload = {}, signWith: TestKey = key, iss = issuer.issuer): Promise<string> {
  return signToken(signWith, { iss, sub: SA_SUB, aud: 'sts.amazonaws.com', iat: now(), exp: now() + 3600, ...claims });
}

function tokenFile(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function sts(): STSClient {
  return new STSClient({ endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } });
}

/** Calls AssumeRoleWithWebIdentity through the SDK; returns the error's code, status and message, or the output. */
async function assume(params: Partial<AssumeRoleWithWebIdentityCommandInput> & { WebIdentityToken: string }) {
  try {
    const out = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roles.podCreator, RoleSessionName: 'test-session', ...params }));
    return { ok: true as const, out };
  } catch (err) {
    // The wire's Code (the SDK names its exception classes after it, e.g. InvalidIdentityTokenException).
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false as const, code: e.Code ?? e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const trustFor = (account: string, condition: Record<string, string>, actions: string | string[] = 'sts:AssumeRoleWithWebIdentity') => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${issuer.providerUrl}` },
      Action: actions,
      Condition: { StringEquals: Object.fromEntries(Object.entries(condition).map(([k, v]) => [`${issuer.providerUrl}:${k}`, v])) },
    },
  ],
});

function jsonFile(name: string, value: unknown): string {
  return `file://${tokenFile(name, JSON.stringify(value))}`;
}

/** Runs an AWS CLI command that must succeed; returns its JSON output. */
async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const result = await awsAsync(args, env);
  if (result.status !== 0) throw new Error(`aws ${args.slice(0, 2).join(' ')} failed (${result.status}): ${result.stderr}`);
  return (result.json ?? {}) as Record<string, unknown>;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-sts-'));
  issuer = await startLoopbackIssuer('/oidc/demo');
  stranger = await startLoopbackIssuer('/oidc/stranger');
  key = await testKey('RS256', 'k1');
  strangerKey = await testKey('ES256', 's1');
  issuer.state.keys = [key.publicJwk];
  stranger.state.keys = [strangerKey.publicJwk];
  podiam = await startPodiam({ accountId: DEV });
  world = new StsWorld(podiam);
  shared = await world.memberAccount('shared-content');
  other = await world.memberAccount('other');
  SHARED = shared.accountId;

  // Seed 000 with the AWS CLI: the cluster's provider in the developer account, a customer managed
  // policy to read EKS clusters, and a role for default/svc-test with it attached.
  await cli(['iam', 'create-open-id-connect-provider', '--url', issuer.issuer, '--client-id-list', 'sts.amazonaws.com', 'other-app'], podiam.env);
  const policy = await cli(
    ['iam', 'create-policy', '--policy-name', 'test-k8s-read-policy', '--policy-document', jsonFile('read.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['eks:List*', 'eks:Describe*'], Resource: '*' }],
    })],
    podiam.env,
  );
  readPolicyArn = (policy.Policy as { Arn: string }).Arn;
  const podCreator = await cli(
    ['iam', 'create-role', '--role-name', 'pod-creator', '--assume-role-policy-document', jsonFile('trust-000.json', trustFor(DEV, { aud: 'sts.amazonaws.com', sub: SA_SUB }))],
    podiam.env,
  );
  roles.podCreator = (podCreator.Role as { Arn: string }).Arn;
  await cli(['iam', 'attach-role-policy', '--role-name', 'pod-creator', '--policy-arn', readPolicyArn], podiam.env);

  // Seed 001 with the AWS CLI in the shared_content account: the same issuer registered there, a role
  // trusting it with the seed's trust policy, and the seed's inline policy for the pics bucket (its Sid
  // "s3-bucket" is not alphanumeric, which IAM refuses: written "s3bucket" here).
  const sharedEnv = envFor(podiam, shared.admin);
  await cli(['iam', 'create-open-id-connect-provider', '--url', issuer.issuer, '--client-id-list', 'sts.amazonaws.com'], sharedEnv);
  const sharedRole = await cli(
    ['iam', 'create-role', '--role-name', 's3-read-object', '--assume-role-policy-document', jsonFile('trust-001.json', trustFor(SHARED, { aud: 'sts.amazonaws.com' }))],
    sharedEnv,
  );
  roles.shared = (sharedRole.Role as { Arn: string }).Arn;
  await cli(
    ['iam', 'put-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-bucket', '--policy-document', jsonFile('pics.json', {
      Version: '2012-10-17',
      Statement: [{ Sid: 's3bucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }],
    })],
    sharedEnv,
  );

  roles.tagged = await world.role(
    world.management,
    'tagged',
    trustFor(DEV, { aud: 'sts.amazonaws.com' }, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity']),
  );
  roles.untagged = await world.role(world.management, 'untagged', trustFor(DEV, { aud: 'sts.amazonaws.com' }));
  // A role in an account where the issuer is not registered (its trust policy names the developer
  // account's provider, which does not make that provider usable there).
  roles.other = await world.role(other, 'no-provider-here', trustFor(DEV, { aud: 'sts.amazonaws.com' }));
});

afterAll(async () => {
  await podiam?.stop();
  await issuer?.close();
  await stranger?.close();
});

describe('seed 001: cross-account IRSA with the AWS CLI', () => {
  it('assume-role-with-web-identity --duration 1500, then get-caller-identity with the credentials', async () => {
    const file = tokenFile('seed-001.jwt', await token());
    const assumed = await awsAsync(
      ['sts', 'assume-role-with-web-identity', '--role-arn', roles.shared, '--role-session-name', 'x-account', '--web-identity-token', `file://${file}`, '--duration', '1500'],
      podiam.env,
    );
    expect(assumed.status, assumed.stderr).toBe(0);
    const out = assumed.json as {
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
      AssumedRoleUser: { Arn: string; AssumedRoleId: string };
      Provider: string;
      Audience: string;
      SubjectFromWebIdentityToken: string;
    };
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${SHARED}:assumed-role/s3-read-object/x-account`);
    expect(out.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{16}:x-account$/);
    expect(out.Provider).toBe(`arn:aws:iam::${SHARED}:oidc-provider/${issuer.providerUrl}`);
    expect(out.Audience).toBe('sts.amazonaws.com');
    expect(out.SubjectFromWebIdentityToken).toBe(SA_SUB);
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const lifetime = (Date.parse(out.Credentials.Expiration) - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(1400);
    expect(lifetime).toBeLessThanOrEqual(1500);

    const env = { ...podiam.env, AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId, AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey, AWS_SESSION_TOKEN: out.Credentials.SessionToken };
    const identity = await awsAsync(['sts', 'get-caller-identity'], env);
    expect(identity.status, identity.stderr).toBe(0);
    expect(identity.json).toEqual({ UserId: out.AssumedRoleUser.AssumedRoleId, Account: SHARED, Arn: out.AssumedRoleUser.Arn });

    const info = await awsAsync(['sts', 'get-access-key-info', '--access-key-id', out.Credentials.AccessKeyId], podiam.env);
    expect(info.status, info.stderr).toBe(0);
    expect(info.json).toEqual({ Account: SHARED });
  });
});

describe('seed 000: IRSA in one account with the SDKs\' web identity providers', () => {
  it('the AWS CLI picks up AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE', async () => {
    const file = tokenFile('seed-000-cli.jwt', await token());
    // A fresh HOME: the CLI caches web identity credentials in ~/.aws/cli/cache by role and session name.
    const env: NodeJS.ProcessEnv = { ...podiam.env, HOME: tmp, AWS_ROLE_ARN: roles.podCreator, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_SESSION_NAME: 'cli-pod' };
    delete env['AWS_ACCESS_KEY_ID'];
    delete env['AWS_SECRET_ACCESS_KEY'];
    const identity = await awsAsync(['sts', 'get-caller-identity'], env);
    expect(identity.status, identity.stderr).toBe(0);
    expect((identity.json as { Arn: string }).Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/pod-creator/cli-pod`);
  });

  it('boto3: assume_role_with_web_identity, and the environment provider', async () => {
    const file = tokenFile('seed-000-boto3.jwt', await token());
    const script = `
import json, os, boto3
sts = boto3.client('sts')
out = sts.assume_role_with_web_identity(RoleArn=os.environ['ROLE'], RoleSessionName='boto3-call', WebIdentityToken=open(os.environ['TOKEN']).read())
c = out['Credentials']
who = boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken']).get_caller_identity()
for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'): os.environ.pop(k, None)
os.environ['AWS_ROLE_ARN'] = os.environ['ROLE']
os.environ['AWS_WEB_IDENTITY_TOKEN_FILE'] = os.environ['TOKEN']
os.environ['AWS_ROLE_SESSION_NAME'] = 'boto3-env'
env_who = boto3.Session().client('sts').get_caller_identity()
print(json.dumps({'arn': out['AssumedRoleUser']['Arn'], 'who': who['Arn'], 'env': env_who['Arn'], 'provider': out['Provider']}))
`;
    const result = await pythonAsync(script, { ...podiam.env, ROLE: roles.podCreator, TOKEN: file });
    expect(result.status, result.stderr).toBe(0);
    expect(result.json).toEqual({
      arn: `arn:aws:sts::${DEV}:assumed-role/pod-creator/boto3-call`,
      who: `arn:aws:sts::${DEV}:assumed-role/pod-creator/boto3-call`,
      env: `arn:aws:sts::${DEV}:assumed-role/pod-creator/boto3-env`,
      provider: `arn:aws:iam::${DEV}:oidc-provider/${issuer.providerUrl}`,
    });
  });

  it('the AWS SDK v3: fromTokenFile and fromWebToken', async () => {
    const file = tokenFile('seed-000-sdk.jwt', await token());
    const clientConfig = { endpoint: podiam.url, region: 'us-east-1' };
    const viaFile = new STSClient({ ...clientConfig, credentials: fromTokenFile({ roleArn: roles.podCreator, webIdentityTokenFile: file, roleSessionName: 'sdk-file', clientConfig }) });
    expect((await viaFile.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/pod-creator/sdk-file`);
    const viaToken = new STSClient({
      ...clientConfig,
      credentials: fromWebToken({ roleArn: roles.podCreator, webIdentityToken: await token(), roleSessionName: 'sdk-token', clientConfig }),
    });
    const who = await viaToken.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/pod-creator/sdk-token`);
    expect(who.Account).toBe(DEV);
  });
});

describe('STS API Reference, "AssumeRoleWithWebIdentity", Errors: InvalidIdentityToken', () => {
  it('a token signed by another key under the published kid', async () => {
    const forger = await testKey('RS256', 'k1');
    expect(await assume({ WebIdentityToken: await token({}, forger) })).toMatchObject({ ok: false, code: 'InvalidIdentityToken', status: 400 });
  });
  it('a token from an issuer with no provider in the role\'s account', async () => {
    const result = await assume({ WebIdentityToken: await token({}, strangerKey, stranger.issuer) });
    expect(result).toMatchObject({ ok: false, code: 'InvalidIdentityToken', message: `No OpenIDConnect provider found in your account for ${stranger.issuer}` });
  });
  it('a provider registered only in another account does not serve this one', async () => {
    const result = await assume({ RoleArn: roles.other, WebIdentityToken: await token() });
    expect(result).toMatchObject({ ok: false, code: 'InvalidIdentityToken', message: `No OpenIDConnect provider found in your account for ${issuer.issuer}` });
  });
  it('alg none', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer.issuer, sub: SA_SUB, aud: 'sts.amazonaws.com', iat: now(), exp: now() + 600 })}.`;
    expect(await assume({ WebIdentityToken: unsigned })).toMatchObject({ ok: false, code: 'InvalidIdentityToken', status: 400 });
  });
  it('HMAC (HS256) signatures', async () => {
    const hmac = await new SignJWT({ iss: issuer.issuer, sub: SA_SUB, aud: 'sts.amazonaws.com', iat: now(), exp: now() + 600 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expect(await assume({ WebIdentityToken: hmac })).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
  });
  it('text that is not a JWT', async () => {
    expect(await assume({ WebIdentityToken: 'not-a-jwt-at-all' })).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    });
  });
  it('an audience that is not one of the provider\'s client IDs', async () => {
    expect(await assume({ WebIdentityToken: await token({ aud: 'someone-else' }) })).toMatchObject({ ok: false, code: 'InvalidIdentityToken', message: 'Incorrect token audience' });
  });
});

describe('STS API Reference, "AssumeRoleWithWebIdentity", Errors: ExpiredTokenException and IDPRejectedClaim', () => {
  it('an expired token gets ExpiredTokenException (400) naming both times', async () => {
    const result = await assume({ WebIdentityToken: await token({ iat: now() - 7200, exp: now() - 3600 }) });
    expect(result).toMatchObject({ ok: false, code: 'ExpiredTokenException', status: 400 });
    expect(result.ok ? '' : result.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });
  it('an OAuth 2.0 access token (ProviderId) is rejected by the identity provider: IDPRejectedClaim (403)', async () => {
    expect(await assume({ WebIdentityToken: 'EAAGm0PX4ZCpsBAOpaque', ProviderId: 'graph.facebook.com' })).toMatchObject({
      ok: false,
      code: 'IDPRejectedClaim',
      status: 403,
    });
  });
});

describe('IAM User Guide, "Available keys for AWS OIDC federation": the trust policy decides (AccessDenied)', () => {
  it('a subject the trust policy does not name', async () => {
    expect(await assume({ WebIdentityToken: await token({ sub: 'system:serviceaccount:default:intruder' }) })).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });
  it('a registered client ID that the trust policy\'s aud condition does not name', async () => {
    expect(await assume({ WebIdentityToken: await token({ aud: 'other-app' }) })).toMatchObject({ ok: false, code: 'AccessDenied', status: 403 });
  });
  it('a role that does not exist is refused the same way', async () => {
    expect(await assume({ RoleArn: `arn:aws:iam::${DEV}:role/nope`, WebIdentityToken: await token() })).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });
});

describe('STS API Reference, "AssumeRoleWithWebIdentity": ValidationError', () => {
  it('DurationSeconds above the role\'s MaxSessionDuration', async () => {
    expect(await assume({ WebIdentityToken: await token(), DurationSeconds: 7200 })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });
  it('a RoleArn that is not a role ARN', async () => {
    expect(await assume({ RoleArn: `arn:aws:iam::${DEV}:oidc-provider/${issuer.providerUrl}`, WebIdentityToken: await token() })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: 'Request ARN is invalid',
    });
  });
  it('DurationSeconds below 900', async () => {
    expect(await assume({ WebIdentityToken: await token(), DurationSeconds: 899 })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
  });
  it('a session name of one character, and one with a space', async () => {
    expect(await assume({ WebIdentityToken: await token(), RoleSessionName: 'x' })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    });
    expect(await assume({ WebIdentityToken: await token(), RoleSessionName: 'bad name' })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    });
  });
});

describe('IAM User Guide, "Session policies": MalformedPolicyDocument and PackedPolicyTooLarge', () => {
  it('a session policy without Resource', async () => {
    const result = await assume({ WebIdentityToken: await token(), Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}' });
    expect(result).toMatchObject({ ok: false, code: 'MalformedPolicyDocument', status: 400 });
  });
  it('a session policy whose packed form exceeds the allotted space', async () => {
    const services = ['cloudformation', 'dynamodb', 's3', 'lambda', 'iam', 'logs', 'cognito-idp', 'ses', 'route53'];
    const verbs = ['CreateStack', 'UpdateStack', 'DescribeStacks', 'CreateTable', 'DescribeTable', 'UpdateTable', 'PutObject', 'CreateBucket', 'CreateFunction',
      'UpdateFunctionCode', 'AddPermission', 'CreateRole', 'PassRole', 'AttachRolePolicy', 'CreateLogGroup', 'PutRetentionPolicy', 'CreateUserPool',
      'UpdateUserPool', 'SendEmail', 'VerifyDomainIdentity', 'ChangeResourceRecordSets', 'GetHostedZone', 'TagResource', 'UntagResource', 'PutBucketPolicy',
      'GetBucketPolicy', 'PutBucketTagging', 'CreateUserPoolClient', 'DescribeUserPool', 'DeleteStack', 'DeleteTable', 'DeleteObject', 'DeleteFunction',
      'GetFunction', 'RemovePermission', 'DeleteRole', 'DetachRolePolicy', 'DeleteLogGroup', 'DeleteUserPool', 'ListHostedZones', 'DeleteBucketPolicy'];
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: verbs.map((v, i) => `${services[i % services.length]}:${v}`), Resource: '*' }] });
    const result = await assume({ WebIdentityToken: await token(), Policy: policy });
    expect(result).toMatchObject({ ok: false, code: 'PackedPolicyTooLarge', status: 400 });
    expect(result.ok ? '' : result.message).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });
  it('a small inline policy and a managed policy ARN are accepted and reported as PackedPolicySize', async () => {
    const result = await assume({
      WebIdentityToken: await token(),
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"eks:DescribeCluster","Resource":"*"}]}',
      PolicyArns: [{ arn: readPolicyArn }],
    });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.out.PackedPolicySize : 0).toBeGreaterThan(0);
  });
  it('a managed policy ARN that does not exist', async () => {
    expect(await assume({ WebIdentityToken: await token(), PolicyArns: [{ arn: `arn:aws:iam::${DEV}:policy/missing` }] })).toMatchObject({
      ok: false,
      code: 'MalformedPolicyDocument',
    });
  });
});

describe('IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity"', () => {
  const tagsClaim = { 'https://aws.amazon.com/tags': { principal_tags: { Project: ['Pegasus'], CostCenter: ['24680'] }, transitive_tag_keys: ['Project'] } };
  it('tags from the token need sts:TagSession in the trust policy', async () => {
    expect(await assume({ RoleArn: roles.untagged, WebIdentityToken: await token(tagsClaim) })).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Not authorized to perform sts:TagSession',
    });
  });
  it('with sts:TagSession and sts:SetSourceIdentity allowed, the session carries the tags and the source identity', async () => {
    const result = await assume({ RoleArn: roles.tagged, WebIdentityToken: await token({ ...tagsClaim, 'https://aws.amazon.com/source_identity': 'alice' }) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.out.SourceIdentity).toBe('alice');
    expect(result.out.PackedPolicySize).toBeGreaterThan(0);
    const c = result.out.Credentials;
    const session = new STSClient({
      endpoint: podiam.url,
      region: 'us-east-1',
      credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' },
    });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/tagged/test-session`);
  });
});

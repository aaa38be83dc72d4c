// AssumeRole, GetSessionToken and GetAccessKeyInfo end to end (STS API Reference; IAM User Guide,
// "Policy evaluation logic", "Cross-account policy evaluation logic", "Methods to assume a role",
// "Pass session tags in AWS STS"): `podiam serve` in its own process, the AWS SDK v3, the AWS CLI and
// boto3 as callers. Seed 003's kube2iam chain (node credentials -> Kube2IAM-Role -> S3-BUCKET-Role),
// same- and cross-account trust, ExternalId, role chaining's one-hour cap, session tags and source
// identity, and the Organizations member account's OrganizationAccountAccessRole.
import { GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type Credentials,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { rootAccessKey } from './support/root-access-key.ts';
import { awsAsync, pythonAsync, StsWorld, type Keys } from './support/sts-world.ts';

const DEV = '123456789012';
let SHARED = '';
let MEMBER = '';

let podiam: PodiamProcess;
let world: StsWorld;
let root: Keys;
const users: Record<'alice' | 'bob' | 'carol' | 'dave' | 'node' | 'orgAdmin', Keys> = {
  dave: { accessKeyId: '', secretAccessKey: '' },
  orgAdmin: { accessKeyId: '', secretAccessKey: '' },
  alice: { accessKeyId: '', secretAccessKey: '' },
  bob: { accessKeyId: '', secretAccessKey: '' },
  carol: { accessKeyId: '', secretAccessKey: '' },
  node: { accessKeyId: '', secretAccessKey: '' },
};
const arn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

function sts(keys: Keys): STSClient {
  return new STSClient({ endpoint: podiam.url, region: 'us-east-1', credentials: keys });
}

function keysOf(c: Partial<Credentials> | undefined): Keys {
  return { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
}

type Outcome<T> = { ok: true; out: T } | { ok: false; code: string; message: string; status: number | undefined };

async function outcome<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, out: await promise };
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, code: e.Code ?? e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

function assume(keys: Keys, params: Partial<AssumeRoleCommandInput> & { RoleArn: string }) {
  return outcome(sts(keys).send(new AssumeRoleCommand({ RoleSessionName: 'test-session', ...params })));
}

async function assumed(keys: Keys, params: Partial<AssumeRoleCommandInput> & { RoleArn: string }): Promise<Keys> {
  const result = await assume(keys, params);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return keysOf(result.out.Credentials);
}

const allow = (actions: string | string[], resource: string | string[] = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});
const trust = (principal: Record<string, unknown>, actions: string | string[] = 'sts:AssumeRole', condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: actions, ...(condition !== undefined ? { Condition: condition } : {}) }],
});

beforeAll(async () => {
  podiam = await startPodiam({ accountId: DEV });
  root = await rootAccessKey(podiam);
  world = new StsWorld(podiam);
  const shared = await world.memberAccount('shared-content');
  SHARED = shared.accountId;
  MEMBER = (await world.memberAccount('member')).accountId;
  const dev = world.management;
  users.alice = (await world.user(dev, 'alice', { assume: allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:GetAccessKeyInfo']) })).keys;
  users.bob = (await world.user(dev, 'bob')).keys;
  users.carol = (await world.user(dev, 'carol')).keys;
  users.dave = (await world.user(dev, 'dave', { assume: allow('sts:AssumeRole') })).keys;
  users.node = (await world.user(dev, 'node', { kube2iam: allow('sts:AssumeRole', arn(DEV, 'Kube2IAM-Role')) })).keys;
  users.orgAdmin = (await world.user(dev, 'org-admin', {}, ['arn:aws:iam::aws:policy/AdministratorAccess'])).keys;
  const devRoot = { AWS: `arn:aws:iam::${DEV}:root` };

  // Seed 003 (kube2iam): the node's intermediate role, and the pod role it assumes. The node role also
  // trusts the `node` user here, standing in for the EC2 instance profile. The pod role comes first:
  // IAM refuses a trust policy naming a role that does not exist.
  await world.role(dev, 'S3-BUCKET-Role', trust(devRoot), {
    maxSessionDuration: 43200,
    inline: { list: allow('s3:ListBucket', ['arn:aws:s3:::S3_BUCKET_NAME']) },
  });
  await world.role(
    dev,
    'Kube2IAM-Role',
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: '', Effect: 'Allow', Principal: { AWS: [arn(DEV, 'S3-BUCKET-Role')] }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:user/node` }, Action: 'sts:AssumeRole' },
      ],
    },
    { inline: { assume: allow('sts:AssumeRole', [arn(DEV, 'S3-BUCKET-Role')]) } },
  );
  await world.iam(dev).send(
    new UpdateAssumeRolePolicyCommand({ RoleName: 'S3-BUCKET-Role', PolicyDocument: JSON.stringify(trust({ AWS: arn(DEV, 'Kube2IAM-Role') })) }),
  );

  // Same account: a role trusting the account (identity policies decide), one naming carol herself.
  await world.role(dev, 'app-role', trust(devRoot), { maxSessionDuration: 7200 });
  await world.role(dev, 'direct-trust', trust({ AWS: `arn:aws:iam::${DEV}:user/carol` }));
  // Session tags and source identity.
  await world.role(dev, 'no-tag-session', trust(devRoot));
  await world.role(dev, 'tag-session', trust(devRoot, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']), {
    inline: { chain: allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']) },
  });
  await world.role(dev, 'abac-role', trust(devRoot, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], { StringEquals: { 'aws:PrincipalTag/Project': 'Pegasus' } }));

  // Cross-account: shared_content trusts the developer account with an external ID; another role
  // trusts a different account only.
  await world.role(shared, 'cross-role', trust(devRoot, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'pics-7f3a' } }));
  await world.role(shared, 'no-trust-role', trust({ AWS: `arn:aws:iam::${MEMBER}:root` }));
});

afterAll(async () => {
  await podiam?.stop();
});

describe('seed 003: kube2iam assumes the pod role through the intermediate node role', () => {
  it('node credentials -> Kube2IAM-Role -> S3-BUCKET-Role with boto3, then the caller identity', async () => {
    const script = `
import json, boto3, os
node = boto3.client('sts')
r1 = node.assume_role(RoleArn=os.environ['KUBE2IAM'], RoleSessionName='node-1')['Credentials']
mid = boto3.client('sts', aws_access_key_id=r1['AccessKeyId'], aws_secret_access_key=r1['SecretAccessKey'], aws_session_token=r1['SessionToken'])
r2 = mid.assume_role(RoleArn=os.environ['POD'], RoleSessionName='aws-cli-pod')
c = r2['Credentials']
pod = boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
print(json.dumps({'assumed': r2['AssumedRoleUser']['Arn'], 'who': pod.get_caller_identity()['Arn']}))
`;
    const result = await pythonAsync(script, {
      ...podiam.env,
      AWS_ACCESS_KEY_ID: users.node.accessKeyId,
      AWS_SECRET_ACCESS_KEY: users.node.secretAccessKey,
      KUBE2IAM: arn(DEV, 'Kube2IAM-Role'),
      POD: arn(DEV, 'S3-BUCKET-Role'),
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.json).toEqual({
      assumed: `arn:aws:sts::${DEV}:assumed-role/S3-BUCKET-Role/aws-cli-pod`,
      who: `arn:aws:sts::${DEV}:assumed-role/S3-BUCKET-Role/aws-cli-pod`,
    });
  });

  it('role chaining is capped at one hour although the pod role allows twelve (AWS CLI)', async () => {
    const node = await assumed(users.node, { RoleArn: arn(DEV, 'Kube2IAM-Role') });
    const env = { ...podiam.env, AWS_ACCESS_KEY_ID: node.accessKeyId, AWS_SECRET_ACCESS_KEY: node.secretAccessKey, AWS_SESSION_TOKEN: node.sessionToken };
    const refused = await awsAsync(['sts', 'assume-role', '--role-arn', arn(DEV, 'S3-BUCKET-Role'), '--role-session-name', 'too-long', '--duration-seconds', '7200'], env);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const granted = await awsAsync(['sts', 'assume-role', '--role-arn', arn(DEV, 'S3-BUCKET-Role'), '--role-session-name', 'one-hour', '--duration-seconds', '3600'], env);
    expect(granted.status, granted.stderr).toBe(0);
  });
});

describe('IAM User Guide, "Policy evaluation for requests within a single account"', () => {
  it('a trust policy naming the account delegates to the caller\'s identity policies: allowed', async () => {
    const result = await assume(users.alice, { RoleArn: arn(DEV, 'app-role'), DurationSeconds: 7200 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/app-role/test-session`);
    expect(result.out.PackedPolicySize).toBeUndefined();
    const lifetime = ((result.out.Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(7100);
  });
  it('the role records its last use (IAM API Reference, "RoleLastUsed")', async () => {
    await assumed(users.alice, { RoleArn: arn(DEV, 'app-role') });
    let lastUsed: Date | undefined;
    for (let i = 0; i < 20 && lastUsed === undefined; i++) {
      lastUsed = (await world.iam().send(new GetRoleCommand({ RoleName: 'app-role' }))).Role?.RoleLastUsed?.LastUsedDate;
      if (lastUsed === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(Math.abs((lastUsed?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });
  it('... and refused when no identity policy allows sts:AssumeRole', async () => {
    expect(await assume(users.bob, { RoleArn: arn(DEV, 'app-role') })).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${DEV}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${DEV}:role/app-role because no identity-based policy allows the sts:AssumeRole action`,
    });
  });
  it('a trust policy naming the user grants on its own', async () => {
    expect((await assume(users.carol, { RoleArn: arn(DEV, 'direct-trust') })).ok).toBe(true);
  });
  it('a role that does not exist is refused as one that does not trust the caller', async () => {
    const result = await assume(users.alice, { RoleArn: arn(DEV, 'no-such-role') });
    expect(result).toMatchObject({ ok: false, code: 'AccessDenied', status: 403 });
    expect(result.ok ? '' : result.message).toMatch(/^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role\/no-such-role/);
  });
  it('DurationSeconds above the role\'s MaxSessionDuration', async () => {
    expect(await assume(users.alice, { RoleArn: arn(DEV, 'app-role'), DurationSeconds: 10800 })).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });
  it('the account root may not assume roles', async () => {
    expect(await assume(root, { RoleArn: arn(DEV, 'app-role') })).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Roles may not be assumed by root accounts.',
    });
  });
  it('MFA parameters are refused: podiam has no MFA devices', async () => {
    expect(await assume(users.alice, { RoleArn: arn(DEV, 'app-role'), SerialNumber: `arn:aws:iam::${DEV}:mfa/alice`, TokenCode: '123456' })).toMatchObject({
      ok: false,
      code: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
  });
});

describe('IAM User Guide, "Cross-account policy evaluation logic"', () => {
  it('the AWS CLI assumes a role in another account with the external ID its trust policy requires', async () => {
    const env = { ...podiam.env, AWS_ACCESS_KEY_ID: users.alice.accessKeyId, AWS_SECRET_ACCESS_KEY: users.alice.secretAccessKey };
    const result = await awsAsync(['sts', 'assume-role', '--role-arn', arn(SHARED, 'cross-role'), '--role-session-name', 'pics', '--external-id', 'pics-7f3a'], env);
    expect(result.status, result.stderr).toBe(0);
    const out = result.json as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }; AssumedRoleUser: { Arn: string } };
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${SHARED}:assumed-role/cross-role/pics`);
    const who = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(SHARED);
  });
  it('a wrong external ID, and none, are refused', async () => {
    expect(await assume(users.alice, { RoleArn: arn(SHARED, 'cross-role'), ExternalId: 'guess' })).toMatchObject({ ok: false, code: 'AccessDenied', status: 403 });
    expect(await assume(users.alice, { RoleArn: arn(SHARED, 'cross-role') })).toMatchObject({ ok: false, code: 'AccessDenied' });
  });
  it('a role whose trust policy does not name the caller\'s account is refused, whatever the caller\'s own policies allow', async () => {
    const result = await assume(users.alice, { RoleArn: arn(SHARED, 'no-trust-role') });
    expect(result).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(result.ok ? '' : result.message).toContain('because no resource-based policy allows the sts:AssumeRole action');
  });
  it('an administrator of the management account assumes OrganizationAccountAccessRole in a member account', async () => {
    const member = await assumed(users.orgAdmin, { RoleArn: arn(MEMBER, 'OrganizationAccountAccessRole'), RoleSessionName: 'admin' });
    const who = await sts(member).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: MEMBER, Arn: `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/admin` });
  });
});

describe('IAM User Guide, "Pass session tags in AWS STS" and "Monitor and control actions taken with assumed roles"', () => {
  it('session tags need sts:TagSession in the trust policy', async () => {
    const result = await assume(users.alice, { RoleArn: arn(DEV, 'no-tag-session'), Tags: [{ Key: 'Project', Value: 'Pegasus' }] });
    expect(result).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(result.ok ? '' : result.message).toContain('is not authorized to perform: sts:TagSession on resource');
  });
  it('session tags need sts:TagSession in the caller\'s identity policies too', async () => {
    expect((await assume(users.dave, { RoleArn: arn(DEV, 'tag-session') })).ok).toBe(true);
    const result = await assume(users.dave, { RoleArn: arn(DEV, 'tag-session'), Tags: [{ Key: 'Project', Value: 'Pegasus' }] });
    expect(result).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${DEV}:user/dave is not authorized to perform: sts:TagSession on resource: arn:aws:iam::${DEV}:role/tag-session because no identity-based policy allows the sts:TagSession action`,
    });
  });
  it('transitive tags and the source identity carry over to a chained session, where aws:PrincipalTag reads them', async () => {
    const first = await assume(users.alice, {
      RoleArn: arn(DEV, 'tag-session'),
      Tags: [{ Key: 'Project', Value: 'Pegasus' }, { Key: 'Team', Value: 'blue' }],
      TransitiveTagKeys: ['Project'],
      SourceIdentity: 'alice',
    });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.out.SourceIdentity).toBe('alice');
    expect(first.out.PackedPolicySize).toBeGreaterThan(0);
    const session = keysOf(first.out.Credentials);
    const chained = await assume(session, { RoleArn: arn(DEV, 'abac-role') });
    expect(chained).toMatchObject({ ok: true, out: { SourceIdentity: 'alice' } });
    expect(await assume(session, { RoleArn: arn(DEV, 'abac-role'), Tags: [{ Key: 'project', Value: 'Other' }] })).toMatchObject({ ok: false, code: 'ValidationError' });
    expect(await assume(session, { RoleArn: arn(DEV, 'abac-role'), SourceIdentity: 'mallory' })).toMatchObject({ ok: false, code: 'ValidationError' });
  });
  it('a session without the tag does not satisfy the aws:PrincipalTag condition', async () => {
    const untagged = await assumed(users.alice, { RoleArn: arn(DEV, 'tag-session') });
    expect(await assume(untagged, { RoleArn: arn(DEV, 'abac-role') })).toMatchObject({ ok: false, code: 'AccessDenied' });
  });
  it('tag keys with the reserved aws: prefix are refused', async () => {
    expect(await assume(users.alice, { RoleArn: arn(DEV, 'tag-session'), Tags: [{ Key: 'aws:Project', Value: 'x' }] })).toMatchObject({ ok: false, code: 'ValidationError' });
  });
});

describe('STS API Reference, "GetSessionToken"', () => {
  it('an IAM user gets a session that acts as the user', async () => {
    const result = await outcome(sts(users.alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const who = await sts(keysOf(result.out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${DEV}:user/alice`);
    // The session keeps the user's permissions.
    expect((await assume(keysOf(result.out.Credentials), { RoleArn: arn(DEV, 'app-role') })).ok).toBe(true);
  });
  it('session credentials cannot call it', async () => {
    const session = await assumed(users.alice, { RoleArn: arn(DEV, 'app-role') });
    expect(await outcome(sts(session).send(new GetSessionTokenCommand({})))).toEqual({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });
  it('the account root gets at most an hour', async () => {
    const result = await outcome(sts(root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 })));
    expect(result.ok).toBe(true);
    const lifetime = ((result.ok ? result.out.Credentials?.Expiration?.getTime() : 0) ?? 0) - Date.now();
    expect(lifetime / 1000).toBeLessThanOrEqual(3600);
    expect(lifetime / 1000).toBeGreaterThan(3500);
  });
});

describe('STS API Reference, "GetAccessKeyInfo"', () => {
  it('answers the account of a long-term key and of temporary keys minted for other accounts', async () => {
    expect(await sts(users.alice).send(new GetAccessKeyInfoCommand({ AccessKeyId: users.alice.accessKeyId }))).toMatchObject({ Account: DEV });
    const member = await assumed(users.orgAdmin, { RoleArn: arn(MEMBER, 'OrganizationAccountAccessRole') });
    expect(await sts(users.alice).send(new GetAccessKeyInfoCommand({ AccessKeyId: member.accessKeyId }))).toMatchObject({ Account: MEMBER });
  });
  it('needs sts:GetAccessKeyInfo', async () => {
    expect(await outcome(sts(users.bob).send(new GetAccessKeyInfoCommand({ AccessKeyId: users.alice.accessKeyId })))).toMatchObject({ ok: false, code: 'AccessDenied' });
  });
});

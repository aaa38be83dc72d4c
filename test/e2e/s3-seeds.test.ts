// The seeds' S3 commands with the credentials their pods get, against `podiam serve` in its own
// process: every role, policy, provider and bucket made through podiam's own APIs with the AWS CLI,
// credentials through the IRSA chain (`podiam cluster create`, `podiam token`,
// `aws sts assume-role-with-web-identity`) or `aws sts assume-role`, and every call allowed exactly
// where the policies allow it (IAM User Guide, "Policy evaluation logic" and "Cross-account policy
// evaluation logic"; Amazon S3 User Guide, "Required permissions for Amazon S3 API operations"):
// - seed 001: the pod in the developer account reads pics/indoor-cat.jpg in shared_content, through
//   the provider registered there, and through role chaining (blue/green); other buckets, other
//   actions, cross-account access without the bucket policy and tampered signatures are refused;
// - seed 002: Team A's object access; the `aws:RequestTag/Department` policy, which S3 object
//   uploads never satisfy (their tags are `s3:RequestObjectTag/...`) but CreateBucket with tags does;
// - seed 003: kube2iam's node -> Kube2IAM-Role -> S3-BUCKET-Role, then the pod's `aws s3 ls`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE, PODIAM_BIN, startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { succeeded } from './support/aws-cli.ts';
import { awsAsync, envFor, runAsync, StsWorld, type AccountHandle, type Keys } from './support/sts-world.ts';

const DEV = '111122223333';
const CLUSTER = 'development-cluster';
let SHARED = '';

let podiam: PodiamProcess;
let world: StsWorld;
let shared: AccountHandle;
let tmp: string;
let issuer = '';
let cat: Buffer;

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const allow = (action: string | string[], resource: string | string[], condition?: unknown) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...(condition !== undefined ? { Condition: condition } : {}) }] });

function credentialsOf(json: unknown): Keys {
  const c = (json as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** The IRSA chain: the kubelet's projected token (`podiam token`), then the pod's assume-role-with-web-identity. */
async function podCredentials(serviceAccount: string, namespace: string, role: string, session: string, duration = 3600): Promise<Keys> {
  const minted = await runAsync(NODE, [PODIAM_BIN, 'token', '--cluster', CLUSTER, '--namespace', namespace, '--service-account', serviceAccount], podiam.env);
  expect(minted.status, minted.stderr).toBe(0);
  const file = join(tmp, `${namespace}-${serviceAccount}.token`);
  writeFileSync(file, minted.stdout.trim());
  const assumed = await awsAsync(
    ['sts', 'assume-role-with-web-identity', '--role-arn', role, '--role-session-name', session, '--web-identity-token', `file://${file}`, '--duration', String(duration)],
    podiam.env,
  );
  return credentialsOf(succeeded(assumed));
}

/** A role made with the AWS CLI in an account: trust policy, one inline policy. */
async function cliRole(account: AccountHandle, name: string, trust: unknown, policy: string): Promise<void> {
  const env = envFor(podiam, account.admin);
  succeeded(await awsAsync(['iam', 'create-role', '--role-name', name, '--assume-role-policy-document', JSON.stringify(trust)], env));
  succeeded(await awsAsync(['iam', 'put-role-policy', '--role-name', name, '--policy-name', `${name}-policy`, '--policy-document', policy], env));
}

function webIdentityTrust(account: string, sub: string) {
  const provider = issuer.replace(/^https?:\/\//, '');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${provider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        // Seed 001's policy checks only :aud; the corrected one (examples/) also pins :sub.
        Condition: { StringEquals: { [`${provider}:aud`]: 'sts.amazonaws.com', [`${provider}:sub`]: sub } },
      },
    ],
  };
}

/** Refused with AccessDenied; `message` is the whole message, or a part of it. */
function denied(r: { status: number; stderr: string }, operation: string, message: string): void {
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(`An error occurred (AccessDenied) when calling the ${operation} operation: `);
  expect(r.stderr).toContain(message);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-s3-seeds-'));
  podiam = await startPodiam({ accountId: DEV });
  world = new StsWorld(podiam);
  const [member, cluster] = await Promise.all([world.memberAccount('shared-content'), runAsync(NODE, [PODIAM_BIN, 'cluster', 'create', CLUSTER], podiam.env)]);
  shared = member;
  SHARED = shared.accountId;
  expect(cluster.status, cluster.stderr).toBe(0);
  issuer = (cluster.json as { Cluster: { Issuer: string } }).Cluster.Issuer;
  // Seed 001 step 2: the developer cluster's provider, registered in shared_content too.
  await world.oidcProvider(shared, issuer, ['sts.amazonaws.com']);
  // Seed 001 steps 3: s3-read-object in shared_content; the pics bucket with the cat.
  const sharedEnv = envFor(podiam, shared.admin);
  cat = randomBytes(5556);
  writeFileSync(join(tmp, 'indoor-cat.jpg'), cat);
  await Promise.all([
    cliRole(shared, 's3-read-object', webIdentityTrust(SHARED, 'system:serviceaccount:default:s3-shared-content'), allow('s3:GetObject', 'arn:aws:s3:::pics/*')),
    (async () => {
      succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'pics'], sharedEnv));
      succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'other-pics'], sharedEnv));
      await Promise.all(
        ['pics', 'other-pics'].map(async (bucket) =>
          succeeded(await awsAsync(['s3api', 'put-object', '--bucket', bucket, '--key', 'indoor-cat.jpg', '--body', join(tmp, 'indoor-cat.jpg'), '--content-type', 'image/jpeg'], sharedEnv)),
        ),
      );
    })(),
  ]);
}, 120_000);

afterAll(async () => {
  await podiam?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('seed 001: the developer account\'s pod reads pics in shared_content (IRSA through the provider registered there)', () => {
  let pod: Keys;
  beforeAll(async () => {
    pod = await podCredentials('s3-shared-content', 'default', roleArn(SHARED, 's3-read-object'), 'x-account', 1500);
  });

  it('aws s3api get-object --bucket pics --key indoor-cat.jpg mypic.jpg prints what the seed shows and writes the bytes', async () => {
    const got = succeeded<Record<string, unknown>>(await awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'mypic.jpg')], envFor(podiam, pod)));
    // The seed's output, plus ServerSideEncryption, which S3 prints since it encrypts every object (2023).
    expect(Object.keys(got).filter((k) => !k.startsWith('Checksum')).sort()).toEqual(['AcceptRanges', 'ContentLength', 'ContentType', 'ETag', 'LastModified', 'Metadata', 'ServerSideEncryption']);
    expect(got).toMatchObject({ AcceptRanges: 'bytes', ContentType: 'image/jpeg', ContentLength: 5556, Metadata: {}, ServerSideEncryption: 'AES256' });
    expect(got['ETag']).toMatch(/^"[0-9a-f]{32}"$/);
    expect(readFileSync(join(tmp, 'mypic.jpg')).equals(cat)).toBe(true);
  });

  it('another bucket, another action, listing, and a missing key (no s3:ListBucket: 403, not 404) are refused with S3\'s words', async () => {
    const env = envFor(podiam, pod);
    const who = `arn:aws:sts::${SHARED}:assumed-role/s3-read-object/x-account`;
    const [other, put, list, missing] = await Promise.all([
      awsAsync(['s3api', 'get-object', '--bucket', 'other-pics', '--key', 'indoor-cat.jpg', join(tmp, 'x.jpg')], env),
      awsAsync(['s3api', 'put-object', '--bucket', 'pics', '--key', 'new.jpg', '--body', join(tmp, 'indoor-cat.jpg')], env),
      runAsync('aws', ['s3', 'ls', 's3://pics'], env),
      awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'missing.jpg', join(tmp, 'y.jpg')], env),
    ]);
    denied(other, 'GetObject', `User: ${who} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::other-pics/indoor-cat.jpg" because no identity-based policy allows the s3:GetObject action`);
    denied(put, 'PutObject', `User: ${who} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::pics/new.jpg" because no identity-based policy allows the s3:PutObject action`);
    denied(list, 'ListObjectsV2', `User: ${who} is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::pics" because no identity-based policy allows the s3:ListBucket action`);
    denied(missing, 'GetObject', 'Access Denied');
  });

  it('a tampered signature is SignatureDoesNotMatch; a tampered session token is refused', async () => {
    const wrongSecret = await awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'z.jpg')], envFor(podiam, { ...pod, secretAccessKey: `${pod.secretAccessKey.slice(0, -1)}${pod.secretAccessKey.endsWith('A') ? 'B' : 'A'}` }));
    expect(wrongSecret.stderr).toContain('(SignatureDoesNotMatch) when calling the GetObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    const token = pod.sessionToken ?? '';
    const flipped = `${token.slice(0, 40)}${token.charAt(40) === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    const badToken = await awsAsync(['s3api', 'head-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg'], envFor(podiam, { ...pod, sessionToken: flipped }));
    expect(badToken.status).not.toBe(0);
    expect(badToken.stderr).toMatch(/\((400|403|InvalidToken)\)/);
  });
});

describe('seed 001, cross-account from the developer account: the bucket policy must allow too; role chaining (blue/green)', () => {
  let devPod: Keys;
  beforeAll(async () => {
    // The developer account's own pod role (its provider is the one `podiam cluster create` registered),
    // allowed by its identity policy to read pics and to assume shared_content's pics-reader.
    await cliRole(
      world.management,
      'dev-pod',
      webIdentityTrust(DEV, 'system:serviceaccount:default:app'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' },
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(SHARED, 'pics-reader') },
        ],
      }),
    );
    await cliRole(shared, 'pics-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: roleArn(DEV, 'dev-pod') }, Action: 'sts:AssumeRole' }] }, allow('s3:GetObject', 'arn:aws:s3:::pics/*'));
    devPod = await podCredentials('app', 'default', roleArn(DEV, 'dev-pod'), 'blue');
  });

  it('without a bucket policy the other account\'s pod is refused, though its own policy allows (the accounts share an organization: S3 says why)', async () => {
    const env = envFor(podiam, devPod);
    const [head, get] = await Promise.all([
      awsAsync(['s3api', 'head-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg'], env),
      awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'a.jpg')], env),
    ]);
    expect(head.stderr).toContain('An error occurred (403) when calling the HeadObject operation: Forbidden');
    denied(get, 'GetObject', `User: arn:aws:sts::${DEV}:assumed-role/dev-pod/blue is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::pics/indoor-cat.jpg" because no resource-based policy allows the s3:GetObject action`);
  });

  it('role chaining: the pod assumes shared_content\'s pics-reader and reads the cat', async () => {
    const chained = credentialsOf(succeeded(await awsAsync(['sts', 'assume-role', '--role-arn', roleArn(SHARED, 'pics-reader'), '--role-session-name', 'green'], envFor(podiam, devPod))));
    succeeded(await awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'b.jpg')], envFor(podiam, chained)));
    expect(readFileSync(join(tmp, 'b.jpg')).equals(cat)).toBe(true);
  });

  it('once shared_content\'s bucket policy names the developer role, both sides allow and the read succeeds', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DeveloperPods', Effect: 'Allow', Principal: { AWS: roleArn(DEV, 'dev-pod') }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }],
    });
    succeeded(await awsAsync(['s3api', 'put-bucket-policy', '--bucket', 'pics', '--policy', policy], envFor(podiam, shared.admin)));
    succeeded(await awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'c.jpg')], envFor(podiam, devPod)));
    // The bucket policy grants the read only; the pod's own policy nothing more.
    denied(await awsAsync(['s3api', 'put-object', '--bucket', 'pics', '--key', 'd.jpg', '--body', join(tmp, 'c.jpg')], envFor(podiam, devPod)), 'PutObject', `User: arn:aws:sts::${DEV}:assumed-role/dev-pod/blue is not authorized to perform: s3:PutObject`);
  });
});

describe('seed 002: Team A\'s S3 object access, and what aws:RequestTag/Department means to S3', () => {
  let teamA: Keys;
  let tagged: Keys;
  let objectTagged: Keys;
  beforeAll(async () => {
    const dev = world.management;
    const devEnv = podiam.env;
    succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'example-bucket'], devEnv));
    const assumeTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole' }] };
    await Promise.all([
      cliRole(dev, 'DevTeamARole', webIdentityTrust(DEV, 'system:serviceaccount:my-namespace:dev-team-a-sa'), allow(['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], 'arn:aws:s3:::example-bucket/*')),
      cliRole(dev, 'FinanceTagged', assumeTrust, allow('s3:*', '*', { StringEquals: { 'aws:RequestTag/Department': ['Finance'] } })),
      cliRole(dev, 'FinanceObjectTagged', assumeTrust, allow(['s3:PutObject', 's3:PutObjectTagging'], 'arn:aws:s3:::example-bucket/*', { StringEquals: { 's3:RequestObjectTag/Department': 'Finance' } })),
    ]);
    const operator = (await world.user(dev, 'team-operator', { assume: JSON.parse(allow('sts:AssumeRole', '*')) as unknown })).keys;
    const assume = async (name: string) =>
      credentialsOf(succeeded(await awsAsync(['sts', 'assume-role', '--role-arn', roleArn(DEV, name), '--role-session-name', 'team'], envFor(podiam, operator))));
    [teamA, tagged, objectTagged] = await Promise.all([podCredentials('dev-team-a-sa', 'my-namespace', roleArn(DEV, 'DevTeamARole'), 'team-a'), assume('FinanceTagged'), assume('FinanceObjectTagged')]);
  });

  it('Team A puts, gets and deletes objects in example-bucket; lists and other buckets are refused', async () => {
    const env = envFor(podiam, teamA);
    succeeded(await awsAsync(['s3api', 'put-object', '--bucket', 'example-bucket', '--key', 'report.csv', '--body', join(tmp, 'indoor-cat.jpg')], env));
    succeeded(await awsAsync(['s3api', 'get-object', '--bucket', 'example-bucket', '--key', 'report.csv', join(tmp, 'r.csv')], env));
    const [list, other] = await Promise.all([
      awsAsync(['s3api', 'list-objects-v2', '--bucket', 'example-bucket'], env),
      awsAsync(['s3api', 'get-object', '--bucket', 'pics', '--key', 'indoor-cat.jpg', join(tmp, 'q.jpg')], env),
    ]);
    denied(list, 'ListObjectsV2', 'because no identity-based policy allows the s3:ListBucket action');
    denied(other, 'GetObject', 'is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::pics/indoor-cat.jpg"');
    succeeded(await awsAsync(['s3api', 'delete-object', '--bucket', 'example-bucket', '--key', 'report.csv'], env));
  });

  it('the seed\'s aws:RequestTag/Department policy never matches an object upload, even one tagged Department=Finance', async () => {
    const put = await awsAsync(['s3api', 'put-object', '--bucket', 'example-bucket', '--key', 'finance.csv', '--body', join(tmp, 'indoor-cat.jpg'), '--tagging', 'Department=Finance'], envFor(podiam, tagged));
    denied(put, 'PutObject', 'because no identity-based policy allows the s3:PutObject action');
  });

  it('it does match CreateBucket with tags: Department=Finance is allowed, Department=Sales refused', async () => {
    const env = envFor(podiam, tagged);
    const config = (department: string) => JSON.stringify({ Tags: [{ Key: 'Department', Value: department }] });
    succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'finance-reports', '--create-bucket-configuration', config('Finance')], env));
    denied(await awsAsync(['s3api', 'create-bucket', '--bucket', 'sales-reports', '--create-bucket-configuration', config('Sales')], env), 'CreateBucket', 'because no identity-based policy allows the s3:CreateBucket action');
    expect(succeeded<{ TagSet: unknown[] }>(await awsAsync(['s3api', 'get-bucket-tagging', '--bucket', 'finance-reports'], podiam.env)).TagSet).toEqual([{ Key: 'Department', Value: 'Finance' }]);
  });

  it('the corrected policy conditions on s3:RequestObjectTag/Department: tagged uploads pass, untagged ones are refused', async () => {
    const env = envFor(podiam, objectTagged);
    succeeded(await awsAsync(['s3api', 'put-object', '--bucket', 'example-bucket', '--key', 'finance.csv', '--body', join(tmp, 'indoor-cat.jpg'), '--tagging', 'Department=Finance'], env));
    denied(await awsAsync(['s3api', 'put-object', '--bucket', 'example-bucket', '--key', 'untagged.csv', '--body', join(tmp, 'indoor-cat.jpg')], env), 'PutObject', 'because no identity-based policy allows the s3:PutObject action');
  });
});

describe('seed 003: kube2iam\'s pod runs `aws s3 ls` with the S3 bucket role (node -> Kube2IAM-Role -> S3-BUCKET-Role)', () => {
  let pod: Keys;
  beforeAll(async () => {
    const dev = world.management;
    succeeded(await awsAsync(['s3api', 'create-bucket', '--bucket', 'some-bucket'], podiam.env));
    writeFileSync(join(tmp, 'o.txt'), 'object');
    succeeded(await awsAsync(['s3api', 'put-object', '--bucket', 'some-bucket', '--key', 'logs/app.log', '--body', join(tmp, 'o.txt')], podiam.env));
    const node = (await world.user(dev, 'node', { kube2iam: JSON.parse(allow('sts:AssumeRole', roleArn(DEV, 'Kube2IAM-Role'))) as unknown })).keys;
    await cliRole(dev, 'S3-BUCKET-Role', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole' }] }, allow('s3:ListBucket', 'arn:aws:s3:::some-bucket'));
    await cliRole(
      dev,
      'Kube2IAM-Role',
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: '', Effect: 'Allow', Principal: { AWS: [roleArn(DEV, 'S3-BUCKET-Role')] }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          // Standing in for the node's instance profile.
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:user/node` }, Action: 'sts:AssumeRole' },
        ],
      },
      allow('sts:AssumeRole', [roleArn(DEV, 'S3-BUCKET-Role')]),
    );
    succeeded(await awsAsync(['iam', 'update-assume-role-policy', '--role-name', 'S3-BUCKET-Role', '--policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: roleArn(DEV, 'Kube2IAM-Role') }, Action: 'sts:AssumeRole' }] })], podiam.env));
    const kube2iam = credentialsOf(succeeded(await awsAsync(['sts', 'assume-role', '--role-arn', roleArn(DEV, 'Kube2IAM-Role'), '--role-session-name', 'node'], envFor(podiam, node))));
    pod = credentialsOf(succeeded(await awsAsync(['sts', 'assume-role', '--role-arn', roleArn(DEV, 'S3-BUCKET-Role'), '--role-session-name', 'aws-cli'], envFor(podiam, kube2iam))));
  });

  it('aws s3 ls some-bucket lists it; listing all buckets and reading an object are refused', async () => {
    const env = envFor(podiam, pod);
    const [ls, all, read] = await Promise.all([
      runAsync('aws', ['s3', 'ls', 'some-bucket', '--recursive'], env),
      runAsync('aws', ['s3', 'ls'], env),
      runAsync('aws', ['s3', 'cp', 's3://some-bucket/logs/app.log', '-'], env),
    ]);
    expect(ls.status, ls.stderr).toBe(0);
    expect(ls.stdout).toMatch(/\s6 logs\/app\.log/);
    expect(all.status).not.toBe(0);
    expect(all.stderr).toContain(`(AccessDenied) when calling the ListBuckets operation: User: arn:aws:sts::${DEV}:assumed-role/S3-BUCKET-Role/aws-cli is not authorized to perform: s3:ListAllMyBuckets`);
    expect(read.status).not.toBe(0);
    expect(read.stderr).toContain('403');
  });
});

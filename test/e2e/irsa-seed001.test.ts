// Seed 001 end to end with real processes and clients: cross-account IRSA. The developer account's
// cluster `development-cluster` (`podiam cluster create`, its provider associated in the developer
// account); the shared_content account (Organizations CreateAccount); there, with the AWS CLI, the
// cluster's provider (step 2) and the role s3-read-object trusting it (step 3, the seed's trust policy
// with the :sub condition it lacks); the ServiceAccount annotated with that role (step 4) and the nginx
// pod (step 5) created through the API server, which calls `podiam webhook`; the pod's SDK v3 default
// chain and boto3 getting the shared_content role's credentials and reading pics/indoor-cat.jpg with
// them, and the seed's own assume-role-with-web-identity command. Then the blue/green-safe route of the
// seed's note: a developer-account role assumed by web identity, which AssumeRoles (role chaining) into
// shared_content. (The S3 side of the seed, refusals included, is s3-seeds.test.ts's.)
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../src/k8s/testing/index.ts';
import {
  containerEnv,
  containerEnvironment,
  createPod,
  manifest,
  policyFixture,
  projectServiceAccountToken,
  registerWebhook,
  runBoto3Pod,
  runSdkPod,
  startRecordingEndpoint,
  startWebhookProcess,
  type RecordingEndpoint,
  type WebhookProcess,
} from './support/irsa-pod.ts';
import { NODE, PODIAM_BIN, startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { StsWorld, awsAsync, envFor, runAsync, type AccountHandle } from './support/sts-world.ts';

const DEVELOPER = '111122223333';
const CLUSTER = 'development-cluster';
const SEED_PROVIDER = 'oidc.eks.us-east-1.amazonaws.com/id/oidc-id';
const SID_FIXED = { '"Sid": "s3-bucket"': '"Sid": "s3bucket"' };

let podiam: PodiamProcess;
let api: FakeApiServer;
let webhook: WebhookProcess;
let endpoint: RecordingEndpoint;
let tmp: string;
let issuer: string;
let shared: AccountHandle;
let placeholders: Record<string, string>;
let sharedRole: string;
// The seed's indoor-cat.jpg: 5556 bytes of image/jpeg in shared_content's pics bucket.
const cat = randomBytes(5556);
const catObject = { bytes: 5556, sha256: createHash('sha256').update(cat).digest('hex') };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-seed001-'));
  [podiam, api] = await Promise.all([startPodiam({ accountId: DEVELOPER }), startFakeApiServer()]);
  endpoint = await startRecordingEndpoint(podiam.url);
  const world = new StsWorld(podiam);
  // Step 1 (eksctl utils associate-iam-oidc-provider): podiam cluster create registers the provider
  // in the developer account. The shared_content account comes from Organizations meanwhile.
  const [cluster, account] = await Promise.all([runAsync(NODE, [PODIAM_BIN, 'cluster', 'create', CLUSTER], podiam.env), world.memberAccount('shared_content')]);
  expect(cluster.status, cluster.stderr).toBe(0);
  issuer = (cluster.json as { Cluster: { Issuer: string } }).Cluster.Issuer;
  shared = account;
  const provider = issuer.replace(/^https?:\/\//, '');
  placeholders = {
    [SEED_PROVIDER]: provider,
    shared_content_account_id: shared.accountId,
    'shared-content-account-id': shared.accountId,
    developer_account_id: DEVELOPER,
  };
  sharedRole = `arn:aws:iam::${shared.accountId}:role/s3-read-object`;
  const asShared = envFor(podiam, shared.admin);
  const cli = async (args: string[], env: NodeJS.ProcessEnv): Promise<unknown> => {
    const out = await awsAsync(args, env);
    expect(out.status, `aws ${args.slice(0, 2).join(' ')}: ${out.stderr}`).toBe(0);
    return out.json;
  };

  const crossAccount = async (): Promise<void> => {
    // Step 2: the developer cluster's provider, registered in shared_content with audience sts.amazonaws.com.
    const registered = (await cli(['iam', 'create-open-id-connect-provider', '--url', issuer, '--client-id-list', 'sts.amazonaws.com'], asShared)) as { OpenIDConnectProviderArn: string };
    expect(registered.OpenIDConnectProviderArn).toBe(`arn:aws:iam::${shared.accountId}:oidc-provider/${provider}`);
    // Step 3: the role trusting it, with read-only access to the objects of the pics bucket.
    await cli(['iam', 'create-role', '--role-name', 's3-read-object', '--assume-role-policy-document', policyFixture('seed001/s3-read-object-trust.json', placeholders)], asShared);
    // The seed's sample policy as written: IAM refuses its Sid (IAM JSON policy elements: Sid, "supports
    // ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)").
    const refused = await awsAsync(['iam', 'put-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-bucket', '--policy-document', policyFixture('seed001/s3-read-object-policy.json')], asShared);
    expect(refused.status).toBe(255); // the AWS CLI v1 exits 255 on a service error
    expect(refused.stderr).toContain('An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation: Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
    await cli(['iam', 'put-role-policy', '--role-name', 's3-read-object', '--policy-name', 's3-bucket', '--policy-document', policyFixture('seed001/s3-read-object-policy.json', SID_FIXED)], asShared);
  };
  // The chaining route's roles are podiam's set-up, not the seed's text: the SDK in process is quicker.
  const chaining = async (): Promise<void> => {
    const json = (path: string): unknown => JSON.parse(policyFixture(path, placeholders));
    await world.role(world.management, 'pics-assumer', json('seed001/pics-assumer-trust.json'), { inline: { 'assume-shared-content-pics': json('seed001/pics-assumer-policy.json') } });
    await world.role(shared, 'S3_Pics', json('seed001/s3-pics-trust.json'), { inline: { 's3-bucket': JSON.parse(policyFixture('seed001/s3-read-object-policy.json', SID_FIXED)) } });
  };
  const startHook = async (): Promise<void> => {
    const reader = await world.user(world.management, 'pod-identity-webhook', {
      'trust-check': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:GetOpenIDConnectProvider'], Resource: '*' }] },
    });
    webhook = await startWebhookProcess(api, tmp, { ...envFor(podiam, reader.keys), HOME: tmp }, [
      '--aws-default-region', 'us-east-1',
      '--podiam-endpoint', podiam.url,
      '--service-account-issuer', issuer,
    ]);
    registerWebhook(api, webhook);
  };
  const bucket = async (): Promise<void> => {
    const s3 = new S3Client({ endpoint: podiam.url, region: 'us-east-1', forcePathStyle: true, credentials: shared.admin });
    await s3.send(new CreateBucketCommand({ Bucket: 'pics' }));
    await s3.send(new PutObjectCommand({ Bucket: 'pics', Key: 'indoor-cat.jpg', Body: cat, ContentType: 'image/jpeg' }));
  };
  await Promise.all([crossAccount(), chaining(), startHook(), bucket()]);

  // Step 4: kubectl create sa s3-shared-content; kubectl annotate sa ... role-arn=<shared_content role>.
  api.create('serviceaccounts', manifest('seed001/serviceaccount.yaml', placeholders));
  api.create('serviceaccounts', manifest('seed001/serviceaccount-chain.yaml', placeholders));
}, 90_000);

afterAll(async () => {
  await webhook?.stop();
  await endpoint?.close();
  await api?.close();
  await podiam?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Step 5 for a ServiceAccount: the nginx pod through the API server, then the kubelet's token. */
async function runPod(serviceAccount: string, name: string) {
  const pod = manifest('seed001/pod.yaml');
  const created = await createPod(api, { ...pod, metadata: { ...pod.metadata, name }, spec: { ...(pod['spec'] as object), serviceAccountName: serviceAccount } });
  expect(created.status).toBe(201);
  const token = await projectServiceAccountToken(created.pod, { cluster: CLUSTER, nodeDir: join(tmp, name), env: podiam.env });
  return { created, token, env: containerEnvironment(created.pod, token, { endpoint: endpoint.url, home: join(tmp, name, 'home') }) };
}

describe('cross-account IAM roles for service accounts: the developer cluster\'s provider in shared_content ("Cross account IAM roles for Kubernetes service accounts")', () => {
  let env: NodeJS.ProcessEnv;
  let token: string;

  it('kubectl apply: the API server\'s call to the webhook wires the nginx pod to the shared_content role, without a trust warning', async () => {
    const pod = await runPod('s3-shared-content', 'nginx-8578f9978-7dhdx');
    // The webhook's credentials are the developer account's: IAM does not let them read shared_content's
    // role, so podiam's trust check says in its log that it could not check, rather than warning.
    expect(pod.created.warnings).toBeNull();
    await expect.poll(() => webhook.output()).toContain(`cannot check ${sharedRole}: the webhook's IAM credentials are for account ${DEVELOPER}`);
    expect(containerEnv(pod.created.pod)).toEqual({
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ROLE_ARN: sharedRole,
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    });
    expect(pod.token.audience).toBe('sts.amazonaws.com');
    env = pod.env;
    token = pod.token.token;
  });

  it('the AWS SDK v3 default chain and boto3 in the pod get s3-read-object\'s credentials in shared_content and read pics/indoor-cat.jpg', async () => {
    const before = endpoint.calls.length;
    const [sdk, boto] = await Promise.all([runSdkPod(env, ['--get-object', 'pics/indoor-cat.jpg']), runBoto3Pod(env, ['--get-object', 'pics/indoor-cat.jpg'])]);
    expect(sdk.result.status, sdk.result.stderr).toBe(0);
    expect(boto.result.status, boto.result.stderr).toBe(0);
    expect(sdk.calls[0]?.arn).toMatch(new RegExp(`^arn:aws:sts::${shared.accountId}:assumed-role/s3-read-object/aws-sdk-js-session-\\d+$`));
    expect(boto.calls[0]?.arn).toMatch(new RegExp(`^arn:aws:sts::${shared.accountId}:assumed-role/s3-read-object/botocore-session-\\d+$`));
    expect(sdk.calls[1]).toEqual({ call: 'get-object', ...catObject });
    expect(boto.calls[1]).toEqual({ call: 'get-object', ...catObject });
    // Both exchanged the pod's projected token (the SDK v3 once per client, boto3 once per session).
    const exchanges = endpoint.calls.slice(before).filter((c) => c.action === 'AssumeRoleWithWebIdentity');
    expect(exchanges.every((c) => c.webIdentityToken === token)).toBe(true);
    expect(exchanges.filter((c) => c.userAgent.startsWith('aws-sdk-js/'))).toHaveLength(2);
    expect(exchanges.filter((c) => c.userAgent.startsWith('Boto3/'))).toHaveLength(1);
  });

  it('the session reads objects of pics and nothing else: IAM is not its to list', async () => {
    const boto = await runBoto3Pod(env);
    expect(boto.calls[1]?.call).toBe('iam-list-roles');
    expect(boto.calls[1]?.error?.name).toBe('AccessDenied');
  });

  it('the seed\'s verification: aws sts assume-role-with-web-identity --role-arn $AWS_ROLE_ARN --web-identity-token file://$AWS_WEB_IDENTITY_TOKEN_FILE --duration 1500 in the pod', async () => {
    const started = Date.now();
    const out = await awsAsync(
      ['sts', 'assume-role-with-web-identity', '--role-arn', env['AWS_ROLE_ARN'] ?? '', '--role-session-name', 'x-account', '--web-identity-token', `file://${env['AWS_WEB_IDENTITY_TOKEN_FILE'] ?? ''}`, '--duration', '1500'],
      env,
    );
    expect(out.status, out.stderr).toBe(0);
    const assumed = out.json as { Credentials: { AccessKeyId: string; Expiration: string }; AssumedRoleUser: { Arn: string }; SubjectFromWebIdentityToken: string; Provider: string };
    expect(assumed.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${shared.accountId}:assumed-role/s3-read-object/x-account`);
    expect(assumed.SubjectFromWebIdentityToken).toBe('system:serviceaccount:default:s3-shared-content');
    expect(assumed.Provider).toBe(`arn:aws:iam::${shared.accountId}:oidc-provider/${issuer.replace(/^https?:\/\//, '')}`);
    const lifetime = Date.parse(assumed.Credentials.Expiration) - started;
    expect(lifetime).toBeGreaterThan(1490_000);
    expect(lifetime).toBeLessThanOrEqual(1500_000 + 60_000);
  });

});

describe('the seed\'s blue/green-safe alternative: a developer-account role assumed by web identity, then sts:AssumeRole into shared_content (role chaining)', () => {
  let env: NodeJS.ProcessEnv;

  it('the webhook wires the pod to the developer-account role', async () => {
    const pod = await runPod('s3-pics-chain', 'nginx-8578f9978-chain');
    expect(pod.created.warnings).toBeNull();
    expect(containerEnv(pod.created.pod)['AWS_ROLE_ARN']).toBe(`arn:aws:iam::${DEVELOPER}:role/pics-assumer`);
    env = pod.env;
  });

  it('the SDK v3 and boto3 chain from the pod\'s session into S3_Pics in shared_content, and read the cat with it', async () => {
    const target = `arn:aws:iam::${shared.accountId}:role/S3_Pics`;
    const args = ['--assume-role', target, '--get-object', 'pics/indoor-cat.jpg'];
    const [sdk, boto] = await Promise.all([runSdkPod(env, args), runBoto3Pod(env, args)]);
    for (const app of [sdk, boto]) {
      expect(app.calls, app.result.stderr).toEqual([
        { call: 'assume-role' },
        { call: 'chained', arn: `arn:aws:sts::${shared.accountId}:assumed-role/S3_Pics/x-account` },
        { call: 'get-object', ...catObject },
      ]);
    }
  });

  it('the pod\'s own token does not open s3-read-object: that role trusts only s3-shared-content', async () => {
    const out = await awsAsync(
      ['sts', 'assume-role-with-web-identity', '--role-arn', sharedRole, '--role-session-name', 'x-account', '--web-identity-token', `file://${env['AWS_WEB_IDENTITY_TOKEN_FILE'] ?? ''}`],
      env,
    );
    expect(out.status).toBe(255);
    expect(out.stderr).toContain('An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });
});

// Seed 000 end to end with real processes and clients: `podiam serve`; the cluster `demo-k8s` and its
// issuer (`podiam cluster create`); the role `pod-creator` trusting the cluster's provider for
// default/svc-test with the read-only policy attached (the AWS CLI); `podiam webhook` (its own process,
// watching the fake API server that holds seed 000's ServiceAccount) answering the AdmissionReview for
// seed 000's Pod; the kubelet's projected token from `podiam token`; and, in the container's environment
// exactly as the webhook injected it, the AWS SDK v3's default chain and boto3 getting the role's
// credentials from podiam's STS — also after the kubelet rotates the token. The issuer documents and the
// AWS CLI's own web identity calls are irsa-issuer.test.ts's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer, type KubeObject } from '../../src/k8s/testing/index.ts';
import {
  containerEnv,
  containerEnvironment,
  manifest,
  patchedPod,
  policyFixture,
  projectServiceAccountToken,
  reviewPod,
  runBoto3Pod,
  runSdkPod,
  startRecordingEndpoint,
  startSdkPod,
  startWebhookProcess,
  type PodSpecView,
  type ProjectedToken,
  type RecordingEndpoint,
  type WebhookProcess,
} from './support/irsa-pod.ts';
import { NODE, PODIAM_BIN, startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { StsWorld, awsAsync, envFor, runAsync } from './support/sts-world.ts';

// The seed's account (eksctl's `arn:aws:iam::xxxxxxxx:...`) is the AWS documentation's example account.
const DEV = '111122223333';
const CLUSTER = 'demo-k8s';
const ROLE_ARN = `arn:aws:iam::${DEV}:role/pod-creator`;
const MOUNT = '/var/run/secrets/eks.amazonaws.com/serviceaccount';

let podiam: PodiamProcess;
let api: FakeApiServer;
let webhook: WebhookProcess;
let endpoint: RecordingEndpoint;
let tmp: string;
let issuer: string;
let provider: string;
let seedPod: KubeObject;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-seed000-'));
  [podiam, api] = await Promise.all([startPodiam({ accountId: DEV }), startFakeApiServer()]);
  endpoint = await startRecordingEndpoint(podiam.url);
  const cluster = await runAsync(NODE, [PODIAM_BIN, 'cluster', 'create', CLUSTER], podiam.env);
  expect(cluster.status, cluster.stderr).toBe(0);
  issuer = (cluster.json as { Cluster: { Issuer: string } }).Cluster.Issuer;
  provider = issuer.replace(/^https?:\/\//, '');

  // eksctl create iamserviceaccount, step by step with the AWS CLI; meanwhile the webhook's own
  // least-privilege identity (it reads roles and providers for its trust check) and the webhook.
  const world = new StsWorld(podiam);
  const cli = async (): Promise<void> => {
    const [policy, role] = await Promise.all([
      awsAsync(['iam', 'create-policy', '--policy-name', 'test-k8s-read-policy', '--policy-document', policyFixture('seed000/test-k8s-read-policy.json')], podiam.env),
      awsAsync(['iam', 'create-role', '--role-name', 'pod-creator', '--assume-role-policy-document', policyFixture('seed000/pod-creator-trust.json', { 'oidc.eks.us-east-1.amazonaws.com/id/OIDC_ID': provider })], podiam.env),
    ]);
    expect(policy.status, policy.stderr).toBe(0);
    expect(role.status, role.stderr).toBe(0);
    expect((role.json as { Role: { Arn: string } }).Role.Arn).toBe(ROLE_ARN);
    const attached = await awsAsync(['iam', 'attach-role-policy', '--role-name', 'pod-creator', '--policy-arn', (policy.json as { Policy: { Arn: string } }).Policy.Arn], podiam.env);
    expect(attached.status, attached.stderr).toBe(0);
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
  };
  await Promise.all([cli(), startHook()]);

  api.create('serviceaccounts', manifest('seed000/serviceaccount.yaml'));
  seedPod = manifest('seed000/pod.yaml');
});

afterAll(async () => {
  await webhook?.stop();
  await endpoint?.close();
  await api?.close();
  await podiam?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let pod: PodSpecView;
let projected: ProjectedToken & { token: string };
let podEnv: NodeJS.ProcessEnv;

describe('IAM roles for service accounts: the webhook wires seed 000\'s pod to pod-creator ("Configuring Pods to use a Kubernetes service account")', () => {
  it('answers the AdmissionReview over HTTPS with a JSONPatch, and the trust check finds nothing to warn about', async () => {
    const answer = await reviewPod(webhook, seedPod);
    expect(answer).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', uid: answer.requestUid, allowed: true, patchType: 'JSONPatch', warnings: [] });
    pod = patchedPod(seedPod, answer);
    expect(containerEnv(pod)).toEqual({
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ROLE_ARN: ROLE_ARN,
      AWS_WEB_IDENTITY_TOKEN_FILE: `${MOUNT}/token`,
    });
    expect(pod.spec.volumes).toEqual([
      { name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] } },
    ]);
    expect(pod.spec.containers[0]?.volumeMounts).toEqual([{ name: 'aws-iam-token', readOnly: true, mountPath: MOUNT }]);
    // Everything else in the seed's manifest is untouched.
    expect(pod).toMatchObject(seedPod);
  });

  it('the kubelet writes the token podiam\'s issuer mints for the ServiceAccount, audience and expiry the patch names', async () => {
    projected = await projectServiceAccountToken(pod, { cluster: CLUSTER, nodeDir: join(tmp, 'node'), env: podiam.env });
    expect(projected.containerPath).toBe(`${MOUNT}/token`);
    const claims = decodeJwt(projected.token);
    expect(claims).toMatchObject({ iss: issuer, sub: 'system:serviceaccount:default:svc-test', aud: ['sts.amazonaws.com'] });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(86400);
    expect(claims['kubernetes.io']).toMatchObject({ namespace: 'default', serviceaccount: { name: 'svc-test' }, pod: { name: 'amazonlinux' } });
    podEnv = containerEnvironment(pod, projected, { endpoint: endpoint.url, home: join(tmp, 'home') });
    expect(Object.keys(podEnv).filter((k) => k.startsWith('AWS_')).sort()).toEqual([
      'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE',
    ]);
  });

  it('the AWS SDK v3 default credential chain in the container assumes pod-creator with that token (GetCallerIdentity)', async () => {
    const before = endpoint.calls.length;
    const { result, calls } = await runSdkPod(podEnv);
    expect(result.status, result.stderr).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.arn).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/pod-creator/aws-sdk-js-session-\\d+$`));
    // What reached STS: the token file's content, then the call signed with the session's key.
    const sent = endpoint.calls.slice(before);
    expect(sent.map((c) => c.action)).toEqual(['AssumeRoleWithWebIdentity', 'GetCallerIdentity']);
    expect(sent[0]?.webIdentityToken).toBe(projected.token);
    expect(sent[1]?.accessKeyId).toMatch(/^ASIA/);
  });

  it('boto3 in the container does the same, and the role\'s read-only EKS policy does not reach IAM', async () => {
    const before = endpoint.calls.length;
    const { result, calls } = await runBoto3Pod(podEnv);
    expect(result.status, result.stderr).toBe(0);
    expect(calls[0]?.arn).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/pod-creator/botocore-session-\\d+$`));
    expect(calls[1]?.error?.name).toBe('AccessDenied');
    expect(calls[1]?.error?.message).toContain(`assumed-role/pod-creator/botocore-session-`);
    expect(calls[1]?.error?.message).toContain('is not authorized to perform: iam:ListRoles');
    expect(endpoint.calls.slice(before).find((c) => c.action === 'AssumeRoleWithWebIdentity')?.webIdentityToken).toBe(projected.token);
  });

  it('after the kubelet rotates the token, a long-running SDK client reads the new file when its session expires', async () => {
    const started = endpoint.calls.length;
    const app = startSdkPod(podEnv);
    const first = await app.line();
    expect(first.arn, app.stderr()).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/pod-creator/`));
    const firstKey = endpoint.calls.slice(started).find((c) => c.action === 'GetCallerIdentity')?.accessKeyId;
    const before = endpoint.calls.length;

    const old = decodeJwt(projected.token);
    const rotated = await projectServiceAccountToken(pod, { cluster: CLUSTER, nodeDir: join(tmp, 'node'), env: podiam.env });
    expect(rotated.hostPath).toBe(projected.hostPath);
    const fresh = decodeJwt(rotated.token);
    expect(fresh.jti).not.toBe(old.jti);
    expect(fresh.iat ?? 0).toBeGreaterThanOrEqual(old.iat ?? 0);

    app.next();
    const second = await app.line();
    expect(await app.exited, app.stderr()).toBe(0);
    expect(second.arn).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/pod-creator/aws-sdk-js-session-\\d+$`));
    // What reached STS: the same client exchanged the token again, and every exchange carried the
    // rotated token (with its clock an hour ahead of podiam's, the SDK finds the new session close to
    // expiry too and may exchange more than once); the call was signed with a new session's key.
    const sent = endpoint.calls.slice(before);
    const exchanges = sent.filter((c) => c.action === 'AssumeRoleWithWebIdentity');
    expect(exchanges.length).toBeGreaterThan(0);
    expect(exchanges.every((c) => c.webIdentityToken === rotated.token)).toBe(true);
    const calls = sent.filter((c) => c.action === 'GetCallerIdentity');
    expect(calls).toHaveLength(1);
    const secondKey = calls[0]?.accessKeyId;
    expect(secondKey).toMatch(/^ASIA/);
    expect(secondKey).not.toBe(firstKey);
    projected = rotated;

    // CloudTrail's view (`podiam audit lookup --role`): the web identity user exchanged a token for the
    // session, and the session's call names the cluster's provider.
    const providerArn = `arn:aws:iam::${DEV}:oidc-provider/${provider}`;
    await expect
      .poll(async () => {
        const out = await runAsync(NODE, [PODIAM_BIN, 'audit', 'lookup', '--role', ROLE_ARN, '--data-dir', podiam.dataDir], podiam.env);
        const events = out.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as AuditEvent);
        return events.filter((e) => e.userIdentity.accessKeyId === secondKey || e.responseElements?.credentials?.accessKeyId === secondKey);
      }, { timeout: 10_000, interval: 250 })
      .toEqual([
        expect.objectContaining({
          eventName: 'GetCallerIdentity',
          userIdentity: expect.objectContaining({ type: 'AssumedRole', sessionContext: expect.objectContaining({ webIdFederationData: { federatedProvider: providerArn, attributes: {} } }) }),
        }),
        expect.objectContaining({
          eventName: 'AssumeRoleWithWebIdentity',
          userIdentity: { type: 'WebIdentityUser', principalId: `${providerArn}:sts.amazonaws.com:system:serviceaccount:default:svc-test`, userName: 'system:serviceaccount:default:svc-test', identityProvider: providerArn },
        }),
      ]);
  });
});

interface AuditEvent {
  readonly eventName: string;
  readonly userIdentity: { readonly accessKeyId?: string; readonly type: string };
  readonly responseElements?: { readonly credentials?: { readonly accessKeyId?: string } } | null;
}

describe('a ServiceAccount whose role does not trust it (the role\'s :sub condition names default/svc-test)', () => {
  const intruderPod = (): KubeObject => ({ ...seedPod, metadata: { ...seedPod.metadata, name: 'intruder' }, spec: { ...(seedPod['spec'] as object), serviceAccountName: 'intruder' } });

  it('the webhook still wires the pod, as upstream does, and warns that the role would refuse its token', async () => {
    api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'intruder', namespace: 'default', annotations: { 'eks.amazonaws.com/role-arn': ROLE_ARN } } });
    const answer = await reviewPod(webhook, intruderPod());
    expect(answer.allowed).toBe(true);
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toContain(`podiam: role ${ROLE_ARN} would refuse this pod's web identity token (ServiceAccount default/intruder)`);
    expect(answer.warnings[0]).toContain('system:serviceaccount:default:intruder');
    const wired = patchedPod(intruderPod(), answer);
    expect(containerEnv(wired)['AWS_ROLE_ARN']).toBe(ROLE_ARN);
    const token = await projectServiceAccountToken(wired, { cluster: CLUSTER, nodeDir: join(tmp, 'intruder-node'), env: podiam.env });
    podEnv = containerEnvironment(wired, token, { endpoint: endpoint.url, home: join(tmp, 'intruder-home') });
  });

  it('the SDK v3 and boto3 in that pod are refused with AccessDenied by AssumeRoleWithWebIdentity', async () => {
    const [sdk, boto] = await Promise.all([runSdkPod(podEnv), runBoto3Pod(podEnv)]);
    expect(sdk.calls[0]?.error, sdk.result.stderr).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
    expect(boto.calls[0]?.error, boto.result.stderr).toEqual({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
  });
});

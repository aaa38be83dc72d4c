// End to end against `podiam serve` (its IAM and STS evaluate trust policies as AWS does): seed 003's
// two hops. The admin assumes the intermediate node role (standing in for the instance profile), and
// the agent, with those credentials, assumes each pod's role, which trusts only the node role
// (the seed's "S3-BUCKET-Role" trust policy, which does not allow sts:TagSession).
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from '../../../test/e2e/support/podiam-process.ts';
import { AgentWorld } from './testing/agent-world.ts';
import { asPod, requestFromPod } from './testing/pod-http.ts';

const ACCOUNT = '123456789012';
const BASE = `arn:aws:iam::${ACCOUNT}:role/`;
const NODE_ROLE = `${BASE}Kube2IAM-Role`;
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('podiam agent with podiam serve: seed 003 two-hop trust (node role -> pod role)', () => {
  let podiam: PodiamProcess;
  let world: AgentWorld;

  const sts = (keys: Keys) => new STSClient({ region: 'us-east-1', endpoint: podiam.url, credentials: keys, maxAttempts: 1 });

  beforeAll(async () => {
    podiam = await startPodiam({ accountId: ACCOUNT });
    const admin = { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey };
    const iam = new IAMClient({ region: 'us-east-1', endpoint: podiam.url, credentials: admin });
    // The intermediate node role: assumable by the account (for the test, as EC2 would be), allowed to
    // assume the pod roles (the seed's Kube2IAM-Role policy).
    await iam.send(new CreateRoleCommand({ RoleName: 'Kube2IAM-Role', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Kube2IAM-Role', PolicyName: 'assume-pod-roles', PolicyDocument: doc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: `${BASE}*` }]) }));
    // The seed's pod role: trusts the node role for sts:AssumeRole only.
    await iam.send(new CreateRoleCommand({ RoleName: 'S3-BUCKET-Role', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: NODE_ROLE }, Action: 'sts:AssumeRole' }]) }));
    // A role whose trust policy allows session tags too.
    await iam.send(new CreateRoleCommand({ RoleName: 'tagged-reader', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: NODE_ROLE }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]) }));
    // A role that does not trust the node role (only the EC2 service).
    await iam.send(new CreateRoleCommand({ RoleName: 'not-for-pods', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]) }));
    // The root user may not assume roles (as in AWS); an IAM user stands in for the EC2 service.
    await iam.send(new CreateUserCommand({ UserName: 'ec2-stand-in' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ec2-stand-in', PolicyName: 'assume-node-role', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: NODE_ROLE }]) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ec2-stand-in' }))).AccessKey;
    await new Promise((r) => setTimeout(r, 1600));
    const ec2 = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    const hop1 = await sts(ec2).send(new AssumeRoleCommand({ RoleArn: NODE_ROLE, RoleSessionName: 'i-0123456789abcdef0' }));
    const node = { accessKeyId: hop1.Credentials?.AccessKeyId ?? '', secretAccessKey: hop1.Credentials?.SecretAccessKey ?? '', sessionToken: hop1.Credentials?.SessionToken ?? '' };
    world = await AgentWorld.start({ stsEndpoint: podiam.url, stsCredentials: node, flags: [`--base-role-arn=${BASE}`, '--namespace-restrictions'] });
    world.api.create('namespaces', { metadata: { name: 'storage', annotations: { 'iam.amazonaws.com/allowed-roles': '["S3-BUCKET-Role", "tagged-*", "not-for-pods"]' } } });
    world.api.create('namespaces', { metadata: { name: 'web', annotations: { 'iam.amazonaws.com/allowed-roles': '[]' } } });
  }, 90_000);

  afterAll(async () => {
    await world?.close();
    await podiam?.stop();
  });

  it('the seed\'s pod gets S3-BUCKET-Role through the node role; tags dropped since its trust lacks sts:TagSession', async () => {
    const fallbacks = await world.metric('podiam_agent_session_tag_fallbacks_total');
    world.createPod({ name: 'storage-service', namespace: 'storage', annotations: { 'iam.amazonaws.com/role': 'S3-BUCKET-Role' } });
    world.runPod('storage', 'storage-service', '127.0.0.21');
    await world.untilOwner('127.0.0.21', 'storage', 'storage-service');
    process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = `http://127.0.0.1:${world.port}/`;
    const creds = await asPod('127.0.0.21', () => fromInstanceMetadata({ maxRetries: 0, timeout: 5000 })());
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/S3-BUCKET-Role/storage.storage-service`);
    expect(await world.metric('podiam_agent_session_tag_fallbacks_total')).toBe(fallbacks + 1);
  }, 30_000);

  it('a role whose trust allows sts:TagSession keeps the session tags', async () => {
    const fallbacks = await world.metric('podiam_agent_session_tag_fallbacks_total');
    world.createPod({ name: 'reader', namespace: 'storage', annotations: { 'iam.amazonaws.com/role': 'tagged-reader' } });
    world.runPod('storage', 'reader', '127.0.0.22');
    await world.untilOwner('127.0.0.22', 'storage', 'reader');
    const r = await requestFromPod('127.0.0.22', world.port, '/latest/meta-data/iam/security-credentials/tagged-reader');
    expect(r.status).toBe(200);
    const c = JSON.parse(r.body) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
    const who = await sts({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/tagged-reader/storage.reader`);
    expect(await world.metric('podiam_agent_session_tag_fallbacks_total')).toBe(fallbacks);
  });

  it('a role that does not trust the node role: IMDS\'s AssumeRoleUnauthorizedAccess, then negative caching', async () => {
    world.createPod({ name: 'misconfigured', namespace: 'storage', annotations: { 'iam.amazonaws.com/role': 'not-for-pods' } });
    world.runPod('storage', 'misconfigured', '127.0.0.23');
    await world.untilOwner('127.0.0.23', 'storage', 'misconfigured');
    await world.until('prefetch failed', async () => (await world.metric('podiam_agent_prefetches_total', { outcome: 'AccessDenied' })) >= 1);
    const calls = await world.metric('podiam_agent_sts_request_duration_seconds');
    for (let i = 0; i < 5; i++) {
      const r = await requestFromPod('127.0.0.23', world.port, '/latest/meta-data/iam/security-credentials/not-for-pods');
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ Code: 'AssumeRoleUnauthorizedAccess' });
    }
    expect(await world.metric('podiam_agent_sts_request_duration_seconds')).toBeLessThanOrEqual(calls + 1);
    expect(await world.metric('podiam_agent_credential_cache_lookups_total', { result: 'negative' })).toBeGreaterThanOrEqual(4);
  });

  it('a namespace whose allowed roles exclude the role is refused before STS; an IP reused by the next pod gets the next pod\'s role', async () => {
    world.createPod({ name: 'frontend', namespace: 'web', annotations: { 'iam.amazonaws.com/role': 'S3-BUCKET-Role' } });
    world.runPod('web', 'frontend', '127.0.0.24');
    await world.untilOwner('127.0.0.24', 'web', 'frontend');
    expect((await requestFromPod('127.0.0.24', world.port, '/latest/meta-data/iam/security-credentials/S3-BUCKET-Role')).status).toBe(404);
    world.finishPod('web', 'frontend', 'Failed');
    world.createPod({ name: 'storage-2', namespace: 'storage', annotations: { 'iam.amazonaws.com/role': 'tagged-reader' } });
    world.runPod('storage', 'storage-2', '127.0.0.24');
    await world.untilOwner('127.0.0.24', 'storage', 'storage-2');
    const r = await requestFromPod('127.0.0.24', world.port, '/latest/meta-data/iam/security-credentials/tagged-reader');
    const c = JSON.parse(r.body) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
    const who = await sts({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/tagged-reader/storage.storage-2`);
  });
});

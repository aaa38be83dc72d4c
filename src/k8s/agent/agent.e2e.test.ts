// End to end: a real `podiam agent` watching a fake API server through @kubernetes/client-node,
// assuming roles at moto's STS (a stand-in; podiam's own STS is exercised in agent-podiam.e2e.test.ts)
// with node credentials obtained by assuming the node role first (seed 003's two hops), and the real
// clients as pods: the AWS SDK v3 fromInstanceMetadata, fromContainerMetadata and fromHttp, and boto3.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromContainerMetadata, fromHttp, fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleArn } from '../../aws/arn/index.ts';
import { SdkRoleAssumer } from './sts/sdk-role-assumer.ts';
import { AgentWorld } from './testing/agent-world.ts';
import { startMotoSts } from './testing/moto-sts.ts';
import { asPod, requestFromPod } from './testing/pod-http.ts';

const moto = await startMotoSts();
const ACCOUNT = '123456789012';
const BASE = `arn:aws:iam::${ACCOUNT}:role/`;
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function sts(keys: Keys): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: moto?.endpoint ?? '', credentials: keys, maxAttempts: 1 });
}

async function callerArn(keys: Keys): Promise<string | undefined> {
  return (await sts(keys).send(new GetCallerIdentityCommand({}))).Arn;
}

// Asynchronous: the agent answers from this process's event loop.
async function boto3(podIp: string, env: Record<string, string>): Promise<{ ok: boolean; out: Record<string, string>; stderr: string }> {
  const script = `
import json, os, socket
ip = os.environ['POD_IP']
_connect = socket.socket.connect
def connect(self, address):
    if self.family == socket.AF_INET and isinstance(address, tuple) and address[0] == '127.0.0.1':
        try:
            self.bind((ip, 0))
        except OSError:
            pass
    return _connect(self, address)
socket.socket.connect = connect
import boto3, logging
boto3.set_stream_logger('botocore.utils', logging.DEBUG)
session = boto3.Session()
creds = session.get_credentials()
frozen = creds.get_frozen_credentials()
arn = session.client('sts', endpoint_url=os.environ['STS_ENDPOINT']).get_caller_identity()['Arn']
print(json.dumps({'method': creds.method, 'accessKeyId': frozen.access_key, 'arn': arn}))
`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const res = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'python3',
      ['-c', script],
      { env: { ...clean, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_DEFAULT_REGION: 'us-east-1', POD_IP: podIp, STS_ENDPOINT: moto?.endpoint ?? '', ...env }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : 1, stdout, stderr }),
    );
  });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ok: res.code === 0, out: JSON.parse(line) as Record<string, string>, stderr: res.stderr };
  } catch {
    return { ok: false, out: {}, stderr: res.stderr };
  }
}

describe.skipIf(moto === undefined)('podiam agent end to end (fake API server, moto STS, real SDK clients)', () => {
  let world: AgentWorld;
  let node: Keys;

  beforeAll(async () => {
    if (moto === undefined) return;
    // Hop one: the node's own role (what the instance profile would give the agent).
    const out = await sts({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }).send(
      new AssumeRoleCommand({ RoleArn: `${BASE}kube2iam-node`, RoleSessionName: 'i-0123456789abcdef0' }),
    );
    node = { accessKeyId: out.Credentials?.AccessKeyId ?? '', secretAccessKey: out.Credentials?.SecretAccessKey ?? '', sessionToken: out.Credentials?.SessionToken ?? '' };
    world = await AgentWorld.start({ stsEndpoint: moto.endpoint, stsCredentials: node, flags: [`--base-role-arn=${BASE}`, '--namespace-restrictions'] });
    world.api.create('namespaces', { metadata: { name: 'team-a', annotations: { 'iam.amazonaws.com/allowed-roles': '["reader", "writer", "app-*"]' } } });
    world.api.create('namespaces', { metadata: { name: 'team-b', annotations: { 'iam.amazonaws.com/allowed-roles': '["writer"]' } } });
  }, 60_000);

  afterAll(async () => {
    await world?.close();
    await moto?.close();
  });

  it('the SDK STS client honours AWS_ENDPOINT_URL_STS when no --sts-endpoint is given', async () => {
    process.env['AWS_ENDPOINT_URL_STS'] = moto?.endpoint ?? '';
    try {
      const role = (parseRoleArn(`${BASE}from-env`) as { ok: true; value: RoleArn }).value;
      const out = await new SdkRoleAssumer({ region: 'us-east-1', credentials: node }).assumeRole({ role, externalId: undefined, sessionName: 'env.endpoint', tags: [], durationSeconds: 3600 });
      expect(out.ok).toBe(true);
      if (out.ok) expect(await callerArn({ accessKeyId: out.credentials.accessKeyId, secretAccessKey: out.credentials.secretAccessKey, sessionToken: out.credentials.sessionToken })).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/from-env/env.endpoint`);
    } finally {
      delete process.env['AWS_ENDPOINT_URL_STS'];
    }
  });

  it('/healthz is ready once the caches synced', async () => {
    const r = await requestFromPod('127.0.0.1', world.port, '/healthz');
    expect(r.status).toBe(200);
  });

  it('prefetches when the pod is scheduled; the SDK v3 fromInstanceMetadata (IMDSv2) gets a cache hit', async () => {
    world.createPod({ name: 'reader-0', namespace: 'team-a', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    await world.until('prefetch', () => world.agent.cache.size > 0);
    await world.until('prefetched credentials', async () => (await world.metric('podiam_agent_prefetches_total', { outcome: 'Success' })) >= 1);
    const stsBefore = await world.metric('podiam_agent_sts_request_duration_seconds');
    world.runPod('team-a', 'reader-0', '127.0.0.11');
    await world.untilOwner('127.0.0.11', 'team-a', 'reader-0');
    const hitsBefore = await world.metric('podiam_agent_credential_cache_lookups_total', { result: 'hit' });
    process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = `http://127.0.0.1:${world.port}/`;
    const creds = await asPod('127.0.0.11', () => fromInstanceMetadata({ maxRetries: 0, timeout: 2000 })());
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect((creds.expiration?.getTime() ?? 0) - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/team-a.reader-0`);
    expect(await world.metric('podiam_agent_credential_cache_lookups_total', { result: 'hit' })).toBe(hitsBefore + 1);
    expect(await world.metric('podiam_agent_sts_request_duration_seconds')).toBe(stsBefore);
    // The IMDSv2 token flow went through the agent.
    const line = world.logLines().find((l) => l['handler'] === 'metadata-token' && l['ip'] === '127.0.0.11');
    expect(line?.['pod']).toBe('team-a/reader-0');
  });

  it('boto3 with AWS_EC2_METADATA_SERVICE_ENDPOINT gets its pod\'s role', async () => {
    world.createPod({ name: 'writer-0', namespace: 'team-a', annotations: { 'iam.amazonaws.com/role': 'writer' } });
    world.runPod('team-a', 'writer-0', '127.0.0.12');
    await world.untilOwner('127.0.0.12', 'team-a', 'writer-0');
    const r = await boto3('127.0.0.12', { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${world.port}/` });
    expect(r.ok, r.stderr).toBe(true);
    expect(r.out['method']).toBe('iam-role');
    expect(r.out['arn']).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/writer/team-a.writer-0`);
  }, 60_000);

  it('a namespace restriction refuses: 404 as kube2iam answers, and the SDK gets no credentials', async () => {
    world.createPod({ name: 'sneaky', namespace: 'team-b', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    world.runPod('team-b', 'sneaky', '127.0.0.13');
    await world.untilOwner('127.0.0.13', 'team-b', 'sneaky');
    expect((await requestFromPod('127.0.0.13', world.port, '/latest/meta-data/iam/security-credentials/reader')).status).toBe(404);
    process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = `http://127.0.0.1:${world.port}/`;
    await expect(asPod('127.0.0.13', () => fromInstanceMetadata({ maxRetries: 0, timeout: 2000 })())).rejects.toThrow();
  });

  it('an IP reused by a new pod never gets the old pod\'s credentials (kiam#499)', async () => {
    world.createPod({ name: 'job-old', namespace: 'team-a', annotations: { 'iam.amazonaws.com/role': 'writer' } });
    world.runPod('team-a', 'job-old', '127.0.0.14');
    await world.untilOwner('127.0.0.14', 'team-a', 'job-old');
    const old = JSON.parse((await requestFromPod('127.0.0.14', world.port, '/latest/meta-data/iam/security-credentials/writer')).body) as { AccessKeyId: string };
    world.finishPod('team-a', 'job-old');
    await world.until('old pod released its IP', () => world.agent.pods.ownerOf('127.0.0.14').kind === 'unknown');
    expect((await requestFromPod('127.0.0.14', world.port, '/latest/meta-data/iam/security-credentials/writer')).status).toBe(404);
    world.createPod({ name: 'job-new', namespace: 'team-a', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    world.runPod('team-a', 'job-new', '127.0.0.14');
    await world.untilOwner('127.0.0.14', 'team-a', 'job-new');
    expect((await requestFromPod('127.0.0.14', world.port, '/latest/meta-data/iam/security-credentials/writer')).status).toBe(403);
    process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = `http://127.0.0.1:${world.port}/`;
    const creds = await asPod('127.0.0.14', () => fromInstanceMetadata({ maxRetries: 0, timeout: 2000 })());
    expect(creds.accessKeyId).not.toBe(old.AccessKeyId);
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/team-a.job-new`);
  });

  it('container credentials: fromHttp with the token file, fromContainerMetadata with the token, boto3; identity from the token', async () => {
    world.api.create('serviceaccounts', { metadata: { name: 'app', namespace: 'team-a', annotations: { 'eks.amazonaws.com/role-arn': `${BASE}app-s3` } } });
    world.createPod({ name: 'api-0', namespace: 'team-a', serviceAccount: 'app', containerCredentials: true });
    world.runPod('team-a', 'api-0', '127.0.0.15');
    await world.untilOwner('127.0.0.15', 'team-a', 'api-0');
    const uid = world.uidOf('team-a', 'api-0');
    const token = await world.front.mintPodToken({ namespace: 'team-a', name: 'api-0', uid, serviceAccount: 'app', node: 'node-a' }, ['pods.eks.amazonaws.com']);
    const dir = mkdtempSync(join(tmpdir(), 'podiam-token-'));
    const tokenFile = join(dir, 'eks-pod-identity-token');
    writeFileSync(tokenFile, token);
    const uri = `http://127.0.0.1:${world.port}/v1/credentials`;

    const raw = JSON.parse((await requestFromPod('127.0.0.15', world.port, '/v1/credentials', { headers: { authorization: token } })).body) as Record<string, string>;
    expect(raw['AccountId']).toBe(ACCOUNT);
    const viaHttp = await fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationTokenFile: tokenFile })();
    expect(viaHttp.accessKeyId).toBe(raw['AccessKeyId']);
    expect(await callerArn(viaHttp)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app-s3/team-a.api-0`);

    process.env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = uri;
    process.env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] = token;
    try {
      const viaContainer = await fromContainerMetadata({ maxRetries: 0, timeout: 2000 })();
      expect(viaContainer.accessKeyId).toBe(viaHttp.accessKeyId);
    } finally {
      delete process.env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
      delete process.env['AWS_CONTAINER_AUTHORIZATION_TOKEN'];
    }

    const py = await boto3('127.0.0.15', { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    expect(py.ok, py.stderr).toBe(true);
    expect(py.out['method']).toBe('container-role');
    expect(py.out['arn']).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app-s3/team-a.api-0`);

    // The token presented from another pod's address is refused; a token for a deleted pod is refused.
    expect((await requestFromPod('127.0.0.11', world.port, '/v1/credentials', { headers: { authorization: token } })).status).toBe(403);
    world.api.delete('pods', 'team-a', 'api-0');
    await world.until('pod deleted', () => world.agent.pods.byUid(uid) === undefined);
    const fresh = await world.front.mintPodToken({ namespace: 'team-a', name: 'api-0', uid, serviceAccount: 'app' }, ['pods.eks.amazonaws.com']);
    expect((await requestFromPod('127.0.0.1', world.port, '/v1/credentials', { headers: { authorization: fresh } })).status).toBe(400);
  }, 60_000);

  it('proxies allowed metadata with the agent\'s own IMDSv2 token and no X-Forwarded-For; never user-data', async () => {
    const r = await requestFromPod('127.0.0.11', world.port, '/latest/meta-data/instance-id', { headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(r.status).toBe(200);
    expect(r.body).toBe('i-0123456789abcdef0');
    expect((await requestFromPod('127.0.0.11', world.port, '/latest/user-data')).status).toBe(404);
    expect((await requestFromPod('127.0.0.11', world.port, '/latest/meta-data/iam/security-credentials/kube2iam-node')).status).toBe(403);
    const forwarded = world.imds.requests.filter((q) => q.path !== '/latest/api/token');
    expect(forwarded.map((q) => q.path)).not.toContain('/latest/user-data');
    expect(forwarded.every((q) => q.headers['x-forwarded-for'] === undefined && q.headers['x-aws-ec2-metadata-token'] === 'fake-imds-session-token')).toBe(true);
  });

  it('survives 410 Gone: after compaction and dropped watches, new pods are still seen', async () => {
    world.api.compact();
    world.api.closeWatches();
    world.createPod({ name: 'after-410', namespace: 'team-a', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    world.runPod('team-a', 'after-410', '127.0.0.16');
    await world.untilOwner('127.0.0.16', 'team-a', 'after-410');
    const r = await requestFromPod('127.0.0.16', world.port, '/latest/meta-data/iam/security-credentials/');
    expect(r.body).toBe('reader');
  }, 40_000);

  it('/metrics exposes requests by code and role, cache hits, STS latency and prefetches; logs name the pod', async () => {
    const r = await requestFromPod('127.0.0.1', world.port, '/metrics');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/podiam_agent_requests_total\{handler="metadata-credentials",code="200",role="arn:aws:iam::123456789012:role\/reader"\} \d+/);
    expect(r.body).toMatch(/podiam_agent_credential_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(r.body).toMatch(/podiam_agent_sts_request_duration_seconds_count\{outcome="Success",reason="prefetch"\} [1-9]/);
    expect(r.body).toMatch(/podiam_agent_prefetches_total\{outcome="Success"\} [1-9]/);
    const answers = world.logLines().filter((l) => l['msg'] === 'answer' && l['handler'] === 'metadata-credentials' && l['status'] === 200);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((l) => typeof l['pod'] === 'string' && typeof l['podUid'] === 'string')).toBe(true);
  });
});

// Audit of issue 6 (`podiam agent`) with real clients against `podiam serve`: the AWS CLI as a pod
// (instance metadata through AWS_EC2_METADATA_SERVICE_ENDPOINT, container credentials through
// AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), the SDK v3's
// fromHttp on refusals, and an agent started with a kube2iam DaemonSet's arguments as kube2iam's
// README lists them. Pods are played from 127.0.0.x; the CLI's sockets are bound there by a
// sitecustomize module (the agent runs in this process, so clients run asynchronously).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { fromHttp } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentWorld } from '../../src/k8s/agent/testing/agent-world.ts';
import { asPod, requestFromPod } from '../../src/k8s/agent/testing/pod-http.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

const ACCOUNT = '123456789012';
const BASE = `arn:aws:iam::${ACCOUNT}:role/`;
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

// Binds the CLI's connections to 127.0.0.1 from the pod's address.
const SITECUSTOMIZE = `
import os, socket
ip = os.environ.get('POD_IP')
if ip:
    _connect = socket.socket.connect
    def connect(self, address):
        if self.family == socket.AF_INET and isinstance(address, tuple) and address[0] == '127.0.0.1':
            try:
                self.bind((ip, 0))
            except OSError:
                pass
        return _connect(self, address)
    socket.socket.connect = connect
`;

describe('podiam agent audit: the AWS CLI as a pod, SDK error shapes, kube2iam DaemonSet arguments', () => {
  let podiam: PodiamProcess;
  let world: AgentWorld;
  let dir: string;

  const cli = (podIp: string, env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    return new Promise((resolve) => {
      execFile(
        'aws',
        [...args, '--endpoint-url', podiam.url, '--output', 'json'],
        { env: { ...clean, PYTHONPATH: dir, POD_IP: podIp, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_DEFAULT_REGION: 'us-east-1', ...env }, encoding: 'utf8', timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr }),
      );
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podiam-audit6-'));
    writeFileSync(join(dir, 'sitecustomize.py'), SITECUSTOMIZE);
    podiam = await startPodiam({ accountId: ACCOUNT });
    const admin = { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey };
    const iam = new IAMClient({ region: 'us-east-1', endpoint: podiam.url, credentials: admin });
    for (const name of ['reader', 'writer']) {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]) }));
    }
    // kube2iam's README flags, spelled as its DaemonSets and Helm values spell them.
    world = await AgentWorld.start({
      stsEndpoint: podiam.url,
      stsCredentials: admin,
      flags: [`--base-role-arn=${BASE}`, '--namespace-restrictions', '--namespace-restriction-format=glob', '--iam-role-session-ttl=15m', '--cache-resync-period=30m', '--resolve-duplicate-cache-ips', '--log-level=warning', '--use-regional-sts-endpoint'],
    });
    world.api.create('namespaces', { metadata: { name: 'shop', annotations: { 'iam.amazonaws.com/allowed-roles': '["reader"]' } } });
    world.api.create('serviceaccounts', { metadata: { name: 'app', namespace: 'shop', annotations: { 'eks.amazonaws.com/role-arn': `${BASE}reader` } } });
    world.api.create('serviceaccounts', { metadata: { name: 'admin', namespace: 'shop', annotations: { 'eks.amazonaws.com/role-arn': `${BASE}writer` } } });
  }, 90_000);

  afterAll(async () => {
    await world?.close();
    await podiam?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('kube2iam\'s default --iam-role-session-ttl=15m starts the agent and pods are served credentials with over 20 minutes left', async () => {
    world.createPod({ name: 'web', namespace: 'shop', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    world.runPod('shop', 'web', '127.0.0.61');
    await world.untilOwner('127.0.0.61', 'shop', 'web');
    const r = await requestFromPod('127.0.0.61', world.port, '/latest/meta-data/iam/security-credentials/reader');
    expect(r.status).toBe(200);
    const left = Date.parse((JSON.parse(r.body) as { Expiration: string }).Expiration) - Date.now();
    expect(left).toBeGreaterThan(20 * 60_000);
  });

  it('the AWS CLI with AWS_EC2_METADATA_SERVICE_ENDPOINT (IMDSv2, and with IMDSv1 disabled) is its pod\'s role', async () => {
    const endpoint = { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${world.port}/` };
    for (const env of [endpoint, { ...endpoint, AWS_EC2_METADATA_V1_DISABLED: 'true' }]) {
      const out = await cli('127.0.0.61', env, ['sts', 'get-caller-identity']);
      expect(out.code, out.stderr).toBe(0);
      expect((JSON.parse(out.stdout) as { Arn: string }).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/shop.web`);
    }
  }, 60_000);

  // kube2iam (server/server.go): a role the namespace does not allow fails the IP's role mapping, and
  // the listing answers http.StatusNotFound "role requested ... not valid for namespace of pod at ...".
  it('a namespace restriction refuses as kube2iam does (404 with its message); the AWS CLI finds no credentials', async () => {
    world.createPod({ name: 'sneaky', namespace: 'shop', annotations: { 'iam.amazonaws.com/role': 'writer' } });
    world.runPod('shop', 'sneaky', '127.0.0.62');
    await world.untilOwner('127.0.0.62', 'shop', 'sneaky');
    for (const path of ['', '/', '/writer']) {
      const r = await requestFromPod('127.0.0.62', world.port, `/latest/meta-data/iam/security-credentials${path}`);
      expect(r.status).toBe(404);
      expect(r.body).toBe(`role requested ${BASE}writer not valid for namespace of pod at 127.0.0.62 with namespace shop`);
    }
    const out = await cli('127.0.0.62', { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${world.port}/` }, ['sts', 'get-caller-identity']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('Unable to locate credentials');
  }, 60_000);

  it('container credentials: the AWS CLI with the token file gets the service account\'s role; refusals reach the SDK as Code and Message', async () => {
    const pod = async (name: string, serviceAccount: string, ip: string): Promise<string> => {
      world.createPod({ name, namespace: 'shop', serviceAccount, containerCredentials: true });
      world.runPod('shop', name, ip);
      await world.untilOwner(ip, 'shop', name);
      const token = await world.front.mintPodToken({ namespace: 'shop', name, uid: world.uidOf('shop', name), serviceAccount, node: 'node-a' }, ['pods.eks.amazonaws.com']);
      const file = join(dir, `${name}-token`);
      writeFileSync(file, token);
      return file;
    };
    const uri = `http://127.0.0.1:${world.port}/v1/credentials`;
    const appToken = await pod('api', 'app', '127.0.0.63');
    const out = await cli('127.0.0.63', { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: appToken }, ['sts', 'get-caller-identity']);
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as { Arn: string }).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/shop.api`);

    // The namespace allows reader only: the SDK's error carries the agent's Code and Message.
    const adminToken = await pod('ops', 'admin', '127.0.0.64');
    const refused = await asPod('127.0.0.64', () => fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationTokenFile: adminToken, maxRetries: 0 })()).then(
      () => undefined,
      (err: unknown) => err as { Code?: string; Message?: string; message: string },
    );
    expect(refused?.message).toContain('403');
    expect(refused).toMatchObject({ Code: 'AccessDeniedException', Message: 'Access denied' });
    const empty = join(dir, 'empty-token');
    writeFileSync(empty, 'not-a-token');
    const invalid = await asPod('127.0.0.63', () => fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationTokenFile: empty, maxRetries: 0 })()).then(
      () => undefined,
      (err: unknown) => err as { Code?: string; message: string },
    );
    expect(invalid).toMatchObject({ Code: 'InvalidTokenException' });
    expect(invalid?.message).toContain('400');
  }, 60_000);
});

// IRSA with podiam as the cluster's issuer, end to end with real processes and clients (seed 000, seed 001):
// `podiam serve` in its own process, `podiam cluster create` and `podiam token` as child processes, the
// issuer documents checked against the Kubernetes API server's format, the token verified with jose, and
// the chain through the AWS CLI — a role trusting the cluster's provider with :sub and :aud conditions,
// AssumeRoleWithWebIdentity, GetCallerIdentity — plus the SDK v3's web identity provider, key rotation,
// and `podiam up`.
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateOpenIDConnectProviderCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTokenFile } from '@aws-sdk/credential-providers';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clustersClient } from '../../src/cli/cluster.ts';
import type { PodiamClient } from '../../src/cli/podiam-client.ts';
import { applyJsonPatch, startFakeApiServer } from '../../src/k8s/testing/index.ts';
import { signToken, testKey, type TestKey } from '../../src/oidc/testing/signed-tokens.ts';
import { NODE, PODIAM_BIN, freePort, startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync, runAsync } from './support/sts-world.ts';
import { startPodiamUp } from './support/podiam-up.ts';

const DEV = '123456789012';
const SA = 'system:serviceaccount:default:svc-test';

let podiam: PodiamProcess;
let tmp: string;
let issuer: string;
let providerUrl: string;
let roleArn: string;
let api: PodiamClient;

function podiamCli(args: readonly string[], env: NodeJS.ProcessEnv = podiam.env) {
  return runAsync(NODE, [PODIAM_BIN, ...args], env);
}

/** `podiam token` as a child process. */
async function mint(extra: readonly string[] = []): Promise<string> {
  const out = await podiamCli(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'svc-test', ...extra]);
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

/** The same call in process (CreateServiceAccountToken), where the CLI itself is not what a test is about. */
async function mintFast(input: Record<string, unknown> = {}): Promise<string> {
  const out = await api.call<{ Token: string }>('CreateServiceAccountToken', { ClusterName: 'demo', Namespace: 'default', ServiceAccount: 'svc-test', ...input });
  if (!out.ok) throw new Error(`${out.code}: ${out.message}`);
  return out.output.Token;
}

/** A member account made with Organizations CreateAccount, administered through OrganizationAccountAccessRole. */
async function memberAccount(name: string): Promise<{ accountId: string; keys: { accessKeyId: string; secretAccessKey: string; sessionToken: string } }> {
  const config = { endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } };
  const orgs = new OrganizationsClient(config);
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const request = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
  const status = await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.CreateAccountStatus?.Id ?? '' }));
  const accountId = status.CreateAccountStatus?.AccountId ?? '';
  // The account root may not assume roles: an IAM administrator of the management account does.
  const iam = new IAMClient(config);
  await iam.send(new CreateUserCommand({ UserName: 'operator' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'operator', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }))).AccessKey;
  const operator = new STSClient({ ...config, credentials: { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' } });
  const assumed = await operator.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'setup' }));
  const c = assumed.Credentials;
  return { accountId, keys: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' } };
}

function tokenFile(name: string, token: string): string {
  const path = join(tmp, name);
  writeFileSync(path, token);
  return path;
}

async function jwks(): Promise<JSONWebKeySet> {
  return (await (await fetch(`${issuer}/openid/v1/jwks`)).json()) as JSONWebKeySet;
}

function trust(provider: string, account: string, sub = SA) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${provider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${provider}:sub`]: sub, [`${provider}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  });
}

async function assumeWithCli(role: string, tokenPath: string, env: NodeJS.ProcessEnv = podiam.env) {
  return awsAsync(['sts', 'assume-role-with-web-identity', '--role-arn', role, '--role-session-name', 'irsa', '--web-identity-token', `file://${tokenPath}`], env);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-irsa-'));
  podiam = await startPodiam({ accountId: DEV });
  issuer = `${podiam.url}/oidc/demo`;
  providerUrl = issuer.replace('http://', '');
  api = clustersClient({ endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } });
});
afterAll(async () => {
  await podiam?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('podiam cluster create: an issuer and its IAM OIDC provider (eksctl utils associate-iam-oidc-provider)', () => {
  it('creates the cluster and prints it as the AWS CLI prints JSON', async () => {
    const out = await podiamCli(['cluster', 'create', 'demo']);
    expect(out.status, out.stderr).toBe(0);
    const cluster = (out.json as { Cluster: Record<string, unknown> }).Cluster;
    expect(cluster).toMatchObject({ Name: 'demo', Issuer: issuer, IssuerType: 'podiam', OidcProviderArn: `arn:aws:iam::${DEV}:oidc-provider/${providerUrl}` });
    expect(cluster['CreatedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('the provider is in IAM: aws iam list-open-id-connect-providers / get-open-id-connect-provider', async () => {
    const arn = `arn:aws:iam::${DEV}:oidc-provider/${providerUrl}`;
    const list = await awsAsync(['iam', 'list-open-id-connect-providers'], podiam.env);
    expect(list.status, list.stderr).toBe(0);
    expect(list.json).toEqual({ OpenIDConnectProviderList: expect.arrayContaining([{ Arn: arn }]) });
    const got = await awsAsync(['iam', 'get-open-id-connect-provider', '--open-id-connect-provider-arn', arn], podiam.env);
    expect(got.status, got.stderr).toBe(0);
    expect(got.json).toMatchObject({ Url: providerUrl, ClientIDList: ['sts.amazonaws.com'] });
  });

  it('a second create fails as the AWS CLI reports service errors (exit 254)', async () => {
    const out = await podiamCli(['cluster', 'create', 'demo']);
    expect(out.status).toBe(254);
    expect(out.stderr).toContain('An error occurred (ResourceInUseException) when calling the CreateCluster operation: Cluster already exists with name: demo');
  });

  it('podiam cluster list names it', async () => {
    const out = await podiamCli(['cluster', 'list']);
    expect(out.json).toEqual({ Clusters: ['demo'] });
  });
});

describe('the issuer over HTTP, as a Kubernetes API server serves it (Kubernetes "Service account issuer discovery")', () => {
  it('GET <issuer>/.well-known/openid-configuration', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['issuer', 'jwks_uri', 'response_types_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported']);
    expect(body).toEqual({
      issuer,
      jwks_uri: `${issuer}/openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('GET <issuer>/openid/v1/jwks: RSA keys with use sig, kid, alg RS256', async () => {
    const response = await fetch(`${issuer}/openid/v1/jwks`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(body.keys).toHaveLength(1);
    expect(Object.keys(body.keys[0] ?? {})).toEqual(['use', 'kty', 'kid', 'alg', 'n', 'e']);
    expect(body.keys[0]).toMatchObject({ use: 'sig', kty: 'RSA', alg: 'RS256', e: 'AQAB' });
  });

  it('unknown clusters get 404, without credentials being asked for', async () => {
    expect((await fetch(`${podiam.url}/oidc/nosuch/openid/v1/jwks`)).status).toBe(404);
  });
});

describe('podiam token: a projected service-account token', () => {
  it('prints only the JWT when piped, and it verifies against the issuer\'s JWKS with the claims of a kubelet token', async () => {
    const token = await mint(['--pod', 'amazonlinux', '--pod-uid', '8e9a2a6c-0b5e-4f57-9b6e-2a1c1d5f0c11', '--node', 'ip-172-31-48-10', '--duration', '1h']);
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await jwks()), { issuer, audience: 'sts.amazonaws.com' });
    expect(protectedHeader.alg).toBe('RS256');
    expect((await jwks()).keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ iss: issuer, sub: SA, aud: ['sts.amazonaws.com'] });
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(typeof payload.jti).toBe('string');
    expect(payload['kubernetes.io']).toEqual({
      namespace: 'default',
      node: { name: 'ip-172-31-48-10' },
      pod: { name: 'amazonlinux', uid: '8e9a2a6c-0b5e-4f57-9b6e-2a1c1d5f0c11' },
      serviceaccount: { name: 'svc-test' },
    });
  });

  it('a duration under ten minutes is refused with the API server\'s text', async () => {
    const out = await podiamCli(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'svc-test', '--duration', '300']);
    expect(out.status).toBe(254);
    expect(out.stderr).toContain('may not specify a duration less than 10 minutes');
  });
});

describe('seed 000 with the AWS CLI: a role trusting the cluster provider for one service account', () => {
  beforeAll(async () => {
    const created = await awsAsync(['iam', 'create-role', '--role-name', 'pod-creator', '--assume-role-policy-document', trust(providerUrl, DEV)], podiam.env);
    expect(created.status, created.stderr).toBe(0);
    roleArn = (created.json as { Role: { Arn: string } }).Role.Arn;
  });

  it('aws sts assume-role-with-web-identity with the minted token, then get-caller-identity with its credentials', async () => {
    const path = tokenFile('svc-test.jwt', await mint());
    const assumed = await assumeWithCli(roleArn, path);
    expect(assumed.status, assumed.stderr).toBe(0);
    const out = assumed.json as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }; SubjectFromWebIdentityToken: string; Provider: string; Audience: string };
    expect(out.SubjectFromWebIdentityToken).toBe(SA);
    expect(out.Provider).toBe(`arn:aws:iam::${DEV}:oidc-provider/${providerUrl}`);
    expect(out.Audience).toBe('sts.amazonaws.com');
    const who = await awsAsync(['sts', 'get-caller-identity'], {
      ...podiam.env,
      AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: out.Credentials.SessionToken,
    });
    expect(who.status, who.stderr).toBe(0);
    expect((who.json as { Arn: string }).Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/pod-creator/irsa`);
  });

  it('the SDK v3 web identity provider reads the token file, as in a pod the webhook wired', async () => {
    const path = tokenFile('sdk.jwt', await mintFast());
    const clientConfig = { endpoint: podiam.url, region: 'us-east-1' };
    const sts = new STSClient({ ...clientConfig, credentials: fromTokenFile({ roleArn, webIdentityTokenFile: path, roleSessionName: 'sdk', clientConfig }) });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/pod-creator/sdk`);
  });

  it('another service account\'s token is refused by the :sub condition', async () => {
    const refused = await assumeWithCli(roleArn, tokenFile('intruder.jwt', await mintFast({ ServiceAccount: 'intruder' })));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('AccessDenied');
  });

  it('a token for another audience is refused (the provider\'s client ID is sts.amazonaws.com)', async () => {
    const refused = await assumeWithCli(roleArn, tokenFile('vault.jwt', await mintFast({ Audiences: ['vault'] })));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('InvalidIdentityToken');
    expect(refused.stderr).toContain('Incorrect token audience');
  });
});

describe('seed 001: the cluster\'s provider registered in a second account whose role trusts it', () => {
  it('a member account registers the issuer with IAM CreateOpenIDConnectProvider, its role trusts it, and the same token assumes it', async () => {
    const shared = await memberAccount('shared_content');
    const iam = new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: shared.keys });
    const provider = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
    expect(provider.OpenIDConnectProviderArn).toBe(`arn:aws:iam::${shared.accountId}:oidc-provider/${providerUrl}`);
    await iam.send(new CreateRoleCommand({ RoleName: 's3-read-object', AssumeRolePolicyDocument: trust(providerUrl, shared.accountId) }));
    const assumed = await assumeWithCli(`arn:aws:iam::${shared.accountId}:role/s3-read-object`, tokenFile('cross.jwt', await mintFast()));
    expect(assumed.status, assumed.stderr).toBe(0);
    expect((assumed.json as { AssumedRoleUser: { Arn: string } }).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${shared.accountId}:assumed-role/s3-read-object/irsa`);
  });
});

describe('podiam cluster rotate-keys: OpenID Connect Core 1.0, 10.1.1 (old keys stay published until their tokens expire)', () => {
  it('old tokens still verify and still assume the role; new tokens carry the new kid', async () => {
    const before = await mintFast();
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await podiamCli(['cluster', 'rotate-keys', 'demo']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const newKid = (rotated.json as { KeyId: string }).KeyId;
    expect(newKid).not.toBe(oldKid);

    const keySet = await jwks();
    expect(keySet.keys.map((k) => k.kid)).toEqual([oldKid, newKid]);
    await expect(jwtVerify(before, createLocalJWKSet(keySet), { issuer })).resolves.toBeDefined();
    const after = await mint();
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    await expect(jwtVerify(after, createLocalJWKSet(keySet), { issuer })).resolves.toBeDefined();

    // STS had the old JWKS cached: the new kid makes it refetch; the old kid is still published.
    for (const [name, token] of [['after.jwt', after], ['before.jwt', before]] as const) {
      const assumed = await assumeWithCli(roleArn, tokenFile(name, token));
      expect(assumed.status, `${name}: ${assumed.stderr}`).toBe(0);
    }
  });
});

describe('podiam cluster register / sync-keys: a cluster whose own API server is the issuer, unreachable from podiam', () => {
  const external = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const externalUrl = external.replace('https://', '');
  const externalProviderArn = `arn:aws:iam::${DEV}:oidc-provider/${externalUrl}`;
  // The cluster's service-account signing keys (its API server's --service-account-signing-key-file), and
  // a key that is not the cluster's.
  let first: TestKey;
  let second: TestKey;
  let stranger: TestKey;
  beforeAll(async () => {
    [first, second, stranger] = await Promise.all([testKey('RS256', 'kube-key-1'), testKey('RS256', 'kube-key-2'), testKey('RS256', 'kube-key-3')]);
  });

  it('registers the issuer as an IAM OIDC provider holding `kubectl get --raw /openid/v1/jwks`, then replaces the keys', async () => {
    const jwksFile = tokenFile('jwks.json', JSON.stringify({ keys: [first.publicJwk] }));
    const registered = await podiamCli(['cluster', 'register', 'eks-prod', '--issuer-url', external, '--jwks', `file://${jwksFile}`]);
    expect(registered.status, registered.stderr).toBe(0);
    const arn = externalProviderArn;
    expect(registered.json).toMatchObject({ Cluster: { Name: 'eks-prod', Issuer: external, IssuerType: 'external', OidcProviderArn: arn, KeyIds: ['kube-key-1'] }, OidcProviderArns: [arn] });
    const provider = await awsAsync(['iam', 'get-open-id-connect-provider', '--open-id-connect-provider-arn', arn], podiam.env);
    expect(provider.status, provider.stderr).toBe(0);
    expect(provider.json).toMatchObject({ Url: externalUrl, ClientIDList: ['sts.amazonaws.com'] });

    const rotatedFile = tokenFile('jwks-rotated.json', JSON.stringify({ keys: [first.publicJwk, second.publicJwk] }));
    const synced = await podiamCli(['cluster', 'sync-keys', 'eks-prod', '--jwks', `file://${rotatedFile}`]);
    expect(synced.status, synced.stderr).toBe(0);
    expect(synced.json).toMatchObject({ Cluster: { KeyIds: ['kube-key-1', 'kube-key-2'] }, OidcProviderArns: [arn] });
  });

  it('refuses a JWKS without usable keys', async () => {
    const bad = tokenFile('bad-jwks.json', '{"keys":[]}');
    const out = await podiamCli(['cluster', 'sync-keys', 'eks-prod', '--jwks', `file://${bad}`]);
    expect(out.status).toBe(254);
    expect(out.stderr).toContain('InvalidParameterException');
  });

  it('AssumeRoleWithWebIdentity (SDK v3) verifies the external cluster\'s tokens against the held JWKS, and the synced keys after sync-keys', async () => {
    const iam = new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } });
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'eks-prod-app', AssumeRolePolicyDocument: trust(externalUrl, DEV) }));
    const externalRoleArn = role.Role?.Arn ?? '';
    // The call is unsigned: the token is the only credential, as in a pod.
    const sts = new STSClient({ endpoint: podiam.url, region: 'us-east-1' });
    // What the cluster's API server signs for a projected token of default/svc-test.
    const kubeToken = (key: TestKey, header: Record<string, unknown> = {}): Promise<string> => {
      const now = Math.floor(Date.now() / 1000);
      return signToken(key, { iss: external, sub: SA, aud: ['sts.amazonaws.com'], iat: now, nbf: now, exp: now + 3600, jti: randomUUID() }, header);
    };
    const assume = (token: string) => sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: externalRoleArn, RoleSessionName: 'eks-prod', WebIdentityToken: token }));
    /** AWS's InvalidIdentityToken, as the SDK surfaces it (the query error code maps to this exception). */
    const refusal = async (token: string): Promise<{ name: string; status: number | undefined; message: string }> => {
      try {
        await assume(token);
      } catch (err) {
        const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
        return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
      }
      throw new Error('the token was accepted');
    };
    const invalid = { name: 'InvalidIdentityTokenException', status: 400 };

    // Held JWKS after the sync above: kube-key-1 and kube-key-2.
    for (const key of [first, second]) {
      const assumed = await assume(await kubeToken(key));
      expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/eks-prod-app/eks-prod`);
      expect(assumed).toMatchObject({ SubjectFromWebIdentityToken: SA, Provider: externalProviderArn, Audience: 'sts.amazonaws.com' });
      expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    }
    // Signed by a key the cluster never published: under its own kid, and under a held key's kid.
    expect(await refusal(await kubeToken(stranger))).toMatchObject(invalid);
    expect(await refusal(await kubeToken(stranger, { kid: 'kube-key-1' }))).toMatchObject({ ...invalid, message: 'Invalid token signature' });

    // The cluster rotates its signing key: sync-keys with its new JWKS (only the stranger's key now).
    const rotated = tokenFile('jwks-rotated-again.json', JSON.stringify({ keys: [stranger.publicJwk] }));
    const synced = await podiamCli(['cluster', 'sync-keys', 'eks-prod', '--jwks', `file://${rotated}`]);
    expect(synced.status, synced.stderr).toBe(0);
    expect(synced.json).toMatchObject({ Cluster: { KeyIds: ['kube-key-3'] } });
    const renewed = await assume(await kubeToken(stranger));
    expect(renewed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/eks-prod-app/eks-prod`);
    // Keys dropped from the held JWKS no longer verify anything.
    expect(await refusal(await kubeToken(first))).toMatchObject(invalid);
  });
});

function postReview(url: string, ca: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/mutate`, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('podiam up: serve, the demo cluster and the walkthrough in one process', () => {
  it('answers health, has created the demo issuer, prints the walkthrough, and stops on SIGTERM', async () => {
    const up = await startPodiamUp({ defaultDataDir: true, ownPorts: true });
    try {
      expect((await fetch(`${up.url}/_podiam/health`)).status).toBe(200);
      expect((await fetch(`${up.url}/oidc/demo/.well-known/openid-configuration`)).status).toBe(200);
      const out = up.stdout();
      expect(out).toContain(`export AWS_ENDPOINT_URL=${up.url}`);
      expect(out).toContain(`export AWS_SHARED_CREDENTIALS_FILE=${join(up.cwd, '.podiam', 'credentials')}`);
      expect(out).toContain(`arn:aws:iam::${DEV}:oidc-provider/${up.url.slice('http://'.length)}/oidc/demo`);
      expect(out).toContain('token --cluster demo --namespace default --service-account demo --pod demo --pod-uid');
      expect(out).toContain(`export KUBECONFIG=${join(up.cwd, '.podiam', 'kubeconfig')}`);
      expect(out).toContain('aws sts assume-role-with-web-identity');
      expect(out).toContain('aws sts get-caller-identity');
      expect(out).toContain('admission webhook');
      expect(readFileSync(join(up.cwd, '.podiam', 'credentials'), 'utf8')).toContain('aws_access_key_id');
      expect(await up.stop()).toBe(0);
    } finally {
      up.dispose();
    }
  }, 60_000);

  it('with --kubeconfig, seed 000 on one machine: the webhook wires the pod, podiam\'s issuer mints its token, the AWS CLI in the pod\'s environment gets the role', async () => {
    const api = await startFakeApiServer();
    const webhookPort = await freePort();
    const up = await startPodiamUp({ args: ['--kubeconfig', await api.writeKubeconfig(), '--webhook-port', String(webhookPort)], defaultDataDir: true, ownPorts: true });
    try {
      const webhookUrl = `https://localhost:${webhookPort}`;
      expect(up.stdout()).toContain(`${webhookUrl}/mutate`);
      const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: up.url, AWS_SHARED_CREDENTIALS_FILE: join(up.cwd, '.podiam', 'credentials'), AWS_CONFIG_FILE: join(up.cwd, '.podiam', 'config') };
      delete env['AWS_ACCESS_KEY_ID'];
      delete env['AWS_SECRET_ACCESS_KEY'];
      delete env['AWS_SESSION_TOKEN'];
      delete env['AWS_PROFILE'];
      const provider = `${up.url.slice('http://'.length)}/oidc/demo`;
      const role = await awsAsync(['iam', 'create-role', '--role-name', 'pod-creator', '--assume-role-policy-document', trust(provider, DEV)], env);
      expect(role.status, role.stderr).toBe(0);
      const roleArnInUp = (role.json as { Role: { Arn: string } }).Role.Arn;

      // Seed 000's ServiceAccount (eksctl create iamserviceaccount) and Pod.
      api.create('serviceaccounts', { metadata: { name: 'svc-test', namespace: 'default', annotations: { 'eks.amazonaws.com/role-arn': roleArnInUp } } });
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'amazonlinux', namespace: 'default', uid: randomUUID() },
        spec: { serviceAccountName: 'svc-test', nodeName: 'linux-node-1', containers: [{ name: 'amazonlinux', image: 'amazonlinux', command: ['sh', '-c', 'sleep 8h'] }] },
      };
      const uid = randomUUID();
      const review = JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: { uid, kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, namespace: 'default', operation: 'CREATE', object: pod },
      });
      const answer = await postReview(webhookUrl, readFileSync(join(up.cwd, '.podiam', 'webhook', 'ca.crt'), 'utf8'), review);
      expect(answer.status).toBe(200);
      const response = (JSON.parse(answer.body) as { response: { uid: string; allowed: boolean; patch: string } }).response;
      expect(response).toMatchObject({ uid, allowed: true });
      const patched = applyJsonPatch(pod, JSON.parse(Buffer.from(response.patch, 'base64').toString())) as {
        spec: { containers: { env: { name: string; value: string }[] }[]; volumes: { projected: { sources: { serviceAccountToken: { audience: string; expirationSeconds: number; path: string } }[] } }[] };
      };
      const injected = Object.fromEntries((patched.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
      expect(injected['AWS_ROLE_ARN']).toBe(roleArnInUp);
      const projected = patched.spec.volumes[0]?.projected.sources[0]?.serviceAccountToken;
      expect(projected).toMatchObject({ audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' });

      // The kubelet's part: a token for the pod's service account, audience and expiry, in the projected file.
      const minted = await runAsync(
        NODE,
        [PODIAM_BIN, 'token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'svc-test', '--audience', projected?.audience ?? '', '--duration', String(projected?.expirationSeconds ?? 0), '--pod', pod.metadata.name, '--pod-uid', pod.metadata.uid, '--node', pod.spec.nodeName],
        env,
      );
      expect(minted.status, minted.stderr).toBe(0);
      const tokenPath = tokenFile('projected-token', minted.stdout);

      // The container: the injected environment (region from `up`'s --aws-default-region, the token file
      // re-rooted to where the kubelet's part wrote it) and podiam's endpoint; no credentials at all.
      expect(injected['AWS_DEFAULT_REGION']).toBe('us-east-1');
      const podEnv: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: tmp,
        ...injected,
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenPath,
        AWS_ENDPOINT_URL: up.url,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const who = await awsAsync(['sts', 'get-caller-identity'], podEnv);
      expect(who.status, who.stderr).toBe(0);
      expect((who.json as { Arn: string }).Arn).toMatch(new RegExp(`^arn:aws:sts::${DEV}:assumed-role/pod-creator/`));

      expect(await up.stop()).toBe(0);
    } finally {
      up.dispose();
      await api.close();
    }
  }, 90_000);
});

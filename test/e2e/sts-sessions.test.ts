// Temporary credentials over time (issue 3, "Temporary credentials"; STS API Reference, "Credentials"):
// they survive a restart and a kill -9 of `podiam serve` (the sealing keys are in the store, nothing per
// session is), they expire with ExpiredToken, and a tampered token is refused. Expiry is tested against
// an in-process server under a fake clock, where the CloudTrail notes of the calls are also checked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../src/api/index.ts';
import { composeServer } from '../../src/cli/compose.ts';
import { startLoopbackIssuer, type LoopbackIssuer } from '../../src/oidc/testing/loopback-issuer.ts';
import { signToken, testKey } from '../../src/oidc/testing/signed-tokens.ts';
import { parseServeConfig, startServer, type RunningServer } from '../../src/server/index.ts';
import { startPodiam } from './support/podiam-process.ts';
import { StsWorld, type Keys } from './support/sts-world.ts';

const ACCOUNT = '123456789012';
const ASSUME_ANY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
const ROOT_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };

function client(url: string, keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }): STSClient {
  return new STSClient({ endpoint: url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
}

function keysOf(c: Credentials | undefined) {
  return { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded');
}

describe('issue 3: credentials issued before a restart still work after it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podiam-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after SIGTERM and after kill -9, on a new port', async () => {
    let podiam = await startPodiam({ dataDir, accountId: ACCOUNT });
    const world = new StsWorld(podiam);
    await world.role(world.management, 'survivor', ROOT_TRUST);
    const operator = (await world.user(world.management, 'operator', { assume: ASSUME_ANY })).keys;
    const out = await client(podiam.url, operator).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/survivor`, RoleSessionName: 'before' }));
    const session = keysOf(out.Credentials);
    const expected = `arn:aws:sts::${ACCOUNT}:assumed-role/survivor/before`;

    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      await podiam.stop({ signal, keepData: true });
      podiam = await startPodiam({ dataDir, accountId: ACCOUNT });
      expect((await client(podiam.url, session).send(new GetCallerIdentityCommand({}))).Arn, `after ${signal}`).toBe(expected);
    }
    await podiam.stop({ keepData: true });
  }, 90_000);
});

describe('issue 3: expired credentials get ExpiredToken (in-process server, fake clock)', () => {
  let server: RunningServer;
  let issuer: LoopbackIssuer;
  let dataDir: string;
  let operator: Keys;
  const records: CallRecord[] = [];
  const key = testKey('RS256', 'k1');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'podiam-expiry-'));
    issuer = await startLoopbackIssuer('/oidc/inproc');
    issuer.state.keys = [(await key).publicJwk];
    const config = parseServeConfig({ listen: '127.0.0.1:0', dataDir, accountId: ACCOUNT, logLevel: 'silent' });
    if (!config.ok) throw new Error(config.messages.join('; '));
    const parts = { ...composeServer(), recorder: () => ({ record: (r: CallRecord) => void records.push(r), flush: async () => undefined }) };
    server = await startServer(config.config, parts, pino({ level: 'silent' }));
    const world = new StsWorld({ url: server.url, accountId: ACCOUNT, ...server.admin });
    await world.role(world.management, 'short-lived', ROOT_TRUST);
    operator = (await world.user(world.management, 'operator', { assume: ASSUME_ANY })).keys;
    await world.oidcProvider(world.management, issuer.issuer, ['sts.amazonaws.com']);
    await world.role(world.management, 'web', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer.providerUrl}` }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    });
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await server?.close();
    await issuer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a 900-second session works until its expiration and is refused after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const out = await client(server.url, operator).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/short-lived`, RoleSessionName: 'brief', DurationSeconds: 900 }),
    );
    const session = client(server.url, keysOf(out.Credentials));
    vi.setSystemTime(start + 899_000);
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/short-lived/brief`);
    vi.setSystemTime(start + 901_000);
    expect(await failure(session.send(new GetCallerIdentityCommand({})))).toEqual({
      code: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });

  it('a tampered session token is refused with InvalidClientTokenId', async () => {
    const out = await client(server.url, operator).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/short-lived`, RoleSessionName: 'tamper' }));
    const keys = keysOf(out.Credentials);
    const raw = Buffer.from(keys.sessionToken, 'base64');
    raw[raw.length - 20] = (raw[raw.length - 20] ?? 0) ^ 0x01;
    expect(await failure(client(server.url, { ...keys, sessionToken: raw.toString('base64') }).send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('a provider holding the JWKS of an issuer podiam cannot reach verifies its tokens, and a synced key set replaces it', async () => {
    const external = 'https://oidc.unreachable.invalid/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const world = new StsWorld({ url: server.url, accountId: ACCOUNT, ...server.admin });
    const providerArn = await world.oidcProvider(world.management, external, ['sts.amazonaws.com']);
    await world.role(world.management, 'external', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    });
    const clusterKey = await testKey('RS256', 'cluster-1');
    await server.store.oidcProviders.update(providerArn, { jwks: { keys: [clusterKey.publicJwk as Record<string, string>] } });
    await server.holder.refresh();
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(clusterKey, { iss: external, sub: 'system:serviceaccount:default:app', aud: 'sts.amazonaws.com', iat: now, exp: now + 600 });
    const sts = new STSClient({ endpoint: server.url, region: 'us-east-1' });
    const call = () => sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/external`, RoleSessionName: 'held', WebIdentityToken: token }));
    expect((await call()).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/external/held`);
    // The cluster rotated its key away: the same token no longer verifies.
    const rotated = await testKey('RS256', 'cluster-2');
    await server.store.oidcProviders.update(providerArn, { jwks: { keys: [rotated.publicJwk as Record<string, string>] } });
    await server.holder.refresh();
    expect(await failure(call())).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
  });

  it('CloudTrail notes of AssumeRoleWithWebIdentity: WebIdentityUser, the role\'s account, no secrets', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(await key, { iss: issuer.issuer, sub: 'system:serviceaccount:default:audited', aud: 'sts.amazonaws.com', iat: now, exp: now + 600 });
    const out = await new STSClient({ endpoint: server.url, region: 'us-east-1' }).send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/web`, RoleSessionName: 'audited', WebIdentityToken: token }),
    );
    const record = records.find(
      (r) => r.eventName === 'AssumeRoleWithWebIdentity' && r.errorCode === undefined && (r.requestParameters as { roleSessionName?: string }).roleSessionName === 'audited',
    );
    const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer.providerUrl}`;
    expect(record?.caller).toBeUndefined();
    expect(record?.notes.userIdentity).toEqual({
      type: 'WebIdentityUser',
      principalId: `${providerArn}:sts.amazonaws.com:system:serviceaccount:default:audited`,
      userName: 'system:serviceaccount:default:audited',
      identityProvider: providerArn,
    });
    expect(record?.notes.recipientAccountId).toBe(ACCOUNT);
    expect(record?.notes.resources).toEqual([{ ARN: `arn:aws:iam::${ACCOUNT}:role/web`, type: 'AWS::IAM::Role', accountId: ACCOUNT }]);
    expect(record?.requestParameters).toEqual({ roleArn: `arn:aws:iam::${ACCOUNT}:role/web`, roleSessionName: 'audited' });
    const elements = JSON.stringify(record?.responseElements);
    expect(elements).toContain(out.Credentials?.AccessKeyId ?? 'missing');
    expect(elements).not.toContain(out.Credentials?.SecretAccessKey ?? 'missing');
    expect(elements).not.toContain(out.Credentials?.SessionToken ?? 'missing');
    expect(record?.responseElements).toMatchObject({
      assumedRoleUser: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/audited` },
      provider: providerArn,
      audience: 'sts.amazonaws.com',
      subjectFromWebIdentityToken: 'system:serviceaccount:default:audited',
    });
  });
});

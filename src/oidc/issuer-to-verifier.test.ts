// End to end: tokens minted by podiam's service-account issuer, served over node:http on 127.0.0.1,
// verified by the AssumeRoleWithWebIdentity verifier through the default issuer fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JWKS_PATH,
  OPENID_CONFIGURATION_PATH,
  WebIdentityVerifier,
  createIssuerFetch,
  discoveryResponseHeaders,
  generateSigningKey,
  issuerDiscoveryDocument,
  issuerJwks,
  issuerOfToken,
  jwksResponseHeaders,
  mintServiceAccountToken,
  oidcProviderArn,
  planKeyRotation,
  providerUrlForIssuer,
  type ServiceAccountSigningKey,
  type SigningKeyRecord,
} from './index.ts';

const PATH = '/oidc/demo';
let server: Server;
let issuer: string;
const store = new Map<string, { key: ServiceAccountSigningKey; record: SigningKeyRecord }>();
let clock = Date.UTC(2026, 0, 15, 12, 0, 0);
const nowSeconds = () => Math.floor(clock / 1000);
const POLICY = { rotateAfterSeconds: 7 * 86_400, maxTokenLifetimeSeconds: 86_400, publishAheadSeconds: 3600 };

function plan() {
  return planKeyRotation([...store.values()].map((entry) => entry.record), POLICY, nowSeconds());
}

function published() {
  return plan().publishedKids.flatMap((kid) => {
    const entry = store.get(kid);
    return entry === undefined ? [] : [{ kid, publicJwk: entry.key.publicJwk }];
  });
}

async function addKey(): Promise<ServiceAccountSigningKey> {
  const key = await generateSigningKey();
  store.set(key.kid, { key, record: { kid: key.kid, createdAt: nowSeconds() } });
  return key;
}

async function mint(): Promise<string> {
  const signingKid = plan().signingKid;
  const entry = signingKid === undefined ? undefined : store.get(signingKid);
  if (entry === undefined) throw new Error('no signing key');
  const { token } = await mintServiceAccountToken({
    issuer,
    key: entry.key,
    namespace: 'default',
    serviceAccount: 'svc-test',
    serviceAccountUid: 'c0ffee00-0000-4000-8000-000000000001',
    audiences: ['sts.amazonaws.com'],
    expirationSeconds: 86_400,
    pod: { name: 'amazonlinux', uid: 'c0ffee00-0000-4000-8000-000000000002' },
    now: clock,
    jti: crypto.randomUUID(),
  });
  return token;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === `${PATH}${OPENID_CONFIGURATION_PATH}`) {
      response.writeHead(200, discoveryResponseHeaders()).end(JSON.stringify(issuerDiscoveryDocument({ issuer, keys: published() })));
    } else if (request.url === `${PATH}${JWKS_PATH}`) {
      response.writeHead(200, jwksResponseHeaders()).end(JSON.stringify(issuerJwks(published())));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  await addKey();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('IRSA end to end: the cluster issuer mints, STS verifies (seed 000; STS API Reference "AssumeRoleWithWebIdentity")', () => {
  const verifier = () => new WebIdentityVerifier({ fetch: createIssuerFetch(), now: () => clock });

  it('verifies a projected service-account token and yields the IRSA condition keys', async () => {
    const token = await mint();
    const iss = issuerOfToken(token);
    expect(iss).toBe(issuer);
    const providerUrl = providerUrlForIssuer(iss ?? '');
    const result = await verifier().verify(token, { url: providerUrl, clientIds: ['sts.amazonaws.com'] });
    if (!result.ok) throw new Error(`${result.code}: ${result.message} (${result.detail})`);
    expect(result.contextEntries[`${providerUrl}:sub`]).toBe('system:serviceaccount:default:svc-test');
    expect(result.contextEntries[`${providerUrl}:aud`]).toBe('sts.amazonaws.com');
    expect(oidcProviderArn('aws', '111122223333', result.providerKeyPrefix)).toBe(
      `arn:aws:iam::111122223333:oidc-provider/${providerUrl}`,
    );
  });

  it('keeps verifying across a key rotation: new tokens by the refetched key, old tokens while their key is published', async () => {
    const sts = verifier();
    const provider = { url: providerUrlForIssuer(issuer), clientIds: ['sts.amazonaws.com'] };
    const oldToken = await mint();
    expect((await sts.verify(oldToken, provider)).ok).toBe(true);

    clock += 7 * 86_400_000;
    expect(plan().rotateNow).toBe(true);
    const next = await addKey();
    clock += 3_600_000;
    expect(plan().signingKid).toBe(next.kid);
    const newToken = await mint();
    const fresh = await sts.verify(newToken, provider);
    expect(fresh.ok ? 'ok' : fresh.detail).toBe('ok');

    const oldAgain = await sts.verify(await mintWithOldKeyAt(oldToken), provider);
    expect(oldAgain.ok).toBe(true);
  });
});

/** A token signed by the previous key, still within its lifetime (the old key must still be published). */
async function mintWithOldKeyAt(previous: string): Promise<string> {
  const header = JSON.parse(Buffer.from(previous.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string };
  const entry = store.get(header.kid);
  if (entry === undefined) throw new Error('old key gone');
  expect(plan().publishedKids).toContain(header.kid);
  const { token } = await mintServiceAccountToken({
    issuer,
    key: entry.key,
    namespace: 'default',
    serviceAccount: 'svc-test',
    audiences: ['sts.amazonaws.com'],
    expirationSeconds: 3600,
    now: clock - 1_800_000,
    jti: crypto.randomUUID(),
  });
  return token;
}

// Tokens minted by podiam's issuer are the tokens kube-apiserver mints for a kubelet TokenRequest, and
// verify against the JWKS the issuer serves — across rotation on demand and on the schedule (OpenID
// Connect Core 1.0, 10.1.1: publish before signing, keep publishing until the last token expired).
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../cli/podiam-client.ts';
import { startInProcessPodiam, type InProcessPodiam } from './testing/in-process-podiam.ts';

interface TokenOut {
  Token: string;
  ExpirationTimestamp: number;
  KeyId: string;
  Issuer: string;
}

let podiam: InProcessPodiam;
let issuer: string;

beforeAll(async () => {
  podiam = await startInProcessPodiam();
  issuer = `${podiam.url}/oidc/tokens`;
  succeeded(await podiam.admin.call('CreateCluster', { Name: 'tokens' }));
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await podiam.close();
});

function succeeded<T>(result: CallResult<T>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.output;
}

async function jwks(cluster = 'tokens'): Promise<JSONWebKeySet> {
  return (await (await fetch(`${podiam.url}/oidc/${cluster}/openid/v1/jwks`)).json()) as JSONWebKeySet;
}

async function mint(input: Record<string, unknown> = {}, cluster = 'tokens'): Promise<CallResult<TokenOut>> {
  return podiam.admin.call<TokenOut>('CreateServiceAccountToken', { ClusterName: cluster, Namespace: 'default', ServiceAccount: 'svc-test', ...input });
}

async function verify(token: string, keySet?: JSONWebKeySet) {
  return jwtVerify(token, createLocalJWKSet(keySet ?? (await jwks())), { issuer, algorithms: ['RS256'] });
}

describe('CreateServiceAccountToken: the claims of a kubelet-requested projected token (Kubernetes "Managing Service Accounts", bound service account tokens)', () => {
  it('signs RS256 with the published kid; iss, sub, aud, iat = nbf, exp = iat + 3600, jti', async () => {
    const out = succeeded(await mint());
    const header = decodeProtectedHeader(out.Token);
    expect(header).toEqual({ alg: 'RS256', kid: out.KeyId });
    const { payload } = await verify(out.Token);
    expect(payload).toMatchObject({ iss: issuer, sub: 'system:serviceaccount:default:svc-test', aud: ['sts.amazonaws.com'] });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
    expect(out.ExpirationTimestamp).toBe(payload.exp);
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.Issuer).toBe(issuer);
  });

  it('claim keys appear in sorted order, as go-jose serialises the merged claims map', async () => {
    const out = succeeded(await mint({ Pod: { Name: 'p', Uid: 'u' }, Node: { Name: 'n', Uid: 'v' } }));
    const raw = JSON.parse(Buffer.from(out.Token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
  });

  it('the kubernetes.io claim names namespace, service account, pod and node', async () => {
    const out = succeeded(
      await mint({ ServiceAccountUid: 'sa-uid', Pod: { Name: 'amazonlinux', Uid: 'pod-uid' }, Node: { Name: 'ip-10-0-0-1', Uid: 'node-uid' } }),
    );
    const { payload } = await verify(out.Token);
    expect(payload['kubernetes.io']).toEqual({
      namespace: 'default',
      node: { name: 'ip-10-0-0-1', uid: 'node-uid' },
      pod: { name: 'amazonlinux', uid: 'pod-uid' },
      serviceaccount: { name: 'svc-test', uid: 'sa-uid' },
    });
  });

  it('a token without pod or node carries only namespace and service account', async () => {
    const { payload } = await verify(succeeded(await mint()).Token);
    expect(payload['kubernetes.io']).toEqual({ namespace: 'default', serviceaccount: { name: 'svc-test' } });
  });

  it('takes the audiences asked for', async () => {
    const { payload } = await verify(succeeded(await mint({ Audiences: ['sts.amazonaws.com', 'vault'] })).Token);
    expect(payload.aud).toEqual(['sts.amazonaws.com', 'vault']);
  });
});

describe('CloudTrail: a minted token is a credential and is never recorded', () => {
  it('the CreateServiceAccountToken event records the key and expiry, not the token', async () => {
    const out = succeeded(await mint({ Pod: { Name: 'audited', Uid: 'u' } }));
    const record = podiam.records.findLast((r) => r.eventName === 'CreateServiceAccountToken');
    expect(record).toMatchObject({ eventSource: 'podiam.amazonaws.com', readOnly: false, responseElements: { keyId: out.KeyId } });
    expect(JSON.stringify(record)).not.toContain(out.Token.split('.')[2]);
    expect(record?.notes.resources).toEqual([{ ARN: expect.stringMatching(/:cluster\/tokens$/), type: 'podiam::Cluster', accountId: expect.any(String) }]);
  });
});

describe('TokenRequest expirationSeconds (Kubernetes API reference, "TokenRequest")', () => {
  it('600 seconds is accepted', async () => {
    const { payload } = await verify(succeeded(await mint({ ExpirationSeconds: 600 })).Token);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('under 600 seconds is refused with the API server\'s text', async () => {
    const out = await mint({ ExpirationSeconds: 599 });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.code).toBe('InvalidParameterException');
      expect(out.message).toBe('spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes');
    }
  });

  it('beyond the issuer\'s 48-hour maximum is capped, as --service-account-max-token-expiration caps it', async () => {
    const { payload } = await verify(succeeded(await mint({ ExpirationSeconds: 7 * 24 * 3600 })).Token);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(48 * 3600);
  });

  it('a pod-bound 3607-second token for the cluster\'s own audience is extended to the maximum with warnafter; the timestamp is the requested expiry', async () => {
    const out = succeeded(await mint({ ExpirationSeconds: 3607, Audiences: [issuer], Pod: { Name: 'p', Uid: 'u' } }));
    const { payload } = await jwtVerify(out.Token, createLocalJWKSet(await jwks()), { issuer, audience: issuer });
    const iat = payload.iat ?? 0;
    expect(payload.exp).toBe(iat + 48 * 3600);
    expect((payload['kubernetes.io'] as { warnafter?: number }).warnafter).toBe(iat + 3607);
    expect(out.ExpirationTimestamp).toBe(iat + 3607);
    // IRSA's audience is never extended.
    const irsa = await verify(succeeded(await mint({ ExpirationSeconds: 3607, Pod: { Name: 'p', Uid: 'u' } })).Token);
    expect((irsa.payload.exp ?? 0) - (irsa.payload.iat ?? 0)).toBe(3607);
    expect(irsa.payload['kubernetes.io']).not.toHaveProperty('warnafter');
  });

  it('namespace must be a DNS label', async () => {
    const out = await mint({ Namespace: 'Not_A_Label' });
    expect(out.ok ? '' : out.code).toBe('ValidationException');
  });

  it('an unknown cluster is ResourceNotFoundException', async () => {
    const out = await mint({}, 'nosuch');
    expect(out.ok ? '' : out.code).toBe('ResourceNotFoundException');
  });
});

describe('Key rotation on demand: the new key signs at once, old tokens keep verifying', () => {
  it('after RotateSigningKey, old tokens verify against the new JWKS and new tokens carry the new kid', async () => {
    succeeded(await podiam.admin.call('CreateCluster', { Name: 'rotating' }));
    const rotatingIssuer = `${podiam.url}/oidc/rotating`;
    const before = succeeded(await mint({}, 'rotating'));
    const rotated = succeeded(await podiam.admin.call<{ KeyId: string; Cluster: { SigningKeys: { KeyId: string; Status: string }[] } }>('RotateSigningKey', { Name: 'rotating' }));
    expect(rotated.KeyId).not.toBe(before.KeyId);
    expect(rotated.Cluster.SigningKeys.map((k) => [k.KeyId, k.Status])).toEqual([
      [before.KeyId, 'RETIRED'],
      [rotated.KeyId, 'ACTIVE'],
    ]);
    const after = succeeded(await mint({}, 'rotating'));
    expect(after.KeyId).toBe(rotated.KeyId);
    expect(decodeProtectedHeader(after.Token).kid).toBe(rotated.KeyId);
    const keySet = await jwks('rotating');
    expect(keySet.keys.map((k) => k.kid)).toEqual([before.KeyId, rotated.KeyId]);
    for (const token of [before.Token, after.Token]) {
      await expect(jwtVerify(token, createLocalJWKSet(keySet), { issuer: rotatingIssuer })).resolves.toBeDefined();
    }
  });

  it('two rotations within the hour keep every key that signed published', async () => {
    succeeded(await podiam.admin.call('CreateCluster', { Name: 'twice' }));
    const first = succeeded(await mint({}, 'twice'));
    succeeded(await podiam.admin.call('RotateSigningKey', { Name: 'twice' }));
    const second = succeeded(await mint({}, 'twice'));
    succeeded(await podiam.admin.call('RotateSigningKey', { Name: 'twice' }));
    const third = succeeded(await mint({}, 'twice'));
    expect(new Set([first.KeyId, second.KeyId, third.KeyId]).size).toBe(3);
    const keySet = await jwks('twice');
    for (const token of [first.Token, second.Token, third.Token]) {
      await expect(jwtVerify(token, createLocalJWKSet(keySet), { issuer: `${podiam.url}/oidc/twice` })).resolves.toBeDefined();
    }
  });
});

describe('Key rotation on the schedule (7 days; new key published an hour ahead; old key kept 48 h + 5 min) — fake clock', () => {
  it('rotates when due, signs with the new key after the hour, and drops the old key after the last token expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    succeeded(await podiam.admin.call('CreateCluster', { Name: 'scheduled' }));
    const day = 24 * 3600_000;
    const original = succeeded(await mint({}, 'scheduled')).KeyId;

    vi.setSystemTime(start + 7 * day - 60_000);
    expect(succeeded(await mint({}, 'scheduled')).KeyId).toBe(original);

    // Due: the mint stores a new key, published now, not yet signing.
    vi.setSystemTime(start + 7 * day + 1000);
    const lastOld = succeeded(await mint({ ExpirationSeconds: 48 * 3600 }, 'scheduled'));
    expect(lastOld.KeyId).toBe(original);
    const kids = (await jwks('scheduled')).keys.map((k) => k.kid);
    expect(kids).toHaveLength(2);
    const fresh = kids.find((kid) => kid !== original);
    const described = succeeded(await podiam.admin.call<{ Cluster: { SigningKeys: { KeyId: string; Status: string }[] } }>('DescribeCluster', { Name: 'scheduled' }));
    expect(described.Cluster.SigningKeys.map((k) => k.Status)).toEqual(['ACTIVE', 'PENDING']);

    // An hour later the new key signs; the old one stays published.
    vi.setSystemTime(start + 7 * day + 3600_000 + 2000);
    expect(succeeded(await mint({}, 'scheduled')).KeyId).toBe(fresh);
    expect((await jwks('scheduled')).keys.map((k) => k.kid)).toEqual([original, fresh]);

    // Until 48 h + 5 min after it stopped signing, tokens it signed still verify.
    vi.setSystemTime(start + 7 * day + 3600_000 + 2 * day + 200_000);
    expect((await jwks('scheduled')).keys.map((k) => k.kid)).toEqual([original, fresh]);

    vi.setSystemTime(start + 7 * day + 3600_000 + 2 * day + 400_000);
    succeeded(await mint({}, 'scheduled'));
    expect((await jwks('scheduled')).keys.map((k) => k.kid)).toEqual([fresh]);
    expect((await podiam.server.store.clusters.signingKeys('scheduled')).map((k) => k.kid)).toEqual([fresh]);
  });
});

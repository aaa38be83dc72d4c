import { readFileSync } from 'node:fs';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSigningKeyPem, type ServiceAccountSigningKey } from './signing-key.ts';
import { mintServiceAccountToken, serviceAccountTokenClaims, type MintServiceAccountTokenInput } from './service-account-token.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const IAT = NOW / 1000;
let key: ServiceAccountSigningKey;

beforeAll(async () => {
  key = await importSigningKeyPem(readFileSync(new URL('./fixtures/test-signing-key.pkcs1.pem', import.meta.url), 'utf8'));
});

function input(overrides: Partial<MintServiceAccountTokenInput> = {}): MintServiceAccountTokenInput {
  return {
    issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC',
    key,
    namespace: 'default',
    serviceAccount: 'svc-test',
    serviceAccountUid: '5a9c6d4e-1f1b-4d7a-9d4c-6f0c2b1e7a10',
    audiences: ['sts.amazonaws.com'],
    expirationSeconds: 86_400,
    pod: { name: 'amazonlinux', uid: '0b4f1b2c-3d4e-4f50-8a9b-1c2d3e4f5a6b' },
    node: { name: 'ip-172-31-48-10.ec2.internal', uid: '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9' },
    now: NOW,
    jti: '3f2e1d0c-9b8a-4766-8554-433221100fed',
    ...overrides,
  };
}

describe('Projected service-account token claims as kube-apiserver issues them (pkg/serviceaccount/claims.go)', () => {
  it('carries aud, exp, iat, iss, jti, kubernetes.io, nbf and sub, in the sorted order go-jose writes', async () => {
    const { token } = await mintServiceAccountToken(input());
    const payload = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(payload).toBe(
      JSON.stringify({
        aud: ['sts.amazonaws.com'],
        exp: IAT + 86_400,
        iat: IAT,
        iss: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC',
        jti: '3f2e1d0c-9b8a-4766-8554-433221100fed',
        'kubernetes.io': {
          namespace: 'default',
          node: { name: 'ip-172-31-48-10.ec2.internal', uid: '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9' },
          pod: { name: 'amazonlinux', uid: '0b4f1b2c-3d4e-4f50-8a9b-1c2d3e4f5a6b' },
          serviceaccount: { name: 'svc-test', uid: '5a9c6d4e-1f1b-4d7a-9d4c-6f0c2b1e7a10' },
        },
        nbf: IAT,
        sub: 'system:serviceaccount:default:svc-test',
      }),
    );
  });

  it('is RS256 with only alg and kid in the header, and verifies with the published key', async () => {
    const { token } = await mintServiceAccountToken(input());
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: key.kid });
    await expect(compactVerify(token, key.publicKey, { algorithms: ['RS256'] })).resolves.toBeDefined();
  });

  it('omits what the request does not bind (omitempty): no pod, no node, no service-account uid', () => {
    const claims = serviceAccountTokenClaims(input({ pod: undefined, node: undefined, serviceAccountUid: undefined }));
    expect(claims['kubernetes.io']).toEqual({ namespace: 'default', serviceaccount: { name: 'svc-test' } });
  });

  it('keeps every requested audience as a list', () => {
    expect(serviceAccountTokenClaims(input({ audiences: ['sts.amazonaws.com', 'vault'] })).aud).toEqual(['sts.amazonaws.com', 'vault']);
  });

  it('refuses lifetimes under 10 minutes and caps them at the configured maximum', () => {
    expect(() => serviceAccountTokenClaims(input({ expirationSeconds: 599 }))).toThrow(/less than 10 minutes/);
    expect(serviceAccountTokenClaims(input({ expirationSeconds: 600 })).exp).toBe(IAT + 600);
    expect(serviceAccountTokenClaims(input({ expirationSeconds: 86_400, maxExpirationSeconds: 3600 })).exp).toBe(IAT + 3600);
  });

  it('refuses an empty audience list, namespace or service account', () => {
    expect(() => serviceAccountTokenClaims(input({ audiences: [] }))).toThrow(/audiences/);
    expect(() => serviceAccountTokenClaims(input({ namespace: '' }))).toThrow(/namespace/);
    expect(() => serviceAccountTokenClaims(input({ serviceAccount: '' }))).toThrow(/serviceAccount/);
  });
});

describe('Extended expiration of kubelet tokens (kube-apiserver --service-account-extend-token-expiration, pkg/registry/core/serviceaccount/storage/token.go)', () => {
  const API = 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC';

  it('a pod-bound 3607-second token for the API audience lasts the maximum and says warnafter = iat + 3607, sorted last', async () => {
    const { token, claims } = await mintServiceAccountToken(input({ audiences: [API], expirationSeconds: 3607, apiAudiences: [API], maxExpirationSeconds: 172_800 }));
    expect(claims.exp).toBe(IAT + 172_800);
    expect(claims['kubernetes.io'].warnafter).toBe(IAT + 3607);
    const raw = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { 'kubernetes.io': Record<string, unknown> };
    expect(Object.keys(raw['kubernetes.io'])).toEqual(['namespace', 'node', 'pod', 'serviceaccount', 'warnafter']);
  });

  it('without a maximum the extension is one year', () => {
    const claims = serviceAccountTokenClaims(input({ audiences: [API], expirationSeconds: 3607, apiAudiences: [API] }));
    expect(claims.exp).toBe(IAT + 365 * 24 * 3600);
  });

  it('is not extended for other audiences (IRSA), other lifetimes, or tokens bound to no pod', () => {
    for (const overrides of [
      { audiences: ['sts.amazonaws.com'], expirationSeconds: 3607 },
      { audiences: [API, 'sts.amazonaws.com'], expirationSeconds: 3607 },
      { audiences: [API], expirationSeconds: 3600 },
      { audiences: [API], expirationSeconds: 3607, pod: undefined },
    ]) {
      const claims = serviceAccountTokenClaims(input({ ...overrides, apiAudiences: [API], maxExpirationSeconds: 172_800 }));
      expect(claims.exp, JSON.stringify(overrides)).toBe(IAT + overrides.expirationSeconds);
      expect(claims['kubernetes.io'].warnafter).toBeUndefined();
    }
  });
});

// Clusters whose own API server issues their tokens: registered by issuer URL, with the JWKS held on the
// IAM OIDC providers when podiam cannot reach the issuer (`kubectl get --raw /openid/v1/jwks`), and
// refreshed by SyncClusterKeys (IAM "Create an OpenID Connect (OIDC) identity provider in IAM": a JWKS
// has at least one key, at most 100 RSA and 100 EC keys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../cli/podiam-client.ts';
import { testKey } from '../oidc/testing/signed-tokens.ts';
import { ACCOUNT, startInProcessPodiam, type InProcessPodiam } from './testing/in-process-podiam.ts';

const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER_URL = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const SHARED = '210987654321';

let podiam: InProcessPodiam;
let jwksText: string;
let rotatedJwksText: string;

beforeAll(async () => {
  podiam = await startInProcessPodiam();
  const key = await testKey('RS256', 'kube-key-1');
  const next = await testKey('RS256', 'kube-key-2');
  jwksText = JSON.stringify({ keys: [key.publicJwk] });
  rotatedJwksText = JSON.stringify({ keys: [key.publicJwk, next.publicJwk] });
});
afterAll(async () => {
  await podiam.close();
});

function failed<T>(result: CallResult<T>): { code: string; message: string } {
  if (result.ok) throw new Error('the call succeeded');
  return { code: result.code, message: result.message };
}

function succeeded<T>(result: CallResult<T>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.output;
}

interface Registered {
  Cluster: { Name: string; Issuer: string; IssuerType: string; OidcProviderArn?: string; KeyIds: string[]; SigningKeys?: unknown };
  OidcProviderArns: string[];
}

describe('RegisterExternalCluster', () => {
  it('registers the issuer as an IAM OIDC provider holding the supplied JWKS', async () => {
    const out = succeeded(await podiam.admin.call<Registered>('RegisterExternalCluster', { Name: 'eks-prod', IssuerUrl: ISSUER, Jwks: jwksText }));
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${PROVIDER_URL}`;
    expect(out.Cluster).toMatchObject({ Name: 'eks-prod', Issuer: ISSUER, IssuerType: 'external', OidcProviderArn: arn, KeyIds: ['kube-key-1'] });
    expect(out.Cluster.SigningKeys).toBeUndefined();
    expect(out.OidcProviderArns).toEqual([arn]);
    const audited = podiam.records.findLast((r) => r.eventName === 'RegisterExternalCluster');
    expect(audited?.requestParameters).toEqual({ Name: 'eks-prod', IssuerUrl: ISSUER, jwksBytes: Buffer.byteLength(jwksText) });
    const provider = await podiam.server.store.oidcProviders.get(arn);
    expect(provider).toMatchObject({ url: PROVIDER_URL, clientIds: ['sts.amazonaws.com'], jwks: JSON.parse(jwksText) });
  });

  it('podiam serves no issuer documents for it and mints no tokens for it', async () => {
    expect((await fetch(`${podiam.url}/oidc/eks-prod/openid/v1/jwks`)).status).toBe(404);
    const out = failed(await podiam.admin.call('CreateServiceAccountToken', { ClusterName: 'eks-prod', Namespace: 'default', ServiceAccount: 'sa' }));
    expect(out.code).toBe('InvalidParameterException');
  });

  it('without a JWKS the provider is left to fetch discovery and keys from the issuer', async () => {
    const issuer = 'https://oidc.example.com/cluster-b';
    const out = succeeded(await podiam.admin.call<Registered>('RegisterExternalCluster', { Name: 'fetched', IssuerUrl: issuer }));
    expect(out.OidcProviderArns).toEqual([`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/cluster-b`]);
    expect((await podiam.server.store.oidcProviders.get(`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/cluster-b`))?.jwks).toBeUndefined();
  });

  it.each([
    ['without a scheme', PROVIDER_URL],
    ['over plain http to a remote host', 'http://oidc.example.com/x'],
    ['with a query', 'https://oidc.example.com/x?a=b'],
    ['with a port on a remote host', 'https://oidc.example.com:8443/x'],
  ])('refuses an issuer URL %s with InvalidParameterException', async (_name, url) => {
    expect(failed(await podiam.admin.call('RegisterExternalCluster', { Name: 'bad-url', IssuerUrl: url })).code).toBe('InvalidParameterException');
  });

  it.each([
    ['not JSON', '{'],
    ['without keys', '{"keys":[]}'],
    ['with only symmetric keys', '{"keys":[{"kty":"oct","k":"AAAA"}]}'],
  ])('refuses a JWKS %s with InvalidParameterException', async (_name, text) => {
    expect(failed(await podiam.admin.call('RegisterExternalCluster', { Name: 'bad-jwks', IssuerUrl: 'https://oidc.example.com/y', Jwks: text })).code).toBe(
      'InvalidParameterException',
    );
  });

  it('an issuer already registered is ResourceInUseException', async () => {
    const out = failed(await podiam.admin.call('RegisterExternalCluster', { Name: 'eks-prod-again', IssuerUrl: ISSUER }));
    expect(out).toEqual({ code: 'ResourceInUseException', message: `Cluster already exists with issuer: ${ISSUER}` });
  });
});

describe('SyncClusterKeys: the JWKS of an issuer is held on every account\'s provider for it (seed 001: the provider in a second account)', () => {
  it('replaces the held JWKS on the providers of every account', async () => {
    await podiam.server.store.transaction(async (tx) => {
      await tx.accounts.insert({
        id: SHARED,
        name: 'shared-content',
        email: 'shared@example.com',
        organizationId: undefined,
        parentId: undefined,
        status: 'ACTIVE',
        joinedMethod: 'CREATED',
        createdAt: new Date(),
      });
      await tx.oidcProviders.insert({
        arn: `arn:aws:iam::${SHARED}:oidc-provider/${PROVIDER_URL}`,
        accountId: SHARED,
        url: PROVIDER_URL,
        clientIds: ['sts.amazonaws.com'],
        thumbprints: [],
        tags: [],
        jwks: undefined,
        createdAt: new Date(),
      });
    });
    const out = succeeded(await podiam.admin.call<Registered>('SyncClusterKeys', { Name: 'eks-prod', Jwks: rotatedJwksText }));
    expect(out.OidcProviderArns.sort()).toEqual([`arn:aws:iam::${ACCOUNT}:oidc-provider/${PROVIDER_URL}`, `arn:aws:iam::${SHARED}:oidc-provider/${PROVIDER_URL}`].sort());
    expect(out.Cluster.KeyIds).toEqual(['kube-key-1', 'kube-key-2']);
    for (const arn of out.OidcProviderArns) expect((await podiam.server.store.oidcProviders.get(arn))?.jwks).toEqual(JSON.parse(rotatedJwksText));
  });

  it('a podiam-issued cluster is refused: its keys rotate with RotateSigningKey', async () => {
    succeeded(await podiam.admin.call('CreateCluster', { Name: 'own' }));
    expect(failed(await podiam.admin.call('SyncClusterKeys', { Name: 'own', Jwks: jwksText })).code).toBe('InvalidParameterException');
    expect(failed(await podiam.admin.call('RotateSigningKey', { Name: 'eks-prod' })).code).toBe('InvalidParameterException');
  });

  it('an external cluster without any IAM provider is ResourceNotFoundException', async () => {
    succeeded(await podiam.admin.call('RegisterExternalCluster', { Name: 'lonely', IssuerUrl: 'https://oidc.example.com/lonely', AssociateOidcProvider: false }));
    expect(failed(await podiam.admin.call('SyncClusterKeys', { Name: 'lonely', Jwks: jwksText }))).toEqual({
      code: 'ResourceNotFoundException',
      message: 'No IAM OIDC provider found for issuer: https://oidc.example.com/lonely.',
    });
  });
});

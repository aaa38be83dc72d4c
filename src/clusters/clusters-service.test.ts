// The clusters API in process, through SigV4-signed JSON calls: registration with the IAM OIDC provider,
// Amazon EKS's errors for missing and taken names, validation, deletion, and authorisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../cli/podiam-client.ts';
import { ACCOUNT, startInProcessPodiam, type InProcessPodiam } from './testing/in-process-podiam.ts';

interface ClusterOut {
  Cluster: {
    Name: string;
    Arn: string;
    CreatedAt: number;
    Issuer: string;
    IssuerType: string;
    OidcProviderArn?: string;
    KeyIds: string[];
    SigningKeys?: { KeyId: string; Status: string }[];
  };
}

let podiam: InProcessPodiam;
let host: string;

beforeAll(async () => {
  podiam = await startInProcessPodiam();
  host = new URL(podiam.url).host;
});
afterAll(async () => {
  await podiam.close();
});

function failed<T>(result: CallResult<T>): { status: number; code: string; message: string } {
  if (result.ok) throw new Error('the call succeeded');
  return { status: result.status, code: result.code, message: result.message };
}

function succeeded<T>(result: CallResult<T>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.output;
}

describe('CreateCluster: an issuer under the server, like `eksctl utils associate-iam-oidc-provider` (IAM "Create an OpenID Connect (OIDC) identity provider in IAM")', () => {
  it('gives the cluster <public base URL>/oidc/<name> and one active RS256 key', async () => {
    const out = succeeded(await podiam.admin.call<ClusterOut>('CreateCluster', { Name: 'alpha' }));
    expect(out.Cluster).toMatchObject({
      Name: 'alpha',
      Arn: `arn:aws:podiam::${ACCOUNT}:cluster/alpha`,
      Issuer: `${podiam.url}/oidc/alpha`,
      IssuerType: 'podiam',
    });
    expect(out.Cluster.SigningKeys).toEqual([expect.objectContaining({ Status: 'ACTIVE' })]);
    expect(out.Cluster.KeyIds).toEqual([out.Cluster.SigningKeys?.[0]?.KeyId]);
  });

  it('registers the issuer as an IAM OIDC provider: URL without scheme, client ID sts.amazonaws.com', async () => {
    const out = succeeded(await podiam.admin.call<ClusterOut>('CreateCluster', { Name: 'beta' }));
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/beta`;
    expect(out.Cluster.OidcProviderArn).toBe(arn);
    const provider = await podiam.server.store.oidcProviders.get(arn);
    expect(provider).toMatchObject({ accountId: ACCOUNT, url: `${host}/oidc/beta`, clientIds: ['sts.amazonaws.com'], jwks: undefined });
  });

  it('AssociateOidcProvider false registers no provider', async () => {
    const out = succeeded(await podiam.admin.call<ClusterOut>('CreateCluster', { Name: 'gamma', AssociateOidcProvider: false }));
    expect(out.Cluster.OidcProviderArn).toBeUndefined();
    expect(await podiam.server.store.oidcProviders.get(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/gamma`)).toBeUndefined();
  });

  it('a provider that already exists is kept as it is', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/delta`;
    await podiam.server.store.oidcProviders.insert({
      arn,
      accountId: ACCOUNT,
      url: `${host}/oidc/delta`,
      clientIds: ['my-audience'],
      thumbprints: [],
      tags: [],
      jwks: undefined,
      createdAt: new Date(),
    });
    await podiam.server.holder.refresh();
    const out = succeeded(await podiam.admin.call<ClusterOut>('CreateCluster', { Name: 'delta' }));
    expect(out.Cluster.OidcProviderArn).toBe(arn);
    expect((await podiam.server.store.oidcProviders.get(arn))?.clientIds).toEqual(['my-audience']);
  });

  it('a taken name is ResourceInUseException (409) with EKS\'s text', async () => {
    expect(failed(await podiam.admin.call('CreateCluster', { Name: 'alpha' }))).toEqual({
      status: 409,
      code: 'ResourceInUseException',
      message: 'Cluster already exists with name: alpha',
    });
  });

  it('a name outside EKS\'s pattern is a ValidationException naming the constraint', async () => {
    const out = failed(await podiam.admin.call('CreateCluster', { Name: '-bad' }));
    expect(out.code).toBe('ValidationException');
    expect(out.message).toContain("Value '-bad' at 'name' failed to satisfy constraint");
  });
});

describe('DescribeCluster, ListClusters and DeleteCluster (Amazon EKS API Reference errors)', () => {
  it('lists the names in order', async () => {
    const out = succeeded(await podiam.admin.call<{ Clusters: string[] }>('ListClusters', {}));
    expect(out.Clusters).toEqual([...out.Clusters].sort());
    expect(out.Clusters).toEqual(expect.arrayContaining(['alpha', 'beta', 'gamma']));
  });

  it('describes a cluster as it was created', async () => {
    const out = succeeded(await podiam.admin.call<ClusterOut>('DescribeCluster', { Name: 'beta' }));
    expect(out.Cluster.Issuer).toBe(`${podiam.url}/oidc/beta`);
    expect(out.Cluster.OidcProviderArn).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/beta`);
  });

  it('an unknown cluster is ResourceNotFoundException (404) "No cluster found for name: X."', async () => {
    expect(failed(await podiam.admin.call('DescribeCluster', { Name: 'nosuch' }))).toEqual({
      status: 404,
      code: 'ResourceNotFoundException',
      message: 'No cluster found for name: nosuch.',
    });
    expect(failed(await podiam.admin.call('DeleteCluster', { Name: 'nosuch' })).code).toBe('ResourceNotFoundException');
  });

  it('deleting a cluster removes it and its issuer, and leaves the IAM provider to IAM', async () => {
    succeeded(await podiam.admin.call('CreateCluster', { Name: 'doomed' }));
    expect((await fetch(`${podiam.url}/oidc/doomed/openid/v1/jwks`)).status).toBe(200);
    const out = succeeded(await podiam.admin.call<ClusterOut>('DeleteCluster', { Name: 'doomed' }));
    expect(out.Cluster.Name).toBe('doomed');
    expect((await fetch(`${podiam.url}/oidc/doomed/openid/v1/jwks`)).status).toBe(404);
    expect(failed(await podiam.admin.call('DescribeCluster', { Name: 'doomed' })).code).toBe('ResourceNotFoundException');
    expect(await podiam.server.store.clusters.signingKeys('doomed')).toEqual([]);
    expect(await podiam.server.store.oidcProviders.get(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/doomed`)).toBeDefined();
  });
});

describe('Authorisation: podiam:<Action> on arn:aws:podiam::<management account>:cluster/<name> (IAM "Policy evaluation logic")', () => {
  it('a user without permissions is refused with AccessDenied naming the action and cluster', async () => {
    const keys = await podiam.user('nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const out = failed(await podiam.clientFor(keys).call('DescribeCluster', { Name: 'alpha' }));
    expect(out.code).toBe('AccessDenied');
    expect(out.message).toContain(`is not authorized to perform: podiam:DescribeCluster on resource: arn:aws:podiam::${ACCOUNT}:cluster/alpha`);
  });

  it('creating with provider association also needs iam:CreateOpenIDConnectProvider', async () => {
    const keys = await podiam.user('creator', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'podiam:CreateCluster', Resource: '*' }] });
    const client = podiam.clientFor(keys);
    const refused = failed(await client.call('CreateCluster', { Name: 'by-creator' }));
    expect(refused.message).toContain(`iam:CreateOpenIDConnectProvider on resource: arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/oidc/by-creator`);
    expect(failed(await podiam.admin.call('DescribeCluster', { Name: 'by-creator' })).code).toBe('ResourceNotFoundException');
    succeeded(await client.call('CreateCluster', { Name: 'by-creator', AssociateOidcProvider: false }));
  });

  it('podiam:namespace and podiam:serviceaccount condition keys limit whose tokens a principal may mint', async () => {
    const keys = await podiam.user('minter', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'podiam:CreateServiceAccountToken',
          Resource: `arn:aws:podiam::${ACCOUNT}:cluster/alpha`,
          Condition: { StringEquals: { 'podiam:namespace': 'team-a' } },
        },
      ],
    });
    const client = podiam.clientFor(keys);
    succeeded(await client.call('CreateServiceAccountToken', { ClusterName: 'alpha', Namespace: 'team-a', ServiceAccount: 'app' }));
    expect(failed(await client.call('CreateServiceAccountToken', { ClusterName: 'alpha', Namespace: 'team-b', ServiceAccount: 'app' })).code).toBe('AccessDenied');
  });

  it('clusters belong to the management account: another account\'s administrator is refused', async () => {
    const keys = await podiam.user('outsider', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, '210987654321');
    expect(failed(await podiam.clientFor(keys).call('DeleteCluster', { Name: 'alpha' })).code).toBe('AccessDenied');
  });
});

describe('CreateCluster: an issuer must be an acceptable OIDC provider URL', () => {
  it('a plain-http public base URL on a non-loopback host is refused with InvalidParameterException', async () => {
    const other = await startInProcessPodiam({ publicBaseUrl: 'http://podiam.example.com' });
    try {
      const out = failed(await other.admin.call('CreateCluster', { Name: 'demo' }));
      expect(out.code).toBe('InvalidParameterException');
      expect(out.message).toContain('http://podiam.example.com/oidc/demo');
    } finally {
      await other.close();
    }
  });

  it('an https public base URL (a load balancer in front of podiam) names the issuer and the provider', async () => {
    const other = await startInProcessPodiam({ publicBaseUrl: 'https://podiam.example.com/' });
    try {
      const out = succeeded(await other.admin.call<ClusterOut>('CreateCluster', { Name: 'demo' }));
      expect(out.Cluster.Issuer).toBe('https://podiam.example.com/oidc/demo');
      expect(out.Cluster.OidcProviderArn).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/podiam.example.com/oidc/demo`);
      const discovery = (await (await fetch(`${other.url}/oidc/demo/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery['issuer']).toBe('https://podiam.example.com/oidc/demo');
      expect(discovery['jwks_uri']).toBe('https://podiam.example.com/oidc/demo/openid/v1/jwks');
    } finally {
      await other.close();
    }
  });
});

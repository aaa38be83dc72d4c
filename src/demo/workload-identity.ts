// The identity side of a pod, as it happens in a cluster: podiam's clusters API plays the API server and
// kubelet (a cluster whose issuer podiam serves, projected service-account tokens), and the token is
// exchanged with STS AssumeRoleWithWebIdentity — unsigned, exactly as the AWS SDK in a pod calls it —
// or a session is chained with sts:AssumeRole.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import type { Credentials, DemoContext } from './demo-context.ts';

/** A failed clusters API call, carrying the service's error code as SDK errors do. */
class ClustersApiError extends Error {
  readonly Code: string;

  constructor(operation: string, code: string, message: string) {
    super(`${message} (${operation})`);
    this.name = code;
    this.Code = code;
  }
}

/** A cluster whose service-account tokens podiam issues: its issuer URL and IAM OIDC provider. */
export interface DemoCluster {
  readonly name: string;
  readonly issuer: string;
  /** The issuer without its scheme: the provider's name in ARNs and condition keys. */
  readonly providerUrl: string;
  readonly providerArn: string;
}

/** The cluster (`podiam cluster create NAME`), created with its IAM OIDC provider when missing. */
export async function ensureCluster(ctx: DemoContext, name: string): Promise<DemoCluster> {
  type Described = { Cluster: { Issuer: string; OidcProviderArn?: string } };
  let action = 'reused';
  let result = await ctx.env.clusters.call<Described>('DescribeCluster', { Name: name });
  if (!result.ok && result.code === 'ResourceNotFoundException') {
    action = 'created';
    result = await ctx.env.clusters.call<Described>('CreateCluster', { Name: name, AssociateOidcProvider: true });
  }
  if (!result.ok) throw new ClustersApiError(action === 'created' ? 'CreateCluster' : 'DescribeCluster', result.code, result.message);
  const issuer = result.output.Cluster.Issuer;
  const providerUrl = issuer.replace(/^https?:\/\//, '');
  const providerArn = result.output.Cluster.OidcProviderArn ?? `arn:aws:iam::${ctx.managementAccount}:oidc-provider/${providerUrl}`;
  ctx.log.info(`cluster ${name}: ${action}; issuer ${issuer}, IAM OIDC provider ${providerArn}`);
  return { name, issuer, providerUrl, providerArn };
}

/** What a projected service-account token is for. */
export interface TokenRequest {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly pod?: string;
  readonly audience?: string;
}

/** A projected service-account token, as the kubelet writes it for a pod (`podiam token`). */
export async function mintToken(ctx: DemoContext, request: TokenRequest): Promise<string> {
  const result = await ctx.env.clusters.call<{ Token: string }>('CreateServiceAccountToken', {
    ClusterName: request.cluster,
    Namespace: request.namespace,
    ServiceAccount: request.serviceAccount,
    Audiences: [request.audience ?? 'sts.amazonaws.com'],
    ...(request.pod !== undefined ? { Pod: { Name: request.pod } } : {}),
  });
  if (!result.ok) throw new ClustersApiError('CreateServiceAccountToken', result.code, result.message);
  return result.output.Token;
}

/** A role session: its credentials and ARN. */
export interface RoleSession {
  readonly credentials: Credentials;
  readonly arn: string;
}

function sessionOf(output: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }; AssumedRoleUser?: { Arn?: string } }): RoleSession {
  const c = output.Credentials;
  return {
    credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken },
    arn: output.AssumedRoleUser?.Arn ?? '',
  };
}

/** AssumeRoleWithWebIdentity with a pod's token, without credentials (the call is unsigned). */
export async function webIdentitySession(ctx: DemoContext, roleArn: string, token: string, sessionName: string, durationSeconds?: number): Promise<RoleSession> {
  const output = await ctx.clientsFor(undefined).sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token, ...(durationSeconds !== undefined ? { DurationSeconds: durationSeconds } : {}) }),
  );
  return sessionOf(output);
}

/** sts:AssumeRole with these credentials (role chaining when they are a role session's). */
export async function assumeRole(ctx: DemoContext, credentials: Credentials, roleArn: string, sessionName: string): Promise<RoleSession> {
  return sessionOf(await ctx.clientsFor(credentials).sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName })));
}

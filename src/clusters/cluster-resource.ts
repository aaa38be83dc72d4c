// A cluster as an authorised resource and as an issuer: its ARN (clusters belong to the installation,
// so to its management account), its issuer URL under the server's public base URL, and the errors
// Amazon EKS returns for a missing or taken name (Amazon EKS API Reference, DescribeCluster and
// CreateCluster "Errors"; texts as EKS sends them).
import { awsError, type AwsError } from '../aws/index.ts';
import type { CallContext } from '../api/index.ts';
import type { Cluster, StoreTx } from '../store/index.ts';

/** `arn:aws:podiam::<management account>:cluster/<name>`. */
export function clusterArn(accountId: string, name: string): string {
  return `arn:aws:podiam::${accountId}:cluster/${name}`;
}

/** The issuer URL podiam gives a cluster: `<publicBaseUrl>/oidc/<name>`. */
export function podiamIssuerUrl(publicBaseUrl: string, name: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/oidc/${name}`;
}

export function clusterNotFound(name: string): AwsError {
  return awsError('ResourceNotFoundException', `No cluster found for name: ${name}.`);
}

export function clusterExists(name: string): AwsError {
  return awsError('ResourceInUseException', `Cluster already exists with name: ${name}`);
}

/** Authorises `podiam:<action>` on the cluster (owned by the management account) and returns its ARN. */
export function authorizeCluster(ctx: CallContext, action: string, name: string, context?: Readonly<Record<string, string>>): string {
  const owner = ctx.settings.managementAccountId;
  const arn = clusterArn(owner, name);
  ctx.authorize({ action: `podiam:${action}`, resource: arn, resourceAccount: owner, ...(context !== undefined ? { context } : {}) });
  ctx.audit.resources.push({ ARN: arn, type: 'podiam::Cluster', accountId: owner });
  return arn;
}

/** The cluster, or EKS's ResourceNotFoundException. */
export async function requireCluster(tx: Pick<StoreTx, 'clusters'>, name: string): Promise<Cluster> {
  const cluster = await tx.clusters.get(name);
  if (cluster === undefined) throw clusterNotFound(name);
  return cluster;
}

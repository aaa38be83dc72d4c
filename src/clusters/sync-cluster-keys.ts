// SyncClusterKeys: replaces the JWKS held for an external cluster's issuer (after the cluster rotated its
// service-account signing key) on every account's IAM OIDC provider for that issuer.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { authorizeCluster, requireCluster } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME, JWKS_TEXT } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';
import { readJwksText } from './jwks-text.ts';
import { holdIssuerKeys } from './oidc-provider-association.ts';

const input = { type: 'structure', members: { Name: CLUSTER_NAME, Jwks: JWKS_TEXT }, required: ['Name', 'Jwks'] } as const;
const output = {
  type: 'structure',
  members: { Cluster: CLUSTER, OidcProviderArns: { type: 'list', member: { type: 'string' } } },
} as const;

export const syncClusterKeys = operation({
  name: 'SyncClusterKeys',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    authorizeCluster(ctx, 'SyncClusterKeys', req.Name);
    const jwks = readJwksText(req.Jwks);
    const synced = await ctx.store.transaction(async (tx) => {
      const cluster = await requireCluster(tx, req.Name);
      if ((await tx.clusters.signingKeys(req.Name)).length > 0) {
        throw awsError('InvalidParameterException', `Cluster ${req.Name} is issued by podiam; its keys rotate with RotateSigningKey.`);
      }
      const arns = await holdIssuerKeys(tx, cluster.issuerUrl, jwks);
      if (arns.length === 0) throw awsError('ResourceNotFoundException', `No IAM OIDC provider found for issuer: ${cluster.issuerUrl}.`);
      return { cluster, arns };
    });
    await ctx.refresh();
    return { Cluster: clusterView(ctx, synced.cluster, []), OidcProviderArns: synced.arns };
  },
  // CloudTrail records the JWKS's size, not the (possibly large) document.
  audit: { requestParameters: ({ Jwks, ...rest }) => ({ ...rest, ...(Jwks !== undefined ? { jwksBytes: Buffer.byteLength(Jwks) } : {}) }) },
});

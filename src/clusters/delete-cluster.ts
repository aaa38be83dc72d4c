// DeleteCluster: removes the cluster and its signing keys; its issuer answers 404 from then on. As with
// Amazon EKS DeleteCluster, IAM OIDC providers for the issuer are left to IAM (DeleteOpenIDConnectProvider).
import { operation } from '../api/index.ts';
import { authorizeCluster, clusterNotFound, requireCluster } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';

const input = { type: 'structure', members: { Name: CLUSTER_NAME }, required: ['Name'] } as const;
const output = { type: 'structure', members: { Cluster: CLUSTER } } as const;

export const deleteCluster = operation({
  name: 'DeleteCluster',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    authorizeCluster(ctx, 'DeleteCluster', req.Name);
    const deleted = await ctx.store.transaction(async (tx) => {
      const cluster = await requireCluster(tx, req.Name);
      const keys = await tx.clusters.signingKeys(req.Name);
      if (!(await tx.clusters.delete(req.Name))) throw clusterNotFound(req.Name);
      return { cluster, keys };
    });
    await ctx.refresh();
    return { Cluster: clusterView(ctx, deleted.cluster, deleted.keys) };
  },
});

// DescribeCluster: one cluster with its issuer, IAM OIDC provider and published keys.
import { operation } from '../api/index.ts';
import { authorizeCluster, requireCluster } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';

const input = { type: 'structure', members: { Name: CLUSTER_NAME }, required: ['Name'] } as const;
const output = { type: 'structure', members: { Cluster: CLUSTER } } as const;

export const describeCluster = operation({
  name: 'DescribeCluster',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    authorizeCluster(ctx, 'DescribeCluster', req.Name);
    const found = await ctx.store.read(async (tx) => {
      const cluster = await requireCluster(tx, req.Name);
      return { cluster, keys: await tx.clusters.signingKeys(req.Name) };
    });
    return { Cluster: clusterView(ctx, found.cluster, found.keys) };
  },
});

// RotateSigningKey: rotation on demand. A new key signs from now; the old keys stop signing and stay
// published until every token they signed has expired (OpenID Connect Core 1.0, 10.1.1). Verifiers
// holding a cached JWKS refetch it when they meet the new kid.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { authorizeCluster, requireCluster } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';
import { newSigningKey, rotateNow } from './signing-keys.ts';

const input = { type: 'structure', members: { Name: CLUSTER_NAME }, required: ['Name'] } as const;
const output = { type: 'structure', members: { Cluster: CLUSTER, KeyId: { type: 'string' } } } as const;

export const rotateSigningKey = operation({
  name: 'RotateSigningKey',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    authorizeCluster(ctx, 'RotateSigningKey', req.Name);
    const fresh = await newSigningKey(req.Name, ctx.now);
    const rotated = await ctx.store.transaction(async (tx) => {
      const cluster = await requireCluster(tx, req.Name);
      if ((await tx.clusters.signingKeys(req.Name)).length === 0) {
        throw awsError('InvalidParameterException', `Cluster ${req.Name} has an external issuer; refresh its keys with SyncClusterKeys.`);
      }
      const key = await rotateNow(tx, req.Name, ctx.now, fresh);
      return { cluster, key, keys: await tx.clusters.signingKeys(req.Name) };
    });
    await ctx.refresh();
    return { Cluster: clusterView(ctx, rotated.cluster, rotated.keys), KeyId: rotated.key.kid };
  },
});

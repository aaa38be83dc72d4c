// ListClusters: the names of the registered clusters, in name order (as Amazon EKS ListClusters returns names).
import { operation } from '../api/index.ts';

const input = { type: 'structure', members: {} } as const;
const output = { type: 'structure', members: { Clusters: { type: 'list', member: { type: 'string' } } } } as const;

export const listClusters = operation({
  name: 'ListClusters',
  input,
  output,
  readOnly: true,
  async run(ctx) {
    ctx.authorize({ action: 'podiam:ListClusters', resource: '*', resourceAccount: ctx.settings.managementAccountId });
    return { Clusters: (await ctx.store.clusters.all()).map((cluster) => cluster.name) };
  },
  audit: { requestParameters: () => null },
});

// podiam's clusters API: an AWS JSON 1.1 service on the same endpoint (signing name `podiam`, target
// prefix PodiamClustersV1), modelled on Amazon EKS's cluster calls, for the clusters whose service-account
// tokens podiam issues or whose issuers it trusts.
import { serviceDefinition, type ServiceDefinition } from '../api/index.ts';
import { createCluster } from './create-cluster.ts';
import { createServiceAccountToken } from './create-service-account-token.ts';
import { deleteCluster } from './delete-cluster.ts';
import { describeCluster } from './describe-cluster.ts';
import { listClusters } from './list-clusters.ts';
import { registerExternalCluster } from './register-external-cluster.ts';
import { rotateSigningKey } from './rotate-signing-key.ts';
import { SigningKeyMemo } from './signing-key-memo.ts';
import { syncClusterKeys } from './sync-cluster-keys.ts';

export const CLUSTERS_SIGNING_NAME = 'podiam';
export const CLUSTERS_TARGET_PREFIX = 'PodiamClustersV1';

/** The clusters service (one per server: it keeps imported signing keys). */
export function createClustersService(): ServiceDefinition {
  return serviceDefinition({
    signingName: CLUSTERS_SIGNING_NAME,
    eventSource: 'podiam.amazonaws.com',
    protocol: 'json',
    targetPrefix: CLUSTERS_TARGET_PREFIX,
    operations: [
      createCluster,
      describeCluster,
      listClusters,
      deleteCluster,
      rotateSigningKey,
      createServiceAccountToken(new SigningKeyMemo()),
      registerExternalCluster,
      syncClusterKeys,
    ],
  });
}

// The Cluster structure the API returns: identity, issuer, the caller's IAM OIDC provider for it, and
// the keys a verifier can use now (podiam's published keys with their status, or an external issuer's
// held JWKS).
import type { ShapeValue } from '../aws/index.ts';
import type { CallContext } from '../api/index.ts';
import { providerUrlForIssuer } from '../oidc/index.ts';
import type { Cluster, ClusterSigningKey } from '../store/index.ts';
import { clusterArn } from './cluster-resource.ts';
import type { CLUSTER } from './cluster-shapes.ts';
import { keySchedule, keyStatus } from './key-schedule.ts';

export type ClusterValue = ShapeValue<typeof CLUSTER>;

/** The API view of a cluster with its stored signing keys (none for an external issuer). */
export function clusterView(ctx: CallContext, cluster: Cluster, keys: readonly ClusterSigningKey[]): ClusterValue {
  const account = ctx.caller?.principal.accountId;
  const provider = account === undefined ? undefined : ctx.snapshot.oidcProvider(account, providerUrlForIssuer(cluster.issuerUrl));
  const base = {
    Name: cluster.name,
    Arn: clusterArn(ctx.settings.managementAccountId, cluster.name),
    CreatedAt: cluster.createdAt,
    Issuer: cluster.issuerUrl,
    ...(provider !== undefined ? { OidcProviderArn: provider.arn } : {}),
  };
  if (keys.length === 0) {
    const held = provider?.jwks?.keys.flatMap((key) => (typeof key['kid'] === 'string' ? [key['kid']] : [])) ?? [];
    return { ...base, IssuerType: 'external', KeyIds: held };
  }
  const plan = keySchedule(keys, ctx.now);
  const signingKeys = plan.published.flatMap((key) => {
    const status = keyStatus(plan, key.kid);
    if (status === undefined) return [];
    return [
      {
        KeyId: key.kid,
        Status: status,
        CreatedAt: key.createdAt,
        ...(key.retiredAt !== undefined && status === 'RETIRED' ? { RetiredAt: key.retiredAt } : {}),
        ...(key.expiresPublicAt !== undefined && status === 'RETIRED' ? { PublishedUntil: key.expiresPublicAt } : {}),
      },
    ];
  });
  return { ...base, IssuerType: 'podiam', KeyIds: plan.published.map((key) => key.kid), SigningKeys: signingKeys };
}

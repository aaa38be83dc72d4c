// CreateCluster: registers a cluster for which podiam is the service-account token issuer. Its issuer URL
// is `<public base URL>/oidc/<name>`, served by the issuer door; its first RS256 key signs at once. With
// AssociateOidcProvider (the default, as `eksctl utils associate-iam-oidc-provider`), the issuer is also
// registered as an IAM OIDC provider in the caller's account with client ID sts.amazonaws.com.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { parseProviderUrl } from '../oidc/index.ts';
import { StoreConflict } from '../store/index.ts';
import { authorizeCluster, clusterExists, podiamIssuerUrl } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';
import { associateProvider, providerArnFor } from './oidc-provider-association.ts';
import { newSigningKey, storeFirstKey } from './signing-keys.ts';

const input = {
  type: 'structure',
  members: { Name: CLUSTER_NAME, AssociateOidcProvider: { type: 'boolean' } },
  required: ['Name'],
} as const;

const output = { type: 'structure', members: { Cluster: CLUSTER } } as const;

export const createCluster = operation({
  name: 'CreateCluster',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    authorizeCluster(ctx, 'CreateCluster', req.Name);
    const issuerUrl = podiamIssuerUrl(ctx.settings.publicBaseUrl, req.Name);
    // IAM takes only https issuers (podiam also loopback http); a plain-http public base URL cannot serve one.
    const usable = parseProviderUrl(issuerUrl);
    if (!usable.ok) {
      throw awsError('InvalidParameterException', `The issuer URL ${issuerUrl} cannot be an OIDC provider URL (${usable.reason}); set --public-base-url to an https URL.`);
    }
    const account = ctx.requireCaller().principal.accountId;
    const associate = req.AssociateOidcProvider ?? true;
    if (associate && account === undefined) throw awsError('InvalidParameterException', 'The caller has no account to register the OIDC provider in.');
    if (associate && account !== undefined && ctx.snapshot.oidcProvider(account, usable.value.keyPrefix) === undefined) {
      ctx.authorize({ action: 'iam:CreateOpenIDConnectProvider', resource: providerArnFor(account, issuerUrl) });
    }
    const key = await newSigningKey(req.Name, ctx.now);
    const created = await ctx.store.transaction(async (tx) => {
      if ((await tx.clusters.get(req.Name)) !== undefined) throw clusterExists(req.Name);
      if ((await tx.clusters.getByIssuer(issuerUrl)) !== undefined) {
        throw awsError('ResourceInUseException', `Cluster already exists with issuer: ${issuerUrl}`);
      }
      const cluster = await tx.clusters.insert({ name: req.Name, issuerUrl, createdAt: ctx.now });
      if (cluster instanceof StoreConflict) throw clusterExists(req.Name);
      const first = await storeFirstKey(tx, key);
      if (associate && account !== undefined) await associateProvider(tx, { accountId: account, issuerUrl, now: ctx.now });
      return { cluster, keys: [first] };
    });
    await ctx.refresh();
    return { Cluster: clusterView(ctx, created.cluster, created.keys) };
  },
});

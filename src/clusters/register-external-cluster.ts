// RegisterExternalCluster: a cluster whose own API server issues its service-account tokens. Its issuer is
// registered as an IAM OIDC provider in the caller's account (unless AssociateOidcProvider is false); when
// the issuer is not reachable from podiam, its JWKS (`kubectl get --raw /openid/v1/jwks`) is supplied and
// held on the provider, and STS verifies tokens against it instead of fetching (refresh it with
// SyncClusterKeys after the cluster rotates its key).
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { parseProviderUrl, providerUrlForIssuer } from '../oidc/index.ts';
import { StoreConflict } from '../store/index.ts';
import { authorizeCluster, clusterExists } from './cluster-resource.ts';
import { CLUSTER, CLUSTER_NAME, ISSUER_URL, JWKS_TEXT } from './cluster-shapes.ts';
import { clusterView } from './cluster-view.ts';
import { readJwksText } from './jwks-text.ts';
import { associateProvider, holdIssuerKeys, providerArnFor } from './oidc-provider-association.ts';

const input = {
  type: 'structure',
  members: { Name: CLUSTER_NAME, IssuerUrl: ISSUER_URL, Jwks: JWKS_TEXT, AssociateOidcProvider: { type: 'boolean' } },
  required: ['Name', 'IssuerUrl'],
} as const;

const output = {
  type: 'structure',
  // The IAM OIDC providers registered or given the JWKS.
  members: { Cluster: CLUSTER, OidcProviderArns: { type: 'list', member: { type: 'string' } } },
} as const;

/** The issuer URL as IAM accepts a provider URL: with its scheme, https (http only on loopback), no query. */
function checkIssuer(issuerUrl: string): void {
  const parsed = /^https?:\/\//i.test(issuerUrl) ? parseProviderUrl(issuerUrl) : { ok: false as const, reason: 'it must begin with https://' };
  if (!parsed.ok) throw awsError('InvalidParameterException', `IssuerUrl ${issuerUrl} is not a valid OIDC issuer: ${parsed.reason}.`);
}

export const registerExternalCluster = operation({
  name: 'RegisterExternalCluster',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    authorizeCluster(ctx, 'RegisterExternalCluster', req.Name);
    checkIssuer(req.IssuerUrl);
    const jwks = req.Jwks === undefined ? undefined : readJwksText(req.Jwks);
    const account = ctx.requireCaller().principal.accountId;
    const associate = req.AssociateOidcProvider ?? true;
    if (associate && account === undefined) throw awsError('InvalidParameterException', 'The caller has no account to register the OIDC provider in.');
    if (associate && account !== undefined && ctx.snapshot.oidcProvider(account, providerUrlForIssuer(req.IssuerUrl)) === undefined) {
      ctx.authorize({ action: 'iam:CreateOpenIDConnectProvider', resource: providerArnFor(account, req.IssuerUrl) });
    }
    const registered = await ctx.store.transaction(async (tx) => {
      if ((await tx.clusters.get(req.Name)) !== undefined) throw clusterExists(req.Name);
      if ((await tx.clusters.getByIssuer(req.IssuerUrl)) !== undefined) {
        throw awsError('ResourceInUseException', `Cluster already exists with issuer: ${req.IssuerUrl}`);
      }
      const cluster = await tx.clusters.insert({ name: req.Name, issuerUrl: req.IssuerUrl, createdAt: ctx.now });
      if (cluster instanceof StoreConflict) throw clusterExists(req.Name);
      const associated =
        associate && account !== undefined
          ? [await associateProvider(tx, { accountId: account, issuerUrl: req.IssuerUrl, now: ctx.now, ...(jwks !== undefined ? { jwks } : {}) })]
          : [];
      const held = jwks === undefined ? [] : await holdIssuerKeys(tx, req.IssuerUrl, jwks);
      return { cluster, arns: [...new Set([...associated, ...held])] };
    });
    await ctx.refresh();
    return { Cluster: clusterView(ctx, registered.cluster, []), OidcProviderArns: registered.arns };
  },
  // CloudTrail records the JWKS's size, not the (possibly large) document.
  audit: { requestParameters: ({ Jwks, ...rest }) => ({ ...rest, ...(Jwks !== undefined ? { jwksBytes: Buffer.byteLength(Jwks) } : {}) }) },
});

// Registering a cluster's issuer as an IAM OIDC provider, as `eksctl utils associate-iam-oidc-provider`
// does with IAM CreateOpenIDConnectProvider: the issuer URL stored without its scheme, client ID
// `sts.amazonaws.com`, in the caller's account (IAM User Guide, "Create an OpenID Connect (OIDC) identity
// provider in IAM"; quota: 100 OIDC providers per account, IAM User Guide "IAM and AWS STS quotas"). And
// holding a JWKS for an issuer podiam cannot reach: the keys of an issuer are one fact, so they are held on
// every account's provider for that issuer.
import { awsError } from '../aws/index.ts';
import { oidcProviderArn, providerUrlForIssuer } from '../oidc/index.ts';
import { StoreConflict, type JwksDocument, type StoreTx } from '../store/index.ts';

export const STS_CLIENT_ID = 'sts.amazonaws.com';
const PROVIDERS_PER_ACCOUNT = 100;

/** `arn:aws:iam::<account>:oidc-provider/<issuer without scheme>`. */
export function providerArnFor(accountId: string, issuerUrl: string): string {
  return oidcProviderArn('aws', accountId, providerUrlForIssuer(issuerUrl));
}

/** Creates the provider unless it exists (then only a given JWKS is stored on it); returns its ARN. */
export async function associateProvider(
  tx: StoreTx,
  options: { readonly accountId: string; readonly issuerUrl: string; readonly now: Date; readonly jwks?: JwksDocument },
): Promise<string> {
  const arn = providerArnFor(options.accountId, options.issuerUrl);
  const existing = await tx.oidcProviders.get(arn);
  if (existing !== undefined) {
    if (options.jwks !== undefined) await tx.oidcProviders.update(arn, { jwks: options.jwks });
    return arn;
  }
  if ((await tx.oidcProviders.list(options.accountId)).length >= PROVIDERS_PER_ACCOUNT) {
    throw awsError('LimitExceeded', `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${PROVIDERS_PER_ACCOUNT}`);
  }
  const inserted = await tx.oidcProviders.insert({
    arn,
    accountId: options.accountId,
    url: providerUrlForIssuer(options.issuerUrl),
    clientIds: [STS_CLIENT_ID],
    thumbprints: [],
    tags: [],
    jwks: options.jwks,
    createdAt: options.now,
  });
  if (inserted instanceof StoreConflict) throw awsError('ConcurrentModification', `Provider ${arn} was created concurrently.`);
  return arn;
}

/** Holds the JWKS on every account's provider for this issuer; returns their ARNs. */
export async function holdIssuerKeys(tx: StoreTx, issuerUrl: string, jwks: JwksDocument): Promise<string[]> {
  const url = providerUrlForIssuer(issuerUrl);
  const providers = (await tx.oidcProviders.all()).filter((provider) => provider.url === url);
  for (const provider of providers) await tx.oidcProviders.update(provider.arn, { jwks });
  return providers.map((provider) => provider.arn);
}

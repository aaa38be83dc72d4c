// IAM OpenID Connect providers as the IAM operations name them: by ARN, in the caller's account.
import { awsError, parseOidcProviderArn, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { OidcProvider, StoreRepos } from '../../store/index.ts';

/** NoSuchEntity for a provider ARN. */
export function noSuchOidcProvider(arn: string): AwsError {
  return awsError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`);
}

/** The provider, after authorizing `action` on its ARN (`InvalidInput` for a malformed ARN). */
export async function authorizedOidcProvider(
  ctx: CallContext,
  repos: StoreRepos,
  accountId: string,
  action: string,
  arnText: string,
  context?: Readonly<Record<string, ContextValue>>,
): Promise<OidcProvider> {
  const parsed = parseOidcProviderArn(arnText);
  if (!parsed.ok) throw parsed.error;
  ctx.authorize({ action, resource: parsed.value.arn, ...(context !== undefined ? { context } : {}) });
  const provider = await repos.oidcProviders.get(parsed.value.arn);
  if (provider === undefined || provider.accountId !== accountId) throw noSuchOidcProvider(parsed.value.arn);
  return provider;
}

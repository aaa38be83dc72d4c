// OIDC identity provider ARNs (IAM API Reference, CreateOpenIDConnectProvider; EKS "IAM roles for
// service accounts"): arn:partition:iam::account-id:oidc-provider/<issuer host and path>, the
// issuer URL without its https:// scheme (oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B7).

import { awsError } from '../errors/index.ts';
import { isAccountId, type AccountId } from './account-id.ts';
import { asPartition, AWS_PARTITION, splitArn, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';

/** An OIDC provider ARN, parsed once. */
export interface OidcProviderArn {
  readonly kind: 'oidc-provider';
  readonly partition: Partition;
  readonly accountId: AccountId;
  /** The issuer without scheme: `host[:port][/path]`, as trust policies name it in condition keys. */
  readonly issuerHostPath: string;
  readonly arn: string;
}

// Host (with optional port) and an optional path of printable ASCII, no trailing slash, no query.
const HOST_PATH = /^[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[\u0021-\u007E]*)?$/;
const MAX_URL = 255;

/** Parses an OIDC provider ARN. */
export function parseOidcProviderArn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<OidcProviderArn> {
  const parts = splitArn(text);
  const partition = parts === undefined ? undefined : asPartition(parts.partition);
  if (parts === undefined || partition === undefined || parts.service !== 'iam' || parts.region !== '' || !isAccountId(parts.account)) {
    return fail(invalidArn(text, style));
  }
  const prefix = 'oidc-provider/';
  const hostPath = parts.resource.startsWith(prefix) ? parts.resource.slice(prefix.length) : '';
  if (!HOST_PATH.test(hostPath) || hostPath.endsWith('/') || hostPath.includes('?') || hostPath.includes('#')) {
    return fail(invalidArn(text, style));
  }
  return ok(Object.freeze({ kind: 'oidc-provider', partition, accountId: parts.account, issuerHostPath: hostPath, arn: text }) as OidcProviderArn);
}

/**
 * The provider ARN for an issuer URL, as CreateOpenIDConnectProvider forms it: the URL must be
 * https (at most 255 characters); its scheme and any trailing slash are dropped.
 */
export function oidcProviderArnForIssuer(accountId: AccountId, issuerUrl: string, partition: Partition = AWS_PARTITION): ArnResult<OidcProviderArn> {
  if (issuerUrl.length > MAX_URL || !issuerUrl.startsWith('https://')) {
    return fail(awsError('InvalidInput', `The URL ${issuerUrl} is not valid: it must begin with https:// and be at most ${MAX_URL} characters.`));
  }
  const hostPath = issuerUrl.slice('https://'.length).replace(/\/+$/, '');
  if (!HOST_PATH.test(hostPath) || hostPath.includes('?') || hostPath.includes('#')) {
    return fail(awsError('InvalidInput', `The URL ${issuerUrl} is not valid.`));
  }
  const arn = `arn:${partition}:iam::${accountId}:oidc-provider/${hostPath}`;
  return ok(Object.freeze({ kind: 'oidc-provider', partition, accountId, issuerHostPath: hostPath, arn }) as OidcProviderArn);
}

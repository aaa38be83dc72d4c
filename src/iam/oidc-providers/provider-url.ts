// The Url of CreateOpenIDConnectProvider (IAM API Reference; IAM User Guide, "Create an OpenID Connect
// (OIDC) identity provider in IAM"): https, a host and an optional path, no query or fragment, at most
// 255 characters. IAM keeps it without the scheme; that is the ARN's resource and the prefix of the
// provider's condition keys. podiam also accepts http:// and an explicit port for loopback hosts, for
// local development and tests (then `127.0.0.1:4577/oidc/demo`).
import { awsError } from '../../aws/index.ts';
import { parseProviderUrl } from '../../oidc/index.ts';

/** The provider URL as IAM stores it (scheme-less, no trailing slash). */
export function storedProviderUrl(url: string): string {
  const scheme = /^(https?):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) throw awsError('InvalidInput', `Invalid Url: ${url}. The URL must begin with https://.`);
  const parsed = parseProviderUrl(url.replace(/\/+$/, ''));
  if (!parsed.ok) {
    throw awsError('InvalidInput', `Invalid Url: ${url}. The URL must begin with https:// (http:// only for loopback hosts): ${parsed.reason}.`);
  }
  return parsed.value.keyPrefix;
}

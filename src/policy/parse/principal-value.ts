// Which principal identifiers IAM accepts, by principal type.
// IAM User Guide, "AWS JSON policy elements: Principal" ("Specifying a principal"):
// - AWS: "*", a 12-digit account ID, or the ARN of an account root, IAM user, IAM role, assumed-role
//   session (arn:aws:sts::account:assumed-role/role-name/session-name) or federated user session
//   (arn:aws:sts::account:federated-user/user-name). "You cannot use a wildcard to match part of a
//   principal name or ARN." Plus the legacy CloudFront origin access identity user that S3 accepts.
// - Federated: a SAML provider ARN, an OIDC provider ARN, or a web identity provider
//   (cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com).
// - Service: a service principal ("service-name.amazonaws.com" and its regional and partition forms).
// - CanonicalUser: an S3 canonical user ID (64 hexadecimal characters).
// IAM also checks that named roles, users, providers and service principals exist; that needs the
// account's state and AWS's service catalogue, so it is the IAM service's and the analyzer's job, not the parser's.

import { isAccountId, isPartition, parseArn } from '../arn.ts';
import type { PrincipalKey } from './policy-type-rules.ts';

const WEB_IDENTITY_PROVIDERS: ReadonlySet<string> = new Set([
  'cognito-identity.amazonaws.com',
  'www.amazon.com',
  'graph.facebook.com',
  'accounts.google.com',
]);

// IAM User Guide, "IAM and AWS STS quotas" / IAM API Reference: names of users and roles
// ([\w+=,.@-]+, at most 64), role session names ([\w+=,.@-]{2,64}), federated user names ({2,32}).
const ENTITY_NAME = /^[\w+=,.@-]{1,64}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const FEDERATED_USER_NAME = /^[\w+=,.@-]{2,32}$/;
// A path segment: printable ASCII except the wildcards a principal may not use.
const PATH_SEGMENT = /^[\x21-\x29\x2B-\x2E\x30-\x3E\x40-\x7E]+$/;
const SAML_PROVIDER_NAME = /^[\w._-]{1,128}$/;
const OIDC_PROVIDER = /^[\x21-\x29\x2B-\x3E\x40-\x7E]+$/;
const SERVICE_PRINCIPAL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const CANONICAL_USER = /^[0-9a-f]{64}$/;
const CLOUDFRONT_OAI = /^user\/CloudFront Origin Access Identity [A-Z0-9]+$/;

/** True when IAM accepts the identifier for the principal type. */
export function isValidPrincipal(key: PrincipalKey, value: string): boolean {
  switch (key) {
    case 'AWS':
      return isAwsPrincipal(value);
    case 'Federated':
      return isFederatedPrincipal(value);
    case 'Service':
      return SERVICE_PRINCIPAL.test(value);
    case 'CanonicalUser':
      return CANONICAL_USER.test(value);
    default: {
      const unknown: never = key;
      return unknown;
    }
  }
}

function isAwsPrincipal(value: string): boolean {
  if (value === '*' || isAccountId(value)) return true;
  const arn = parseArn(value);
  if (arn === undefined || !isPartition(arn.partition) || arn.region !== '') return false;
  if (arn.service === 'iam') {
    if (arn.account === 'cloudfront') return CLOUDFRONT_OAI.test(arn.resource);
    if (!isAccountId(arn.account)) return false;
    return arn.resource === 'root' || isEntityPath(arn.resource, 'user/') || isEntityPath(arn.resource, 'role/');
  }
  if (arn.service === 'sts' && isAccountId(arn.account)) {
    const parts = arn.resource.split('/');
    if (parts[0] === 'assumed-role') {
      return parts.length === 3 && ENTITY_NAME.test(parts[1] ?? '') && SESSION_NAME.test(parts[2] ?? '');
    }
    if (parts[0] === 'federated-user') return parts.length === 2 && FEDERATED_USER_NAME.test(parts[1] ?? '');
  }
  return false;
}

/** `user/name` or `user/path/.../name`. */
function isEntityPath(resource: string, prefix: string): boolean {
  if (!resource.startsWith(prefix)) return false;
  const segments = resource.slice(prefix.length).split('/');
  const name = segments.pop() ?? '';
  return ENTITY_NAME.test(name) && segments.every((segment) => PATH_SEGMENT.test(segment));
}

function isFederatedPrincipal(value: string): boolean {
  if (WEB_IDENTITY_PROVIDERS.has(value)) return true;
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== 'iam' || !isPartition(arn.partition)) return false;
  if (arn.region !== '' || !isAccountId(arn.account)) return false;
  if (arn.resource.startsWith('saml-provider/')) return SAML_PROVIDER_NAME.test(arn.resource.slice('saml-provider/'.length));
  if (arn.resource.startsWith('oidc-provider/')) return OIDC_PROVIDER.test(arn.resource.slice('oidc-provider/'.length));
  return false;
}

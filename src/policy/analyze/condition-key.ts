// What a condition key in a policy names: a global key, a service's key, an identity provider's claim,
// or nothing valid. IAM User Guide, "AWS global condition context keys", "Available keys for AWS OIDC
// federation" and "Available keys for SAML-based AWS STS federation"; Service Authorization Reference.
import type { PolicyDocument } from '../ast.ts';
import type { IssueCode } from './issues.ts';
import type { ConditionKeyType, ServiceCatalog } from './service-catalog.ts';

/** A condition key as the analyzer understands it. */
export type ConditionKeyInfo =
  | { readonly kind: 'global'; readonly types: readonly ConditionKeyType[]; readonly multivalued: boolean }
  | { readonly kind: 'service'; readonly service: string; readonly types: readonly ConditionKeyType[] }
  /** A claim of a web identity or SAML provider (`oidc.eks.../id/X:sub`, `accounts.google.com:aud`, `saml:aud`). */
  | { readonly kind: 'claim'; readonly provider: string; readonly claim: string; readonly types: readonly ConditionKeyType[] }
  | { readonly kind: 'invalid'; readonly code: IssueCode; readonly params: Readonly<Record<string, string>> };

/** The global tag keys whose name must carry a tag key after the slash. */
const GLOBAL_TAG_KEYS = ['aws:RequestTag', 'aws:ResourceTag', 'aws:PrincipalTag'];

/** The OIDC provider names that the policy's federated principals name (`oidc-provider/<name>`), lower case. */
export function oidcProviderNames(policy: PolicyDocument): Set<string> {
  const names = new Set<string>();
  for (const statement of policy.statements) {
    for (const federated of statement.principal?.principals.federated ?? []) {
      const provider = oidcProviderOf(federated);
      if (provider !== undefined) names.add(provider.toLowerCase());
    }
  }
  return names;
}

/** The provider a federated principal names: the URL of an `oidc-provider/` ARN, or a web identity domain. */
export function oidcProviderOf(federated: string): string | undefined {
  const match = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(federated);
  if (match?.[1] !== undefined) return match[1];
  if (federated.startsWith('arn:')) return undefined;
  return federated;
}

/** Classifies a condition key as written. */
export function classifyConditionKey(
  key: string,
  catalog: ServiceCatalog,
  providers: ReadonlySet<string>,
): ConditionKeyInfo {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    return { kind: 'invalid', code: 'INVALID_CONDITION_KEY_FORMAT', params: {} };
  }
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') return classifyGlobal(key, catalog);

  const global = catalog.globalConditionKey(key);
  if (global !== undefined) return { kind: 'global', types: global.types, multivalued: global.multivalued };

  if (catalog.hasService(prefix)) {
    const found = catalog.serviceConditionKey(prefix, key);
    if (found !== undefined) return { kind: 'service', service: prefix, types: found.types };
    if (!key.includes('/') && catalog.serviceConditionKey(prefix, `${key.replace(/\/$/, '')}/tag`) !== undefined) {
      return { kind: 'invalid', code: 'MISSING_TAG_KEY_IN_CONDITION', params: { conditionKeyName: `${key.replace(/\/$/, '')}/` } };
    }
    return { kind: 'invalid', code: 'INVALID_SERVICE_CONDITION_KEY', params: { key, service: prefix } };
  }

  const claim = key.slice(colon + 1);
  for (const owner of catalog.conditionKeyPrefixOwners(prefix)) {
    const found = catalog.serviceConditionKey(owner, key);
    if (found !== undefined) return { kind: 'claim', provider: key.slice(0, colon), claim, types: found.types };
  }
  if (catalog.conditionKeyPrefixOwners(prefix).length > 0 || providers.has(prefix) || /[./]/.test(prefix)) {
    // Any claim of an OIDC provider the policy trusts, or of a provider named by its URL.
    return { kind: 'claim', provider: key.slice(0, colon), claim, types: ['String'] };
  }
  return { kind: 'invalid', code: 'INVALID_SERVICE', params: { service: key.slice(0, colon) } };
}

function classifyGlobal(key: string, catalog: ServiceCatalog): ConditionKeyInfo {
  if (key.toLowerCase() === 'aws:arn') return { kind: 'invalid', code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY', params: {} };
  const found = catalog.globalConditionKey(key);
  if (found !== undefined) return { kind: 'global', types: found.types, multivalued: found.multivalued };
  const bare = key.replace(/\/$/, '').toLowerCase();
  const tagKey = GLOBAL_TAG_KEYS.find((k) => k.toLowerCase() === bare);
  if (tagKey !== undefined) {
    return { kind: 'invalid', code: 'MISSING_TAG_KEY_IN_CONDITION', params: { conditionKeyName: `${tagKey}/` } };
  }
  return { kind: 'invalid', code: 'INVALID_GLOBAL_CONDITION_KEY', params: { key } };
}

/** True when the key's values are sets in the request context. */
export function isMultivalued(info: ConditionKeyInfo): boolean {
  switch (info.kind) {
    case 'global':
      return info.multivalued;
    case 'service':
    case 'claim':
      return info.types.some((t) => t.startsWith('ArrayOf'));
    case 'invalid':
      return false;
    default: {
      const never: never = info;
      return never;
    }
  }
}

/** The tag condition keys whose support varies by action (Service Authorization Reference). */
export function isTagConditionKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('aws:resourcetag/') || lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys';
}

// The request-context keys a verified token brings to the role's trust policy. IAM User Guide,
// "Available keys for AWS OIDC federation": the keys are the provider URL without its scheme followed by
// the claim name. Default tab: `aud` (the `azp` value when the token has one), `oaud` (the token's `aud`),
// `sub`, `amr` (multivalued) and `email`. GitHub tab (`token.actions.githubusercontent.com`): `actor`,
// `actor_id`, `job_workflow_ref`, `repository`, `repository_id`, `repository_owner_id`, `workflow`, `ref`,
// `environment`, `enterprise_id`, available in the trust policy but not in the session. Session tags add
// `aws:RequestTag/<key>`, `aws:TagKeys` and `sts:TransitiveTagKeys` ("Passing session tags in AWS STS").
import type { IdentityClaims } from './identity-claims.ts';
import type { SessionTags } from './session-tags.ts';

/** A condition-key value: one string, or a list for multivalued keys. */
export type ConditionValue = string | readonly string[];

export interface WebIdentityConditionContext {
  readonly entries: Readonly<Record<string, ConditionValue>>;
  /** Keys usable in the trust policy only (documented "Available in session: No"). */
  readonly trustPolicyOnlyKeys: readonly string[];
}

const GITHUB_PROVIDER = 'token.actions.githubusercontent.com';
const GITHUB_CLAIMS = [
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
] as const;

/** Builds the condition keys of a verified token for the provider whose URL is `keyPrefix`. */
export function conditionContext(
  keyPrefix: string,
  claims: IdentityClaims,
  audience: string,
  rawClaims: Readonly<Record<string, unknown>>,
  tags: SessionTags | undefined,
): WebIdentityConditionContext {
  const entries: Record<string, ConditionValue> = {};
  entries[`${keyPrefix}:aud`] = audience;
  entries[`${keyPrefix}:oaud`] = claims.aud.length === 1 && claims.aud[0] !== undefined ? claims.aud[0] : claims.aud;
  entries[`${keyPrefix}:sub`] = claims.sub;
  if (claims.amr !== undefined) entries[`${keyPrefix}:amr`] = claims.amr;
  if (claims.email !== undefined) entries[`${keyPrefix}:email`] = claims.email;
  const trustPolicyOnlyKeys: string[] = [];
  if (keyPrefix === GITHUB_PROVIDER) {
    for (const claim of GITHUB_CLAIMS) {
      const value = rawClaims[claim];
      if (typeof value !== 'string') continue;
      entries[`${keyPrefix}:${claim}`] = value;
      trustPolicyOnlyKeys.push(`${keyPrefix}:${claim}`);
    }
  }
  if (tags !== undefined) {
    for (const [key, value] of Object.entries(tags.principalTags)) entries[`aws:RequestTag/${key}`] = value;
    entries['aws:TagKeys'] = Object.keys(tags.principalTags);
    if (tags.transitiveTagKeys.length > 0) entries['sts:TransitiveTagKeys'] = tags.transitiveTagKeys;
  }
  return { entries, trustPolicyOnlyKeys };
}

/** The ARN of an IAM OIDC provider (the value of `aws:FederatedProvider` and of the trust policy's Federated principal). */
export function oidcProviderArn(partition: string, accountId: string, keyPrefix: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${keyPrefix}`;
}

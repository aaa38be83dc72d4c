// The text of AccessDenied errors, as AWS writes them since it began naming the policy type that
// refused a request (IAM User Guide, "Troubleshoot access denied error messages").
import type { Explanation, PolicyKind } from '../policy/index.ts';

const KIND_NAMES: Record<PolicyKind, string> = {
  IdentityPolicy: 'identity-based policy',
  PermissionsBoundary: 'permissions boundary',
  SessionPolicy: 'session policy',
  ResourcePolicy: 'resource-based policy',
  ServiceControlPolicy: 'service control policy',
  ResourceControlPolicy: 'resource control policy',
};

/** Why a request was refused, in AWS's words: "with an explicit deny in …" / "because no … allows …". */
export function denialReason(why: Explanation, action: string): string {
  if (why.decision === 'explicitDeny') {
    const kind = why.matchedStatements[0]?.source.kind ?? 'IdentityPolicy';
    // "an identity-based policy", "a service control policy": the article agrees with the noun.
    const name = KIND_NAMES[kind];
    return `with an explicit deny in ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  switch (why.basis) {
    case 'ServiceControlPolicy':
      return `because no service control policy allows the ${action} action`;
    case 'ResourcePolicy':
      return `because no resource-based policy allows the ${action} action`;
    case 'PermissionsBoundary':
      return `because no permissions boundary allows the ${action} action`;
    case 'SessionPolicy':
      return `because no session policy allows the ${action} action`;
    default:
      return `because no identity-based policy allows the ${action} action`;
  }
}

/**
 * `User: ARN is not authorized to perform: ACTION on resource: RESOURCE because …` — the message of
 * IAM, STS and S3 AccessDenied errors. Resource ARNs of the caller's own account only: the caller
 * learns nothing it could not name itself.
 */
export function accessDeniedMessage(callerArn: string, action: string, resource: string, why: Explanation): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ${denialReason(why, action)}`;
}

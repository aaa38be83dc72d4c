// Combining every applicable policy into one decision, as IAM does.
// IAM User Guide, "Policy evaluation logic" (and its sections "Determining whether a request is allowed
// or denied within an account", "Cross-account policy evaluation logic", "Policy evaluation for
// requests within a single account"), Organizations User Guide, "Service control policies" and
// "Resource control policies".
import type { CompiledPolicy } from './compile.ts';
import {
  ALLOW_DIRECT,
  ALLOW_MASK,
  ALLOW_ROLE,
  OUTCOME_DENY,
  evaluatePolicies,
  evaluatePolicy,
  type PreparedRequest,
} from './evaluate.ts';

/** Every policy that bears on one request. Omit what does not exist. */
export interface PolicySet {
  /** The principal's identity-based policies: inline, managed and its groups' (ORed together). */
  readonly identity?: readonly CompiledPolicy[];
  /** The principal's permissions boundary, when one is set. */
  readonly permissionsBoundary?: CompiledPolicy;
  /** The session policies passed when the session was created (inline and managed, ORed together). */
  readonly sessionPolicies?: readonly CompiledPolicy[];
  /** The resource-based policy of the resource (a bucket policy, a role's trust policy, ...). */
  readonly resourcePolicy?: CompiledPolicy;
  /**
   * True for role trust policies: an identity-based policy alone never lets a principal assume a
   * role; the trust policy must allow it too (IAM User Guide, "Roles terms and concepts": trust policy).
   */
  readonly resourcePolicyRequired?: boolean;
  /**
   * SCPs of the principal's account: one array per level of the organisation, root first, the account
   * last. Every level must allow. Omit for accounts outside an organisation and for the management
   * account, to which SCPs do not apply.
   */
  readonly scps?: readonly (readonly CompiledPolicy[])[];
  /**
   * RCPs of the resource's account, by level as for SCPs. `RCPFullAWSAccess` is attached at every level
   * and cannot be detached, so RCPs only restrict: their Deny statements count, nothing else.
   * Omit for accounts outside an organisation and for the management account.
   */
  readonly rcps?: readonly (readonly CompiledPolicy[])[];
}

/** The decision values of IAM's policy simulator. */
export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The layer of evaluation that settled the decision. */
export type DecisionBasis =
  | 'NoPermissionRequired'
  | 'ExplicitDeny'
  | 'ServiceControlPolicy'
  | 'ResourcePolicy'
  | 'IdentityPolicy'
  | 'PermissionsBoundary'
  | 'SessionPolicy'
  | 'RootUser';

/** A decision and the layer that settled it. Shared, frozen values: the hot path allocates nothing. */
export interface Decision {
  readonly decision: EvalDecision;
  readonly basis: DecisionBasis;
}

const decisions = new Map<string, Decision>();
function decision(value: EvalDecision, basis: DecisionBasis): Decision {
  const key = `${value}/${basis}`;
  let d = decisions.get(key);
  if (d === undefined) {
    d = Object.freeze({ decision: value, basis });
    decisions.set(key, d);
  }
  return d;
}

const NO_PERMISSION = decision('allowed', 'NoPermissionRequired');
const EXPLICIT_DENY = decision('explicitDeny', 'ExplicitDeny');
const DENY_SCP = decision('implicitDeny', 'ServiceControlPolicy');
const DENY_RESOURCE = decision('implicitDeny', 'ResourcePolicy');
const DENY_IDENTITY = decision('implicitDeny', 'IdentityPolicy');
const DENY_BOUNDARY = decision('implicitDeny', 'PermissionsBoundary');
const DENY_SESSION = decision('implicitDeny', 'SessionPolicy');
const ALLOW_RESOURCE = decision('allowed', 'ResourcePolicy');
const ALLOW_IDENTITY = decision('allowed', 'IdentityPolicy');
const ALLOW_ROOT = decision('allowed', 'RootUser');

/**
 * Actions that need no permission and that policies cannot deny: `sts:GetCallerIdentity`
 * (STS API Reference, "GetCallerIdentity": "No permissions are required ... even if ... explicitly
 * denies") and `sts:GetSessionToken` (IAM User Guide, "Permissions for GetSessionToken": "You cannot
 * use policies to control authentication operations").
 */
const NO_PERMISSION_ACTIONS: ReadonlySet<string> = new Set(['sts:getcalleridentity', 'sts:getsessiontoken']);

/**
 * The request as the resource policy sees it: a principal with a permissions boundary is marked, so
 * that a `NotPrincipal` Deny applies to it whatever it names (IAM User Guide, "AWS JSON policy elements:
 * NotPrincipal"). Copies the request only when a boundary and a resource policy meet and the caller did
 * not mark the principal already.
 */
export function withBoundaryMark(set: PolicySet, request: PreparedRequest): PreparedRequest {
  if (set.permissionsBoundary === undefined || set.resourcePolicy === undefined) return request;
  if (request.principal.permissionsBoundary === true) return request;
  return { ...request, principal: { ...request.principal, permissionsBoundary: true } };
}

/** Decides a prepared request against its policies, as IAM's evaluation logic does. */
export function decide(set: PolicySet, prepared: PreparedRequest): Decision {
  if (NO_PERMISSION_ACTIONS.has(prepared.action.lower)) return NO_PERMISSION;
  const request = withBoundaryMark(set, prepared);
  const principal = request.principal;

  // 1. An explicit Deny in any policy ends evaluation.
  const identity = set.identity !== undefined ? evaluatePolicies(set.identity, request) : 0;
  if (identity & OUTCOME_DENY) return EXPLICIT_DENY;
  const boundary = set.permissionsBoundary !== undefined ? evaluatePolicy(set.permissionsBoundary, request) : 0;
  if (boundary & OUTCOME_DENY) return EXPLICIT_DENY;
  const session = set.sessionPolicies !== undefined ? evaluatePolicies(set.sessionPolicies, request) : 0;
  if (session & OUTCOME_DENY) return EXPLICIT_DENY;
  const resource = set.resourcePolicy !== undefined ? evaluatePolicy(set.resourcePolicy, request) : 0;
  if (resource & OUTCOME_DENY) return EXPLICIT_DENY;
  // SCPs restrict principals of member accounts; service-linked roles are exempt.
  const scpApplies = set.scps !== undefined && principal.serviceLinkedRole !== true;
  let scpAllowsAll = true;
  if (scpApplies && set.scps !== undefined) {
    for (const level of set.scps) {
      const o = evaluatePolicies(level, request);
      if (o & OUTCOME_DENY) return EXPLICIT_DENY;
      if ((o & ALLOW_MASK) === 0) scpAllowsAll = false;
    }
  }
  // 2. RCPs: only their Deny statements restrict (RCPFullAWSAccess allows the rest).
  if (set.rcps !== undefined) {
    for (const level of set.rcps) if (evaluatePolicies(level, request) & OUTCOME_DENY) return EXPLICIT_DENY;
  }
  // 3. SCPs: an Allow is needed at every level of the organisation.
  if (!scpAllowsAll) return DENY_SCP;

  const sameAccount = principal.accountId !== undefined && request.resourceAccount === principal.accountId;
  const resourceAllow = resource & ALLOW_MASK;

  // The root user has every permission in its own account; elsewhere the resource policy must allow.
  if (principal.type === 'Root') {
    if (!sameAccount || set.resourcePolicyRequired === true) return resourceAllow > 0 ? ALLOW_RESOURCE : DENY_RESOURCE;
    return resourceAllow > 0 ? ALLOW_RESOURCE : ALLOW_ROOT;
  }

  // 4. Resource-based policy.
  if (sameAccount || principal.accountId === undefined) {
    // Within an account, a resource policy that names the user, the role session (or everyone) grants
    // on its own; one that names the role is still limited by the boundary and the session policies;
    // one that names only the account delegates to identity-based policies.
    if (resourceAllow === ALLOW_DIRECT) return ALLOW_RESOURCE;
    if (resourceAllow === ALLOW_ROLE) {
      if (set.permissionsBoundary !== undefined && (boundary & ALLOW_MASK) === 0) return DENY_BOUNDARY;
      if (set.sessionPolicies !== undefined && (session & ALLOW_MASK) === 0) return DENY_SESSION;
      return ALLOW_RESOURCE;
    }
    if (set.resourcePolicyRequired === true && resourceAllow === 0) return DENY_RESOURCE;
  } else if (resourceAllow === 0) {
    // Cross-account: the resource's side must allow as well as the principal's.
    return DENY_RESOURCE;
  }
  // Principals without identity-based policies (anonymous, services, federated web identities)
  // are only ever granted by resource-based policies.
  if (principal.type !== 'User' && principal.type !== 'AssumedRole' && principal.type !== 'FederatedUser') {
    return set.resourcePolicy !== undefined ? DENY_RESOURCE : DENY_IDENTITY;
  }

  // 5. Identity-based policies, then the limits on them.
  if ((identity & ALLOW_MASK) === 0) return DENY_IDENTITY;
  if (set.permissionsBoundary !== undefined && (boundary & ALLOW_MASK) === 0) return DENY_BOUNDARY;
  if (set.sessionPolicies !== undefined && (session & ALLOW_MASK) === 0) return DENY_SESSION;
  return ALLOW_IDENTITY;
}

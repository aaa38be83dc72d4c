// Policy size limits, counted as each service counts them.
// - IAM (IAM User Guide, "IAM and AWS STS quotas"): managed policy 6,144 characters; inline policies
//   counted together per entity: user 2,048, group 5,120, role 10,240; role trust policy 2,048 (adjustable
//   to 4,096). "IAM does not count white space when calculating the size of a policy against these quotas."
//   Refusals: LimitExceeded (409) "Cannot exceed quota for PolicySize: 6144", "Maximum policy size of 10240
//   bytes exceeded for role NAME", "Cannot exceed quota for ACLSizePerRole: 2048".
// - Organizations ("SCP syntax", "RCP syntax", "Quotas for AWS Organizations"): SCPs and RCPs 5,120
//   characters, and "All characters in your SCP count against its maximum size" — white space included.
//   Refusal: ConstraintViolationException, reason POLICY_CONTENT_LIMIT_EXCEEDED, "You have exceeded the
//   maximum policy size."
// - STS (STS API Reference, "AssumeRole", Policy parameter: length 1–2,048): the session policy's plain
//   text, white space included. Refusal: ValidationError "1 validation error detected: Value '...' at
//   'policy' failed to satisfy constraint: Member must have length less than or equal to 2048". (STS also
//   packs session policies and tags into a binary form with its own limit, PackedPolicyTooLarge; that
//   depends on the tags and is STS's to check.)

import type { PolicyError } from './errors.ts';

/** Which limit a document is held to. */
export type PolicySizeKind = 'MANAGED' | 'USER_INLINE' | 'GROUP_INLINE' | 'ROLE_INLINE' | 'TRUST' | 'SCP' | 'RCP' | 'SESSION';

/** What a size refusal names besides the policy: the IAM entity, and the account's trust policy quota. */
export interface PolicySizeContext {
  /** The user, group or role the inline policy belongs to (IAM names it in the message). */
  readonly entityName?: string;
  /** The account's "Role trust policy length" quota, when raised from 2,048 (at most 4,096). */
  readonly trustPolicyQuota?: number;
}

/** The default limit for each kind, in characters. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicySizeKind, number>> = {
  MANAGED: 6144,
  USER_INLINE: 2048,
  GROUP_INLINE: 5120,
  ROLE_INLINE: 10240,
  TRUST: 2048,
  SCP: 5120,
  RCP: 5120,
  SESSION: 2048,
};

/** The size IAM counts: characters, not counting white space outside JSON strings. */
export function policySize(text: string): number {
  let size = 0;
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      size += 1;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    size += 1;
    if (ch === '"') inString = true;
  }
  return size;
}

/** Characters, white space included (Organizations and STS count this way). */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Checks a document against its kind's limit. For inline policies, `otherPoliciesTotal` is the IAM size of
 * the entity's other inline policies (they share one quota). Returns the refusal AWS gives, or undefined.
 */
export function checkPolicySize(
  text: string,
  kind: PolicySizeKind,
  otherPoliciesTotal = 0,
  context: PolicySizeContext = {},
): PolicyError | undefined {
  const name = context.entityName === undefined ? '' : ` ${context.entityName}`;
  switch (kind) {
    case 'MANAGED': {
      const limit = POLICY_SIZE_LIMITS.MANAGED;
      const size = policySize(text);
      return size > limit ? limitExceeded(`Cannot exceed quota for PolicySize: ${limit}`, size, limit) : undefined;
    }
    case 'USER_INLINE':
    case 'GROUP_INLINE':
    case 'ROLE_INLINE': {
      const limit = POLICY_SIZE_LIMITS[kind];
      const size = policySize(text) + otherPoliciesTotal;
      const entity = kind === 'USER_INLINE' ? 'user' : kind === 'GROUP_INLINE' ? 'group' : 'role';
      return size > limit
        ? limitExceeded(`Maximum policy size of ${limit} bytes exceeded for ${entity}${name}`, size, limit)
        : undefined;
    }
    case 'TRUST': {
      const limit = context.trustPolicyQuota ?? POLICY_SIZE_LIMITS.TRUST;
      const size = policySize(text);
      return size > limit ? limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${limit}`, size, limit) : undefined;
    }
    case 'SCP':
    case 'RCP': {
      const limit = POLICY_SIZE_LIMITS[kind];
      const size = characterCount(text);
      if (size <= limit) return undefined;
      return {
        code: 'ConstraintViolationException',
        httpStatus: 400,
        message: 'You have exceeded the maximum policy size.',
        issue: 'POLICY_TOO_LARGE',
        awsRejects: true,
        element: 'Policy',
        reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
        detail: `${size} > ${limit}`,
      };
    }
    case 'SESSION': {
      const limit = POLICY_SIZE_LIMITS.SESSION;
      const size = characterCount(text);
      if (size <= limit) return undefined;
      return {
        code: 'ValidationError',
        httpStatus: 400,
        message:
          `1 validation error detected: Value '${text}' at 'policy' failed to satisfy constraint: ` +
          `Member must have length less than or equal to ${limit}`,
        issue: 'POLICY_TOO_LARGE',
        awsRejects: true,
        element: 'Policy',
        detail: `${size} > ${limit}`,
      };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown policy size kind ${String(unknown)}`);
    }
  }
}

function limitExceeded(message: string, size: number, limit: number): PolicyError {
  return {
    code: 'LimitExceeded',
    httpStatus: 409,
    message,
    issue: 'POLICY_TOO_LARGE',
    awsRejects: true,
    element: 'Policy',
    detail: `${size} > ${limit}`,
  };
}

// Session policies passed to AssumeRole and AssumeRoleWithWebIdentity. IAM User Guide, "Session
// policies" and STS API Reference, "AssumeRole" (Policy, PolicyArns): the inline policy is a
// SESSION_POLICY document of at most 2,048 characters, refused with MalformedPolicyDocument and the
// parser's message; at most 10 managed policies, which must exist and be AWS managed or in the role's
// account ("Customer managed policies must be in the same AWS account as the role").
import { awsError, isAwsErrorCode, parsePolicyArn, validationError } from '../aws/index.ts';
import type { IamSnapshot } from '../identity/index.ts';
import { checkPolicySize, parsePolicy } from '../policy/index.ts';

/** The session policies of a request, checked. */
export interface SessionPolicies {
  readonly inline: string | undefined;
  readonly arns: readonly string[];
}

const MAX_POLICY_ARNS = 10;

/** Checks the request's session policies; throws the AWS error for the first problem. */
export function readSessionPolicies(
  snapshot: IamSnapshot,
  roleAccountId: string,
  policy: string | undefined,
  policyArns: readonly { readonly arn?: string | undefined }[] | undefined,
): SessionPolicies {
  if (policy !== undefined) {
    const tooLarge = checkPolicySize(policy, 'SESSION');
    if (tooLarge !== undefined) throw awsError(isAwsErrorCode(tooLarge.code) ? tooLarge.code : 'ValidationError', tooLarge.message);
    const parsed = parsePolicy(policy, { policyType: 'SESSION_POLICY' });
    if (!parsed.ok) {
      const first = parsed.errors[0];
      const code = first !== undefined && isAwsErrorCode(first.code) ? first.code : 'MalformedPolicyDocument';
      throw awsError(code, first?.message ?? 'Syntax errors in policy.', { detail: first?.detail });
    }
  }
  const arns = (policyArns ?? []).map((p) => p.arn ?? '');
  if (arns.length > MAX_POLICY_ARNS) {
    throw validationError([
      { path: 'policyArns', value: `[${arns.join(', ')}]`, constraint: `Member must have length less than or equal to ${MAX_POLICY_ARNS}` },
    ]);
  }
  for (const arn of arns) {
    const parsed = parsePolicyArn(arn, 'sts');
    if (!parsed.ok) throw parsed.error;
    const owner = parsed.value.accountId;
    if ((owner !== 'aws' && owner !== roleAccountId) || snapshot.managedPolicy(arn) === undefined) {
      // podiam's wording: AWS's text for a missing session policy ARN is not public.
      throw awsError('MalformedPolicyDocument', `The policy ${arn} does not exist or is not in the role's account.`);
    }
  }
  return { inline: policy, arns };
}

/** The token's `sp` claim for these policies (absent when there are none). */
export function sessionPolicyClaims(policies: SessionPolicies): { sp?: { inline?: string; arns?: readonly string[] } } {
  if (policies.inline === undefined && policies.arns.length === 0) return {};
  return { sp: { ...(policies.inline !== undefined ? { inline: policies.inline } : {}), ...(policies.arns.length > 0 ? { arns: policies.arns } : {}) } };
}

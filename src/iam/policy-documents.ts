// Policy documents checked on write as IAM checks them (IAM User Guide, "IAM JSON policy element
// reference", "IAM and AWS STS quotas"): the engine's grammar for the policy type, IAM's size quotas
// (white space not counted), and, for role trust policies, principals that must exist.
import { awsError, type AwsError } from '../aws/index.ts';
import type { IamSnapshot } from '../identity/index.ts';
import { checkPolicySize, parsePolicy, policySize, type PolicyDocument, type PolicyError, type PolicySizeKind } from '../policy/index.ts';

function refusal(error: PolicyError): AwsError {
  return awsError(error.code, error.message, { ...(error.detail !== undefined ? { detail: error.detail } : {}) });
}

function parsed(text: string, policyType: 'IDENTITY_POLICY' | 'TRUST_POLICY', managed: boolean): PolicyDocument {
  const result = parsePolicy(text, { policyType, managed });
  if (!result.ok) {
    const first = result.errors[0];
    throw first === undefined ? awsError('MalformedPolicyDocument', 'Syntax errors in policy.') : refusal(first);
  }
  return result.policy;
}

function sized(text: string, kind: PolicySizeKind, others = 0, entityName?: string): void {
  const tooLarge = checkPolicySize(text, kind, others, entityName !== undefined ? { entityName } : {});
  if (tooLarge !== undefined) throw refusal(tooLarge);
}

/** The size IAM counts for a document (for the inline policies' shared quota). */
export function documentSize(text: string): number {
  return policySize(text);
}

/**
 * An inline policy (Put{User,Group,Role}Policy): the identity policy grammar, and the entity's inline
 * quota shared with its other inline policies (`others`: their total size).
 */
export function checkInlineDocument(text: string, kind: 'USER_INLINE' | 'GROUP_INLINE' | 'ROLE_INLINE', others: number, entityName: string): void {
  parsed(text, 'IDENTITY_POLICY', false);
  sized(text, kind, others, entityName);
}

/** A managed policy version (CreatePolicy, CreatePolicyVersion): Version 2012-10-17 required, 6,144 characters. */
export function checkManagedDocument(text: string): void {
  parsed(text, 'IDENTITY_POLICY', true);
  sized(text, 'MANAGED');
}

const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(role|user)(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

/**
 * A role trust policy (CreateRole, UpdateAssumeRolePolicy): the trust policy grammar, 2,048 characters
 * ("ACLSizePerRole"), and every IAM role or user it names as an AWS principal must exist (IAM User Guide,
 * "AWS JSON policy elements: Principal": IAM resolves role and user principals when the policy is
 * saved; one that does not exist is refused with `Invalid principal in policy: "AWS":"<arn>"`).
 * Account principals (`123456789012`, `arn:aws:iam::123456789012:root`) are not checked.
 */
export function checkTrustDocument(text: string, snapshot: IamSnapshot): void {
  const policy = parsed(text, 'TRUST_POLICY', false);
  sized(text, 'TRUST');
  for (const statement of policy.statements) {
    for (const principal of statement.principal?.principals.aws ?? []) {
      const match = IAM_PRINCIPAL_ARN.exec(principal);
      if (match === null) continue;
      const [, accountId = '', kind, path = '/', name = ''] = match;
      const arn = kind === 'role' ? snapshot.role(accountId, name)?.arn : snapshot.user(accountId, name)?.arn;
      if (arn === undefined || arn !== `arn:aws:iam::${accountId}:${kind ?? ''}${path}${name}`) {
        throw awsError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${principal}"`);
      }
    }
  }
}

// Checking an SCP's or RCP's document on CreatePolicy and UpdatePolicy (Organizations User Guide, "SCP
// syntax" and "RCP syntax"; "Quotas for AWS Organizations": 5,120 characters, white space included):
// too large is ConstraintViolationException with reason POLICY_CONTENT_LIMIT_EXCEEDED, anything the
// grammar refuses is MalformedPolicyDocumentException, both as the policy engine reports them.
import { awsError } from '../aws/index.ts';
import { checkPolicySize, parsePolicy } from '../policy/index.ts';
import type { OrgPolicyType } from '../store/index.ts';
import { constraintViolation } from './org-errors.ts';

/** Throws the error AWS gives unless the content is a valid policy of the type. */
export function checkPolicyContent(content: string, type: OrgPolicyType): void {
  const sizeError = checkPolicySize(content, type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP');
  if (sizeError !== undefined) throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', sizeError.detail);
  const parsed = parsePolicy(content, { policyType: type });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const detail = parsed.errors.map((e) => `${e.issue}: ${e.detail ?? e.message}`).join('; ');
    // The engine reports SCP/RCP grammar errors with Organizations' code and message.
    throw awsError('MalformedPolicyDocumentException', first?.message ?? 'The provided policy document does not meet the requirements of the specified policy type.', {
      detail,
    });
  }
}

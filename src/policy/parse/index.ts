// The IAM policy parser: JSON policy documents to typed PolicyDocuments, with AWS's own refusals.

export { parsePolicy, type ParseOptions, type ParseResult } from './parse-policy.ts';
export type { PolicyError, PolicyErrorCode, PolicyIssue } from './errors.ts';
export {
  checkPolicySize,
  policySize,
  POLICY_SIZE_LIMITS,
  type PolicySizeContext,
  type PolicySizeKind,
} from './policy-size.ts';

// podiam's IAM policy engine: parse, validate, compile, evaluate and explain IAM policies exactly as
// AWS does. Pure: no I/O; everything it needs comes in as arguments. Also published as `podiam/policy`.
import type { PolicyType } from './ast.ts';
import { compilePolicy, type CompiledPolicy, type PolicySource } from './compile.ts';
import { decide, type Decision, type PolicySet } from './decide.ts';
import { prepareRequest, type AuthorizationRequest } from './evaluate.ts';
import { parsePolicy, type PolicyError } from './parse/index.ts';

export type * from './ast.ts';
export { RequestContext } from './context.ts';
export type { ContextValue } from './context.ts';
export type { PrincipalType, RequestPrincipal, PrincipalMatch } from './principal.ts';
export { accountOfPrincipalValue } from './principal.ts';
export { compilePolicy } from './compile.ts';
export type { CompiledPolicy, CompiledStatement, PolicyKind, PolicySource } from './compile.ts';
export { prepareRequest, evaluatePolicy } from './evaluate.ts';
export type { AuthorizationRequest, PreparedRequest } from './evaluate.ts';
export { decide } from './decide.ts';
export type { Decision, DecisionBasis, EvalDecision, PolicySet } from './decide.ts';
export { explain } from './explain.ts';
export type { Explanation, StatementTrace } from './explain.ts';
export { parsePolicy, policySize, checkPolicySize } from './parse/index.ts';
export type { ParseResult, PolicyError, PolicyErrorCode, PolicySizeKind } from './parse/index.ts';
export { parseOperator } from './condition/index.ts';
export type { OperatorSpec } from './condition/index.ts';
export * from './simulate/index.ts';
export { analyzePolicy, locateFindings, syntaxFindings } from './analyze/index.ts';
export type { Finding, Location, PathElement, ServiceCatalog, Span } from './analyze/index.ts';

/** Parses and compiles a policy document in one step. */
export function loadPolicy(
  input: string | unknown,
  options: { policyType: PolicyType; source: PolicySource },
): { ok: true; policy: CompiledPolicy } | { ok: false; errors: PolicyError[] } {
  const parsed = parsePolicy(input, { policyType: options.policyType });
  if (!parsed.ok) return parsed;
  return { ok: true, policy: compilePolicy(parsed.policy, options.source) };
}

/** Decides one request against its policies (prepares the request, then `decide`). */
export function authorize(set: PolicySet, request: AuthorizationRequest): Decision {
  return decide(set, prepareRequest(request));
}

// Evaluating one compiled policy against one request: which of its statements apply.
// IAM User Guide, "Policy evaluation logic": a statement applies when its principal (if any), action,
// resource (if any) and every condition match the request.
import { requestAction, type RequestAction } from './action.ts';
import type { CompiledPolicy, CompiledStatement } from './compile.ts';
import type { RequestContext } from './context.ts';
import type { PrincipalMatch, RequestPrincipal } from './principal.ts';
import { requestResource, type RequestResource } from './resource.ts';

/** What a request asks: who does which action on which resource, in which context. */
export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** The resource ARN, or `*` for actions that support no resource-level permissions. */
  readonly resource: string;
  /** The account that owns the resource; defaults to the principal's account. */
  readonly resourceAccount?: string;
  readonly context: RequestContext;
}

/** A request prepared once for every policy that evaluates it. */
export interface PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly action: RequestAction;
  readonly resource: RequestResource;
  readonly resourceAccount: string | undefined;
  readonly context: RequestContext;
}

/** Prepares a request: lower-cases the action and splits the resource ARN once. */
export function prepareRequest(request: AuthorizationRequest): PreparedRequest {
  return {
    principal: request.principal,
    action: requestAction(request.action),
    resource: requestResource(request.resource),
    resourceAccount: request.resourceAccount ?? request.principal.accountId,
    context: request.context,
  };
}

/**
 * The outcome of one policy as a small integer, so the hot path allocates nothing:
 * bit 3 set = an applicable Deny; the low bits = the strongest applicable Allow
 * (0 none, 1 it names the caller's account, 2 it names the caller's role, 3 it names the caller
 * itself or everyone — identity-based policies, which name no principal, count as 3).
 */
export type PolicyOutcome = number;
export const OUTCOME_DENY = 8;
export const ALLOW_MASK = 7;
export const ALLOW_ACCOUNT = 1;
export const ALLOW_ROLE = 2;
export const ALLOW_DIRECT = 3;

function allowStrength(match: PrincipalMatch): number {
  switch (match) {
    case 'account':
      return ALLOW_ACCOUNT;
    case 'role':
      return ALLOW_ROLE;
    case 'exact':
    case 'wildcard':
      return ALLOW_DIRECT;
    default: {
      const never: never = match;
      return never;
    }
  }
}

/** The principal match of a statement that applies to the request, or undefined when it does not apply. */
export function statementApplies(s: CompiledStatement, request: PreparedRequest): PrincipalMatch | undefined {
  if (!s.action(request.action)) return undefined;
  let match: PrincipalMatch = 'exact';
  if (s.principal !== undefined) {
    const m = s.principal(request.principal);
    if (m === undefined) return undefined;
    match = m;
  }
  if (s.resource !== undefined && !s.resource(request.resource, request.context)) return undefined;
  if (s.conditions !== undefined && !s.conditions.test(request.context)) return undefined;
  return match;
}

/** Evaluates one policy: which effects its applicable statements have (see `PolicyOutcome`). */
export function evaluatePolicy(policy: CompiledPolicy, request: PreparedRequest): PolicyOutcome {
  let allow = 0;
  const statements = policy.statementsFor(request.action.service);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i] as CompiledStatement;
    const match = statementApplies(s, request);
    if (match === undefined) continue;
    if (s.deny) return OUTCOME_DENY | allow;
    const strength = allowStrength(match);
    if (strength > allow) allow = strength;
  }
  return allow;
}

/** Evaluates several policies of the same kind together (their statements are ORed). */
export function evaluatePolicies(policies: readonly CompiledPolicy[], request: PreparedRequest): PolicyOutcome {
  let out = 0;
  for (let i = 0; i < policies.length; i++) {
    const o = evaluatePolicy(policies[i] as CompiledPolicy, request);
    if (o & OUTCOME_DENY) return o | (out & ALLOW_MASK);
    if ((o & ALLOW_MASK) > (out & ALLOW_MASK)) out = o;
  }
  return out;
}

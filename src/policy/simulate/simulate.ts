// The IAM policy simulator's evaluation: one result per action and resource, as
// `SimulateCustomPolicy` / `SimulatePrincipalPolicy` return them (IAM API Reference, "EvaluationResult",
// "ResourceSpecificResult", "Statement", "OrganizationsDecisionDetail",
// "PermissionsBoundaryDecisionDetail").
import type { CompiledPolicy } from '../compile.ts';
import type { RequestContext } from '../context.ts';
import { withBoundaryMark, type PolicySet } from '../decide.ts';
import { ALLOW_MASK, OUTCOME_DENY, evaluatePolicies, evaluatePolicy, prepareRequest, type PreparedRequest } from '../evaluate.ts';
import { explain, type StatementTrace } from '../explain.ts';
import type { RequestPrincipal } from '../principal.ts';
import { statementSpans, type StatementSpan, type Position } from './positions.ts';

/** A policy given to the simulator: its id and type as the response reports them, its text and compiled form. */
export interface SimulationPolicy {
  readonly id: string;
  /** `SourcePolicyType`: IAM returns `IAM Policy` for custom policies, else user | group | role | aws-managed | user-managed | resource | none. */
  readonly type: string;
  readonly text: string;
  readonly compiled: CompiledPolicy;
}

/** Everything one simulation evaluates. */
export interface SimulationInput {
  readonly identity: readonly SimulationPolicy[];
  readonly permissionsBoundary?: SimulationPolicy;
  readonly sessionPolicies?: readonly SimulationPolicy[];
  readonly resourcePolicy?: SimulationPolicy;
  readonly scps?: readonly (readonly SimulationPolicy[])[];
  readonly rcps?: readonly (readonly SimulationPolicy[])[];
  readonly actions: readonly string[];
  /** Resource ARNs; `undefined` means IAM's default `*` (and no resource-specific results). */
  readonly resources?: readonly string[];
  readonly principal: RequestPrincipal;
  /** The account that owns the resources; defaults to the caller's. */
  readonly resourceOwnerAccount?: string;
  /** The resource policy is a role trust policy: it must allow on its own. */
  readonly resourcePolicyRequired?: boolean;
  readonly context: RequestContext;
}

/** The simulator's `Statement` shape. */
export interface MatchedStatement {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: string;
  readonly StartPosition?: Position;
  readonly EndPosition?: Position;
}

/** The simulator's `ResourceSpecificResult` shape. */
export interface ResourceSpecificResult {
  readonly EvalResourceName: string;
  readonly EvalResourceDecision: string;
  readonly MatchedStatements: MatchedStatement[];
  readonly MissingContextValues: string[];
  readonly EvalDecisionDetails?: Record<string, string>;
  readonly PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

/** The simulator's `EvaluationResult` shape, plus podiam's `Explanation` (why, in words). */
export interface EvaluationResult {
  readonly EvalActionName: string;
  readonly EvalResourceName: string;
  readonly EvalDecision: string;
  readonly MatchedStatements: MatchedStatement[];
  readonly MissingContextValues: string[];
  readonly OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
  readonly PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  readonly EvalDecisionDetails?: Record<string, string>;
  readonly ResourceSpecificResults?: ResourceSpecificResult[];
  readonly Explanation: string;
}

function compiledOf(list: readonly SimulationPolicy[] | undefined): CompiledPolicy[] | undefined {
  return list === undefined ? undefined : list.map((p) => p.compiled);
}

function policySet(input: SimulationInput): PolicySet {
  const identity = compiledOf(input.identity);
  const sessionPolicies = compiledOf(input.sessionPolicies);
  return {
    ...(identity !== undefined ? { identity } : {}),
    ...(input.permissionsBoundary !== undefined ? { permissionsBoundary: input.permissionsBoundary.compiled } : {}),
    ...(sessionPolicies !== undefined ? { sessionPolicies } : {}),
    ...(input.resourcePolicy !== undefined ? { resourcePolicy: input.resourcePolicy.compiled } : {}),
    ...(input.resourcePolicyRequired === true ? { resourcePolicyRequired: true } : {}),
    ...(input.scps !== undefined ? { scps: input.scps.map((level) => level.map((p) => p.compiled)) } : {}),
    ...(input.rcps !== undefined ? { rcps: input.rcps.map((level) => level.map((p) => p.compiled)) } : {}),
  };
}

function allPolicies(input: SimulationInput): SimulationPolicy[] {
  return [
    ...input.identity,
    ...(input.permissionsBoundary !== undefined ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
    ...(input.resourcePolicy !== undefined ? [input.resourcePolicy] : []),
    ...(input.scps ?? []).flat(),
    ...(input.rcps ?? []).flat(),
  ];
}

function allowsWithoutDeny(outcome: number): boolean {
  return (outcome & OUTCOME_DENY) === 0 && (outcome & ALLOW_MASK) > 0;
}

/** Runs the simulation: one result per action and resource, in the order given. */
export function simulate(input: SimulationInput): EvaluationResult[] {
  const set = policySet(input);
  const byCompiled = new Map<CompiledPolicy, { policy: SimulationPolicy; spans: StatementSpan[] }>();
  for (const policy of allPolicies(input)) byCompiled.set(policy.compiled, { policy, spans: statementSpans(policy.text) });
  const toMatched = (trace: StatementTrace): MatchedStatement | undefined => {
    for (const [compiled, entry] of byCompiled) {
      if (compiled.source !== trace.source) continue;
      const span = entry.spans[trace.statementIndex];
      return {
        SourcePolicyId: entry.policy.id,
        SourcePolicyType: entry.policy.type,
        ...(span !== undefined ? { StartPosition: span.start, EndPosition: span.end } : {}),
      };
    }
    return undefined;
  };
  const resources = input.resources ?? ['*'];
  const results: EvaluationResult[] = [];
  for (const action of input.actions) {
    for (const resource of resources) {
      const request = prepareRequest({
        principal: input.principal,
        action,
        resource,
        ...(input.resourceOwnerAccount !== undefined ? { resourceAccount: input.resourceOwnerAccount } : {}),
        context: input.context,
      });
      const why = explain(set, request);
      const matched = why.matchedStatements.map(toMatched).filter((m): m is MatchedStatement => m !== undefined);
      const missing = [...why.missingContextValues];
      const boundaryDetail =
        set.permissionsBoundary !== undefined
          ? { AllowedByPermissionsBoundary: allowsWithoutDeny(evaluatePolicy(set.permissionsBoundary, request)) }
          : undefined;
      // Present (empty) for same-account simulations that name resources; absent for `*` alone.
      const details = crossAccountDetails(set, request) ?? (input.resources !== undefined ? {} : undefined);
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: why.decision,
        MatchedStatements: matched,
        MissingContextValues: missing,
        ...(set.scps !== undefined ? { OrganizationsDecisionDetail: { AllowedByOrganizations: organizationsAllow(set.scps, request) } } : {}),
        ...(boundaryDetail !== undefined ? { PermissionsBoundaryDecisionDetail: boundaryDetail } : {}),
        ...(details !== undefined ? { EvalDecisionDetails: details } : {}),
        ...(input.resources !== undefined
          ? {
              ResourceSpecificResults: [
                {
                  EvalResourceName: resource,
                  EvalResourceDecision: why.decision,
                  MatchedStatements: matched,
                  MissingContextValues: missing,
                  ...(details !== undefined ? { EvalDecisionDetails: details } : {}),
                  ...(boundaryDetail !== undefined ? { PermissionsBoundaryDecisionDetail: boundaryDetail } : {}),
                },
              ],
            }
          : {}),
        Explanation: why.summary,
      });
    }
  }
  return results;
}

function organizationsAllow(levels: readonly (readonly CompiledPolicy[])[], request: PreparedRequest): boolean {
  return levels.every((level) => allowsWithoutDeny(evaluatePolicies(level, request)));
}

/**
 * `EvalDecisionDetails`: for cross-account simulations, how each side decided on its own
 * (IAM API Reference, "EvaluationResult": populated only for cross-account simulations).
 */
function crossAccountDetails(set: PolicySet, request: PreparedRequest): Record<string, string> | undefined {
  const account = request.principal.accountId;
  if (account === undefined || request.resourceAccount === undefined || request.resourceAccount === account) return undefined;
  const side = (outcome: number): string =>
    outcome & OUTCOME_DENY ? 'explicitDeny' : (outcome & ALLOW_MASK) > 0 ? 'allowed' : 'implicitDeny';
  const details: Record<string, string> = {};
  details['IAM Policy'] = side(set.identity !== undefined ? evaluatePolicies(set.identity, request) : 0);
  if (set.resourcePolicy !== undefined) details['Resource Policy'] = side(evaluatePolicy(set.resourcePolicy, withBoundaryMark(set, request)));
  return details;
}

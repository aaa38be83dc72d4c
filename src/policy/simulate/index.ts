// The IAM policy simulator: SimulateCustomPolicy's request and response over podiam's engine.
export { simulate } from './simulate.ts';
export type { EvaluationResult, MatchedStatement, ResourceSpecificResult, SimulationInput, SimulationPolicy } from './simulate.ts';
export { simulateCustomPolicy, contextFromEntries, callerPrincipal } from './custom-policy.ts';
export type {
  ContextEntry,
  OrganizationLevelInput,
  SimulateCustomPolicyRequest,
  SimulatePolicyResponse,
  SimulationError,
  SimulationOutcome,
} from './custom-policy.ts';
export { statementSpans } from './positions.ts';
export type { Position, StatementSpan } from './positions.ts';

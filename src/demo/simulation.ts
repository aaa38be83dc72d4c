// Calls podiam cannot serve (EC2, EKS) checked as `aws iam simulate-principal-policy` checks them: the
// principal's own policies decide the action on the resource, and the result says which statement
// allowed it or that none did.
import { SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import type { DemoContext } from './demo-context.ts';
import { failureOf } from './aws-failure.ts';
import type { Expectation, Observation } from './outcome.ts';

/** A request to simulate for a principal. */
export interface SimulatedCall {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
}

/** The observation a simulation result amounts to, with its explanation. */
export function simulationObservation(call: SimulatedCall, result: EvaluationResult | undefined): Observation {
  if (result === undefined) return { kind: 'refused', code: 'NoResult', reason: 'the simulation returned no result' };
  const matched = (result.MatchedStatements ?? []).map((s) => {
    const line = s.StartPosition?.Line;
    return `${s.SourcePolicyType ?? ''} policy ${s.SourcePolicyId ?? '?'}${line !== undefined ? `, statement at line ${line}` : ''}`.trim();
  });
  const missing = result.MissingContextValues ?? [];
  const missingText = missing.length > 0 ? `; the request did not give ${missing.join(', ')}` : '';
  switch (result.EvalDecision) {
    case 'allowed':
      return { kind: 'allowed', detail: `simulated: allowed by ${matched.join(', ')}` };
    case 'explicitDeny':
      return { kind: 'refused', code: 'explicitDeny', reason: `simulated: denied by ${matched.join(', ')}` };
    case 'implicitDeny':
      return { kind: 'refused', code: 'implicitDeny', reason: `simulated: no statement of the principal's policies allows ${call.action} on ${call.resource}${missingText}` };
    default:
      return { kind: 'refused', code: String(result.EvalDecision), reason: 'simulated: unexpected decision' };
  }
}

/** Simulates the call with the principal's policies and records the result against the expectation. */
export async function checkSimulated(ctx: DemoContext, label: string, call: SimulatedCall, expected: Expectation): Promise<boolean> {
  let observed: Observation;
  try {
    const out = await ctx.admin.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: call.principalArn,
        ActionNames: [call.action],
        ResourceArns: [call.resource],
        ...(call.context !== undefined
          ? { ContextEntries: Object.entries(call.context).map(([ContextKeyName, value]) => ({ ContextKeyName, ContextKeyValues: [value], ContextKeyType: 'string' as const })) }
          : {}),
      }),
    );
    observed = simulationObservation(call, out.EvaluationResults?.[0]);
  } catch (err) {
    const failure = failureOf(err);
    observed = { kind: 'refused', code: failure.code, reason: failure.message };
  }
  return ctx.log.record(label, expected, observed);
}

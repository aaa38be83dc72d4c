import { describe, expect, it } from 'vitest';
import { simulationObservation } from './simulation.ts';

const call = { principalArn: 'arn:aws:iam::123456789012:role/DevTeamBRole', action: 'ec2:TerminateInstances', resource: '*' };

describe('IAM API Reference, "EvaluationResult": a simulation read as allowed or refused, with why', () => {
  it('allowed names the policy and the line of the statement that matched', () => {
    const observed = simulationObservation(call, {
      EvalActionName: 'ec2:DescribeInstances',
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'DevTeamBPolicy', SourcePolicyType: 'role', StartPosition: { Line: 4, Column: 5 } }],
    });
    expect(observed).toEqual({ kind: 'allowed', detail: 'simulated: allowed by role policy DevTeamBPolicy, statement at line 4' });
  });

  it('implicitDeny says no statement allows it, and which context keys the request lacked', () => {
    const observed = simulationObservation(call, { EvalActionName: call.action, EvalDecision: 'implicitDeny', MissingContextValues: ['aws:RequestTag/Department'] });
    expect(observed).toEqual({
      kind: 'refused',
      code: 'implicitDeny',
      reason: "simulated: no statement of the principal's policies allows ec2:TerminateInstances on *; the request did not give aws:RequestTag/Department",
    });
  });

  it('explicitDeny names the denying statement', () => {
    const observed = simulationObservation(call, {
      EvalActionName: call.action,
      EvalDecision: 'explicitDeny',
      MatchedStatements: [{ SourcePolicyId: 'Guardrail', SourcePolicyType: 'role' }],
    });
    expect(observed).toMatchObject({ kind: 'refused', code: 'explicitDeny', reason: 'simulated: denied by role policy Guardrail' });
  });

  it('no result is not an answer', () => {
    expect(simulationObservation(call, undefined)).toMatchObject({ kind: 'refused', code: 'NoResult' });
  });
});

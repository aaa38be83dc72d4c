// `aws iam simulate-custom-policy` against a started `podiam serve`: the evaluation rules an
// independent acceptance pass found missing (a policy variable with no value under negated operators,
// NotPrincipal with a permissions boundary), plus the set-operator and IfExists rules on absent keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;

beforeAll(async () => {
  podiam = await startPodiam();
});

afterAll(async () => {
  await podiam?.stop();
});

const USER = 'arn:aws:iam::123456789012:user/alice';
const OBJECT = 'arn:aws:s3:::team-bucket/report.csv';
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allowGet = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-bucket/*' };

interface Result {
  readonly EvalDecision: string;
  readonly MatchedStatements: readonly { SourcePolicyId: string }[];
}

function simulate(args: readonly string[]): Result[] {
  const r = aws(['iam', 'simulate-custom-policy', '--action-names', 's3:GetObject', '--resource-arns', OBJECT, ...args], podiam.env);
  expect(r.status, r.stderr).toBe(0);
  return (r.json as { EvaluationResults: Result[] }).EvaluationResults;
}

const context = (key: string, values: string[], type = 'string'): string =>
  JSON.stringify({ ContextKeyName: key, ContextKeyValues: values, ContextKeyType: type });

describe('IAM User Guide, "IAM policy elements: Variables and tags" (Policy variables with no value)', () => {
  const policy = doc(allowGet, {
    Effect: 'Deny',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::team-bucket/*',
    Condition: { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } },
  });
  it("the guide's Deny applies when the principal tag is not set (an inverted operator matches a null value)", () => {
    const [result] = simulate(['--policy-input-list', policy, '--context-entries', context('s3:ExistingObjectTag/Team', ['blue'])]);
    expect(result?.EvalDecision).toBe('explicitDeny');
  });
  it('and not when the principal tag equals the object tag', () => {
    const [result] = simulate([
      '--policy-input-list',
      policy,
      '--context-entries',
      context('s3:ExistingObjectTag/Team', ['blue']),
      context('aws:PrincipalTag/Team', ['blue']),
    ]);
    expect(result?.EvalDecision).toBe('allowed');
  });
  it('StringEquals with a variable with no value does not match', () => {
    const policy = doc({ ...allowGet, Condition: { StringEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } } });
    const [result] = simulate(['--policy-input-list', policy, '--context-entries', context('s3:ExistingObjectTag/Team', ['blue'])]);
    expect(result?.EvalDecision).toBe('implicitDeny');
  });
});

describe('IAM User Guide, "AWS JSON policy elements: NotPrincipal" with a permissions boundary', () => {
  const bucketPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [USER, 'arn:aws:iam::123456789012:root'] }, Action: 's3:*', Resource: 'arn:aws:s3:::team-bucket/*' }],
  });
  const base = ['--policy-input-list', doc(allowGet), '--resource-policy', bucketPolicy, '--caller-arn', USER];
  it('a user named in NotPrincipal with its account is not denied', () => {
    expect(simulate(base)[0]?.EvalDecision).toBe('allowed');
  });
  it('the same user with a permissions boundary is always denied, and the bucket policy statement is the match', () => {
    const [result] = simulate([...base, '--permissions-boundary-policy-input-list', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]);
    expect(result?.EvalDecision).toBe('explicitDeny');
    expect(result?.MatchedStatements.map((m) => m.SourcePolicyId)).toEqual(['ResourcePolicy']);
  });
});

describe('IAM User Guide, "Single-valued vs. multivalued context keys" and "Condition operators" on absent keys', () => {
  const decision = (condition: object, ...entries: string[]): string | undefined =>
    simulate(['--policy-input-list', doc({ ...allowGet, Condition: condition }), ...(entries.length > 0 ? ['--context-entries', ...entries] : [])])[0]?.EvalDecision;
  it('ForAllValues is true when the key is absent; ForAnyValue is false', () => {
    expect(decision({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } })).toBe('allowed');
    expect(decision({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } })).toBe('implicitDeny');
  });
  it('ForAllValues:StringNotEquals is true when the key is absent; ForAnyValue:StringNotEquals is false', () => {
    expect(decision({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'a' } })).toBe('allowed');
    expect(decision({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'a' } })).toBe('implicitDeny');
  });
  it('a negated operator on an absent key is true, a positive one false, ...IfExists true', () => {
    expect(decision({ StringNotEquals: { 'aws:PrincipalTag/team': 'x' } })).toBe('allowed');
    expect(decision({ StringEquals: { 'aws:PrincipalTag/team': 'x' } })).toBe('implicitDeny');
    expect(decision({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'x' } })).toBe('allowed');
  });
  it('IPv6 CIDRs and epoch dates compare as the operators say', () => {
    expect(decision({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, context('aws:SourceIp', ['2001:db8:1234:5678::1'], 'ip'))).toBe('allowed');
    expect(decision({ DateGreaterThan: { 'aws:CurrentTime': '1556150400' } }, context('aws:CurrentTime', ['2020-01-01T00:00:00Z'], 'date'))).toBe('allowed');
  });
});

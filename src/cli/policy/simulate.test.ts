// `podiam policy simulate` prints what `aws iam simulate-custom-policy --output json` prints
// (IAM API Reference, "SimulateCustomPolicy", "EvaluationResult", "Statement", "Position").
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseContextShorthand, simulateCommand } from './simulate.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await simulateCommand.run(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

const seed001 = 'file://examples/policies/s3-read-pics.json';
const provider = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/oidc-id';
const ctx = (sub: string) => [
  'ContextKeyName=oidc.eks.us-east-1.amazonaws.com/id/oidc-id:aud,ContextKeyValues=sts.amazonaws.com,ContextKeyType=string',
  `ContextKeyName=oidc.eks.us-east-1.amazonaws.com/id/oidc-id:sub,ContextKeyValues=${sub},ContextKeyType=string`,
];

describe('SimulateCustomPolicy: seed 001 permission policy', () => {
  it('allows s3:GetObject on pics/* with the matched statement and its position, and denies s3:PutObject implicitly', async () => {
    const { code, out } = await run([
      '--policy-input-list',
      seed001,
      '--action-names',
      's3:GetObject',
      's3:PutObject',
      '--resource-arns',
      'arn:aws:s3:::pics/indoor-cat.jpg',
    ]);
    expect(code).toBe(0);
    const response = JSON.parse(out) as { EvaluationResults: Record<string, unknown>[] };
    // The AWS CLI pages through SimulateCustomPolicy and prints only the results (no IsTruncated).
    expect(Object.keys(response)).toEqual(['EvaluationResults']);
    expect(response.EvaluationResults.map((r) => [r['EvalActionName'], r['EvalDecision']])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(response.EvaluationResults[0]?.['MatchedStatements']).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 9, Column: 6 } },
    ]);
    expect(response.EvaluationResults[1]?.['MatchedStatements']).toEqual([]);
    expect(response.EvaluationResults[0]).not.toHaveProperty('Explanation');
  });

  it('reads the whole request from --cli-input-json with IAM field names', async () => {
    const request = JSON.stringify({
      PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/Department":["Finance"]}}}]}'],
      ActionNames: ['s3:PutObject'],
      ContextEntries: [{ ContextKeyName: 'aws:RequestTag/Department', ContextKeyValues: ['Finance'], ContextKeyType: 'string' }],
    });
    const { out } = await run(['--cli-input-json', request]);
    expect((JSON.parse(out) as { EvaluationResults: { EvalDecision: string }[] }).EvaluationResults[0]?.EvalDecision).toBe('allowed');
    const missing = await run(['--cli-input-json', JSON.stringify({ ...JSON.parse(request), ContextEntries: [] })]);
    const result = (JSON.parse(missing.out) as { EvaluationResults: { EvalDecision: string; MissingContextValues: string[] }[] }).EvaluationResults[0];
    expect(result?.EvalDecision).toBe('implicitDeny');
    expect(result?.MissingContextValues).toEqual(['aws:RequestTag/Department']);
  });

  it('a malformed policy gets MalformedPolicyDocument and exit code 254, as the AWS CLI', async () => {
    const { code, err } = await run(['--policy-input-list', '{"Statement":', '--action-names', 's3:GetObject']);
    expect(code).toBe(254);
    expect(err).toContain('(MalformedPolicyDocument)');
  });
});

describe('podiam extension: role trust policies with a web identity caller (seed 001 trust policy)', () => {
  const base = ['--policy-input-list', '--action-names', 'sts:AssumeRoleWithWebIdentity', '--resource-arns', 'arn:aws:iam::111122223333:role/s3-read-object', '--caller-arn', provider];
  it('the seed as written lets any service account of the cluster assume the role (checks aud, not sub)', async () => {
    const { out } = await run([...base, '--resource-policy', 'file://examples/policies/seed001-trust-original.json', '--context-entries', ...ctx('system:serviceaccount:other:any')]);
    expect((JSON.parse(out) as { EvaluationResults: { EvalDecision: string }[] }).EvaluationResults[0]?.EvalDecision).toBe('allowed');
  });
  it('the corrected trust policy admits only the intended service account', async () => {
    const policy = 'file://examples/policies/seed001-trust-corrected.json';
    const other = await run([...base, '--resource-policy', policy, '--context-entries', ...ctx('system:serviceaccount:other:any')]);
    expect((JSON.parse(other.out) as { EvaluationResults: { EvalDecision: string }[] }).EvaluationResults[0]?.EvalDecision).toBe('implicitDeny');
    const intended = await run([...base, '--resource-policy', policy, '--context-entries', ...ctx('system:serviceaccount:default:s3-shared-content')]);
    expect((JSON.parse(intended.out) as { EvaluationResults: { EvalDecision: string }[] }).EvaluationResults[0]?.EvalDecision).toBe('allowed');
  });
});

describe('AWS CLI shorthand for ContextEntries', () => {
  it('reads names, list values and types', () => {
    expect(parseContextShorthand('ContextKeyName=aws:TagKeys,ContextKeyValues=a,b,ContextKeyType=stringList')).toEqual({
      ContextKeyName: 'aws:TagKeys',
      ContextKeyValues: ['a', 'b'],
      ContextKeyType: 'stringList',
    });
    expect(parseContextShorthand('nonsense')).toBeUndefined();
  });
});

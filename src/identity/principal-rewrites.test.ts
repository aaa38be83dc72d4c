import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyDocument } from '../policy/index.ts';
import { principalRewrites, rewritePrincipals, shownPolicyText } from './principal-rewrites.ts';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BUILDER = 'arn:aws:iam::111122223333:role/ci/Builder';

function parsed(text: string): PolicyDocument {
  const result = parsePolicy(text, { policyType: 'RESOURCE_POLICY' });
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.policy;
}

describe('IAM User Guide, "AWS JSON policy elements: Principal": a saved role or user ARN is its unique principal ID, shown as the ARN while the entity exists', () => {
  const bound = new Map([
    [ALICE, 'AIDAALICE00000000001'],
    [BUILDER, 'AROABUILDER000000001'],
  ]);

  it('principals whose entity still has the bound ID read as written (no rewrites)', () => {
    const arns = new Map([
      ['AIDAALICE00000000001', ALICE],
      ['AROABUILDER000000001', BUILDER],
    ]);
    expect(principalRewrites(bound, (id) => arns.get(id)).size).toBe(0);
    expect(principalRewrites(undefined, () => undefined).size).toBe(0);
  });

  it('a deleted entity (or one recreated under the same name, with a new ID) reads as the bound unique ID', () => {
    const arns = new Map([['AROABUILDER000000001', BUILDER]]);
    expect([...principalRewrites(bound, (id) => arns.get(id))]).toEqual([[ALICE, 'AIDAALICE00000000001']]);
  });

  it('an entity that kept its ID under another ARN (a renamed user) reads as its ARN now', () => {
    const renamed = 'arn:aws:iam::111122223333:user/staff/alice2';
    const arns = new Map([
      ['AIDAALICE00000000001', renamed],
      ['AROABUILDER000000001', BUILDER],
    ]);
    expect([...principalRewrites(bound, (id) => arns.get(id))]).toEqual([[ALICE, renamed]]);
  });

  it('the parsed policy gets the rewritten AWS values in Principal and NotPrincipal; other principals and conditions stay', () => {
    const policy = parsed(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: [ALICE, '111122223333'], Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { ArnEquals: { 'aws:PrincipalArn': ALICE } } },
          { Effect: 'Deny', NotPrincipal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
          { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/example.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        ],
      }),
    );
    const rewritten = rewritePrincipals(policy, new Map([[ALICE, 'AIDAALICE00000000001']]));
    expect(rewritten.statements[0]?.principal?.principals).toEqual({ ...policy.statements[0]?.principal?.principals, aws: ['AIDAALICE00000000001', '111122223333'] });
    expect(rewritten.statements[0]?.conditions).toEqual(policy.statements[0]?.conditions);
    expect(rewritten.statements[1]?.principal).toEqual({ kind: 'NotPrincipal', principals: { ...policy.statements[1]?.principal?.principals, aws: ['AIDAALICE00000000001'] } });
    expect(rewritten.statements[2]).toBe(policy.statements[2]);
    expect(rewritePrincipals(policy, new Map())).toBe(policy);
  });

  it('the shown text is the document as written without rewrites, and the rewritten document with them (Statement as an object or a list)', () => {
    const text = `{ "Version": "2012-10-17",\n  "Statement": { "Effect": "Allow", "Principal": { "AWS": "${ALICE}" }, "Action": "sts:AssumeRole" } }`;
    expect(shownPolicyText(text, new Map())).toBe(text);
    expect(JSON.parse(shownPolicyText(text, new Map([[ALICE, 'AIDAALICE00000000001']])))).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { AWS: 'AIDAALICE00000000001' }, Action: 'sts:AssumeRole' },
    });
    const list = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: [BUILDER, ALICE] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalArn': ALICE } } }],
    });
    const shown = JSON.parse(shownPolicyText(list, new Map([[ALICE, 'AIDAALICE00000000001']]))) as { Statement: [{ Principal: unknown; Condition: unknown }] };
    expect(shown.Statement[0].Principal).toEqual({ AWS: [BUILDER, 'AIDAALICE00000000001'] });
    expect(shown.Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalArn': ALICE } });
  });
});

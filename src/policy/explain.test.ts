// Every decision says which statements decided it and why the others did not apply (issue: "Explain");
// the AccessDenied texts name the policy type that refused (IAM User Guide, "Troubleshoot access denied
// error messages").
import { describe, expect, it } from 'vitest';
import { RequestContext } from './context.ts';
import { explain } from './explain.ts';
import { prepareRequest } from './evaluate.ts';
import { alice, doc, policy, stmt } from './test-support.ts';

const request = (action: string, resource: string, context: Record<string, string> = {}) =>
  prepareRequest({ principal: alice, action, resource, context: new RequestContext(context) });

describe('explain: which statements decided, and which element stopped the others', () => {
  const id = policy(
    'IdentityPolicy',
    doc(
      { Sid: 'ReadPics', ...stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*') },
      { Sid: 'OnlyFinance', ...stmt('Allow', 's3:PutObject', '*', { Condition: { StringEquals: { 'aws:RequestTag/Department': 'Finance' } } }) },
      { Sid: 'NoSecrets', ...stmt('Deny', 's3:*', 'arn:aws:s3:::secrets/*') },
    ),
    'team-a',
  );
  it('an allow names the granting statement; the others say which element failed', () => {
    const why = explain({ identity: [id] }, request('s3:GetObject', 'arn:aws:s3:::pics/cat.jpg'));
    expect(why.decision).toBe('allowed');
    expect(why.matchedStatements.map((s) => s.sid)).toEqual(['ReadPics']);
    const others = why.statements.filter((s) => !s.applies).map((s) => [s.sid, s.notApplied?.element]);
    expect(others).toEqual([
      ['OnlyFinance', 'Action'],
      ['NoSecrets', 'Resource'],
    ]);
    expect(why.summary).toContain("statement 'ReadPics' of IdentityPolicy team-a");
  });
  it('a failed condition names the operator, the key and the request value', () => {
    const why = explain({ identity: [id] }, request('s3:PutObject', 'arn:aws:s3:::pics/x', { 'aws:RequestTag/Department': 'Sales' }));
    expect(why.decision).toBe('implicitDeny');
    const trace = why.statements.find((s) => s.sid === 'OnlyFinance');
    expect(trace?.notApplied?.element).toBe('Condition');
    expect(trace?.notApplied?.detail).toContain('StringEquals on aws:RequestTag/Department');
    expect(trace?.notApplied?.detail).toContain('"Sales"');
  });
  it('an explicit deny names the denying statement', () => {
    const why = explain({ identity: [id] }, request('s3:GetObject', 'arn:aws:s3:::secrets/key'));
    expect(why.decision).toBe('explicitDeny');
    expect(why.matchedStatements.map((s) => s.sid)).toEqual(['NoSecrets']);
  });
  it('reports condition keys the request did not carry', () => {
    const why = explain({ identity: [id] }, request('s3:PutObject', 'arn:aws:s3:::pics/x'));
    expect(why.missingContextValues).toEqual(['aws:RequestTag/Department']);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyDocument } from '../policy/index.ts';
import { isPublicPolicy, withoutPublicStatements } from './public-policy.ts';

function doc(statements: unknown[]): PolicyDocument {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { policyType: 'RESOURCE_POLICY' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
}
const get = (principal: unknown, condition?: unknown) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::pics/*',
  ...(condition !== undefined ? { Condition: condition } : {}),
});

describe('The meaning of "public" (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage")', () => {
  it('an Allow to "*" or {"AWS": "*"} without limiting conditions is public', () => {
    expect(isPublicPolicy(doc([get('*')]))).toBe(true);
    expect(isPublicPolicy(doc([get({ AWS: '*' })]))).toBe(true);
  });

  it('fixed principals, and fixed values of aws:SourceIp (CIDRs), aws:SourceVpce, aws:SourceAccount or aws:PrincipalOrgID are not public', () => {
    expect(isPublicPolicy(doc([get({ AWS: 'arn:aws:iam::111122223333:root' })]))).toBe(false);
    expect(isPublicPolicy(doc([get('*', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })]))).toBe(false);
    expect(isPublicPolicy(doc([get('*', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })]))).toBe(false);
    expect(isPublicPolicy(doc([get('*', { StringEquals: { 'aws:SourceAccount': '111122223333' } })]))).toBe(false);
    expect(isPublicPolicy(doc([get('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })]))).toBe(false);
  });

  it('wildcards, IfExists, /0 ranges and unrelated keys do not limit', () => {
    expect(isPublicPolicy(doc([get('*', { StringLike: { 'aws:SourceVpce': 'vpce-*' } })]))).toBe(true);
    expect(isPublicPolicy(doc([get('*', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } })]))).toBe(true);
    expect(isPublicPolicy(doc([get('*', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })]))).toBe(true);
    expect(isPublicPolicy(doc([get('*', { StringEquals: { 's3:prefix': 'home/' } })]))).toBe(true);
  });

  it('a Deny to "*" is not public; RestrictPublicBuckets keeps Denies and non-public Allows', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::pics/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const account = get({ AWS: '111122223333' });
    const d = doc([deny, get('*'), account]);
    expect(isPublicPolicy(doc([deny]))).toBe(false);
    expect(withoutPublicStatements(d).statements.map((s) => s.effect + ':' + s.index)).toEqual(['Deny:0', 'Allow:2']);
  });
});

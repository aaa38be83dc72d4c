// Policy documents as IAM checks them on write: trust policy principals that must exist, the trust
// policy quota, and inline policies sharing one quota per entity ("IAM and AWS STS quotas").
import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import type { IamSnapshot } from '../identity/index.ts';
import { checkInlineDocument, checkTrustDocument, documentSize } from './policy-documents.ts';

// The two lookups the trust check makes; nothing else of the snapshot is read.
const snapshot = {
  role: (accountId: string, name: string) =>
    accountId === '111122223333' && name.toLowerCase() === 'kube2iam-role' ? { arn: 'arn:aws:iam::111122223333:role/Kube2IAM-Role' } : undefined,
  user: (accountId: string, name: string) => (accountId === '111122223333' && name === 'ci' ? { arn: 'arn:aws:iam::111122223333:user/automation/ci' } : undefined),
} as unknown as IamSnapshot;

function refusal(fn: () => void): [string, string] | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isAwsError(err)) throw err;
    return [err.code, err.message];
  }
}

const trust = (principal: unknown) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });

describe('Role trust policy principals must exist (IAM User Guide, "AWS JSON policy elements: Principal")', () => {
  it('accepts an existing role and an existing user with its path', () => {
    expect(refusal(() => checkTrustDocument(trust('arn:aws:iam::111122223333:role/Kube2IAM-Role'), snapshot))).toBeUndefined();
    expect(refusal(() => checkTrustDocument(trust(['arn:aws:iam::111122223333:user/automation/ci']), snapshot))).toBeUndefined();
  });
  it('refuses a role that does not exist, naming it as IAM does', () => {
    expect(refusal(() => checkTrustDocument(trust('arn:aws:iam::111122223333:role/S3-BUCKET-Role'), snapshot))).toEqual([
      'MalformedPolicyDocument',
      'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/S3-BUCKET-Role"',
    ]);
  });
  it('refuses a user named with the wrong path', () => {
    expect(refusal(() => checkTrustDocument(trust('arn:aws:iam::111122223333:user/ci'), snapshot))?.[0]).toBe('MalformedPolicyDocument');
  });
  it('does not check account principals', () => {
    expect(refusal(() => checkTrustDocument(trust('arn:aws:iam::999988887777:root'), snapshot))).toBeUndefined();
    expect(refusal(() => checkTrustDocument(trust('999988887777'), snapshot))).toBeUndefined();
  });
  it('refuses more than 2,048 characters, white space not counted', () => {
    const values = Array.from({ length: 300 }, (_, i) => `value-${i}`);
    const large = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/x': values } } }],
    });
    expect(documentSize(large)).toBeGreaterThan(2048);
    expect(refusal(() => checkTrustDocument(large, snapshot))).toEqual(['LimitExceeded', 'Cannot exceed quota for ACLSizePerRole: 2048']);
    const indented = trust('arn:aws:iam::111122223333:role/Kube2IAM-Role').replace(/,/g, `,\n${' '.repeat(900)}`);
    expect(indented.length).toBeGreaterThan(2048);
    expect(refusal(() => checkTrustDocument(indented, snapshot))).toBeUndefined();
  });
});

describe('Inline policies share one quota per entity ("IAM and AWS STS quotas")', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  it('counts the other inline policies of the entity', () => {
    expect(refusal(() => checkInlineDocument(policy, 'USER_INLINE', 2048 - documentSize(policy), 'x'))).toBeUndefined();
    expect(refusal(() => checkInlineDocument(policy, 'USER_INLINE', 2049 - documentSize(policy), 'x'))).toEqual([
      'LimitExceeded',
      'Maximum policy size of 2048 bytes exceeded for user x',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { serviceCatalog } from '../catalog/index.ts';
import { checkBucketPolicy, type BucketPolicyContext } from './bucket-policy.ts';

const EXISTING = new Set(['arn:aws:iam::111122223333:role/reader', 'arn:aws:iam::111122223333:user/path/alice']);
const context: BucketPolicyContext = { catalog: serviceCatalog(), principalExists: (_kind, _account, _name, arn) => EXISTING.has(arn) };

function refusal(policy: unknown): string | undefined {
  const r = checkBucketPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), 'pics', context);
  return isAwsError(r) ? `${r.code}: ${r.message}` : undefined;
}
const statement = (over: Record<string, unknown>) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*', ...over });
const policy = (...s: unknown[]) => ({ Version: '2012-10-17', Statement: s });

describe('PutBucketPolicy validation (Amazon S3 API Reference, "PutBucketPolicy"; "Error responses": MalformedPolicy)', () => {
  it('accepts a policy on this bucket and its objects (seed 001 shape)', () => {
    expect(refusal(policy(statement({}), statement({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::pics' })))).toBeUndefined();
  });

  it('resources of another bucket: "Policy has invalid resource"', () => {
    expect(refusal(policy(statement({ Resource: 'arn:aws:s3:::other/*' })))).toBe('MalformedPolicy: Policy has invalid resource');
    expect(refusal(policy(statement({ Resource: 'arn:aws:iam::111122223333:role/x' })))).toBe('MalformedPolicy: Policy has invalid resource');
  });

  it('actions of other services: "Policy has invalid action"', () => {
    expect(refusal(policy(statement({ Action: 'ec2:DescribeInstances' })))).toBe('MalformedPolicy: Policy has invalid action');
  });

  it('no Principal: "Missing required field Principal"; a bad principal: "Invalid principal in policy"', () => {
    expect(refusal(policy(statement({ Principal: undefined })))).toBe('MalformedPolicy: Missing required field Principal');
    expect(refusal(policy(statement({ Principal: { AWS: 'not-an-arn' } })))).toBe('MalformedPolicy: Invalid principal in policy');
  });

  it('not JSON, not an object, or larger than 20 KB', () => {
    expect(refusal('[1]')).toBe("MalformedPolicy: Policies must be valid JSON and the first byte must be '{'");
    expect(refusal('{"Version": ')).toBe('MalformedPolicy: This policy contains invalid Json');
    const big = policy(...Array.from({ length: 200 }, (_, i) => statement({ Sid: `S${i}`, Resource: `arn:aws:s3:::pics/${'x'.repeat(60)}${i}` })));
    expect(refusal(big)).toBe('MalformedPolicy: Policy exceeds the maximum allowed document size.');
  });

  it('S3 actions that do not exist: "Policy has invalid action" (s3:ListObjects is the operation, not an action)', () => {
    expect(refusal(policy(statement({ Action: 's3:ListObjects', Resource: 'arn:aws:s3:::pics' })))).toBe('MalformedPolicy: Policy has invalid action');
    expect(refusal(policy(statement({ Action: 's3:Nothing*' })))).toBe('MalformedPolicy: Policy has invalid action');
    expect(refusal(policy(statement({ Action: ['s3:get*', 's3:PUTOBJECT'] })))).toBeUndefined();
  });

  it('an action none of whose resource types the statement names: "Action does not apply to any resource(s) in statement"', () => {
    const refused = 'MalformedPolicy: Action does not apply to any resource(s) in statement';
    expect(refusal(policy(statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics' })))).toBe(refused);
    expect(refusal(policy(statement({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::pics/*' })))).toBe(refused);
    expect(refusal(policy(statement({ Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::pics' })))).toBe(refused);
    expect(refusal(policy(statement({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::pics' })))).toBe(refused);
    expect(refusal(policy(statement({ Action: ['s3:ListBucket', 's3:GetObject'], Resource: ['arn:aws:s3:::pics', 'arn:aws:s3:::pics/*'] })))).toBeUndefined();
    expect(refusal(policy(statement({ Action: ['s3:*', 's3:Get*'], Resource: 'arn:aws:s3:::pics' })))).toBeUndefined();
    expect(refusal(policy(statement({ Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::pi*' })))).toBeUndefined();
    expect(refusal(policy(statement({ Action: 's3:GetObject', Resource: undefined, NotResource: 'arn:aws:s3:::pics' })))).toBeUndefined();
  });

  it('IAM roles and users named as principals must exist: "Invalid principal in policy"; accounts are not looked up', () => {
    expect(refusal(policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' } })))).toBeUndefined();
    expect(refusal(policy(statement({ Principal: { AWS: ['arn:aws:iam::111122223333:user/path/alice'] } })))).toBeUndefined();
    expect(refusal(policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:role/nobody' } })))).toBe('MalformedPolicy: Invalid principal in policy');
    expect(refusal(policy(statement({ Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' } })))).toBe('MalformedPolicy: Invalid principal in policy');
    expect(refusal(policy(statement({ Principal: { AWS: ['999988887777', 'arn:aws:iam::999988887777:root'] } })))).toBeUndefined();
  });
});

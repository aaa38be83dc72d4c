// PutBucketPolicy's validation as S3 does it, through the AWS CLI against a started `podiam serve`:
// actions that are not S3 actions, actions that apply to none of the statement's resources, and IAM
// roles or users that do not exist are refused with MalformedPolicy and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
const ACCOUNT = '123456789012';

const aws = (...args: string[]) => awsAsync(args, podiam.env);

function ok(r: { status: number; stderr: string }): void {
  expect(r.status, r.stderr).toBe(0);
}

const policy = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Resource: 'arn:aws:s3:::audit5-policy/*', ...statement }] });

const put = (statement: Record<string, unknown>) => aws('s3api', 'put-bucket-policy', '--bucket', 'audit5-policy', '--policy', policy(statement));

beforeAll(async () => {
  podiam = await startPodiam();
  ok(await aws('s3api', 'create-bucket', '--bucket', 'audit5-policy'));
});

afterAll(async () => {
  await podiam?.stop();
});

describe('PutBucketPolicy refuses what S3 refuses (Amazon S3 API Reference, "PutBucketPolicy"; "Error responses": MalformedPolicy)', () => {
  it('an S3 action that does not exist (s3:ListObjects) is "Policy has invalid action"', async () => {
    const r = await put({ Action: 's3:ListObjects', Resource: 'arn:aws:s3:::audit5-policy' });
    expect(r.stderr).toContain('An error occurred (MalformedPolicy) when calling the PutBucketPolicy operation: Policy has invalid action');
  });

  it('s3:GetObject on the bucket ARN is "Action does not apply to any resource(s) in statement"; on its objects it is stored', async () => {
    const r = await put({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::audit5-policy' });
    expect(r.stderr).toContain('(MalformedPolicy) when calling the PutBucketPolicy operation: Action does not apply to any resource(s) in statement');
    expect((await aws('s3api', 'get-bucket-policy', '--bucket', 'audit5-policy')).stderr).toContain('NoSuchBucketPolicy');
    ok(await put({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::audit5-policy', 'arn:aws:s3:::audit5-policy/*'] }));
  });

  it('a role that does not exist is "Invalid principal in policy"; once created, the same policy is stored', async () => {
    const reader = `arn:aws:iam::${ACCOUNT}:role/audit5-reader`;
    const r = await put({ Principal: { AWS: reader }, Action: 's3:GetObject' });
    expect(r.stderr).toContain('(MalformedPolicy) when calling the PutBucketPolicy operation: Invalid principal in policy');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
    ok(await aws('iam', 'create-role', '--role-name', 'audit5-reader', '--assume-role-policy-document', trust));
    ok(await put({ Principal: { AWS: reader }, Action: 's3:GetObject' }));
    const stored = await aws('s3api', 'get-bucket-policy', '--bucket', 'audit5-policy');
    expect(stored.stdout).toContain('audit5-reader');
  });
});

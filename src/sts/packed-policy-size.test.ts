import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { checkPackedSize, packedSize } from './packed-policy-size.ts';

const SMALL = '{"Version":"2012-10-17","Statement":[{"Sid":"Stmt1","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}';
const SERVICES = ['cloudformation', 'dynamodb', 's3', 'lambda', 'iam', 'logs', 'cognito-idp', 'ses', 'route53'];
const VERBS = ['CreateStack', 'UpdateStack', 'DescribeStacks', 'CreateTable', 'DescribeTable', 'UpdateTable', 'PutObject', 'CreateBucket',
  'CreateFunction', 'UpdateFunctionCode', 'AddPermission', 'CreateRole', 'PassRole', 'AttachRolePolicy', 'CreateLogGroup', 'PutRetentionPolicy',
  'CreateUserPool', 'UpdateUserPool', 'SendEmail', 'VerifyDomainIdentity', 'ChangeResourceRecordSets', 'GetHostedZone', 'TagResource',
  'UntagResource', 'PutBucketPolicy', 'GetBucketPolicy', 'PutBucketTagging', 'CreateUserPoolClient', 'DescribeUserPool', 'DeleteStack',
  'DeleteTable', 'DeleteObject', 'DeleteFunction', 'GetFunction', 'RemovePermission', 'DeleteRole', 'DetachRolePolicy', 'DeleteLogGroup',
  'DeleteUserPool', 'ListHostedZones', 'DeleteBucketPolicy', 'GetObject'];
const WIDE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: VERBS.map((v, i) => `${SERVICES[i % SERVICES.length]}:${v}`), Resource: '*' }],
});

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isAwsError(err)) throw err;
    return `${err.code}: ${err.message}`;
  }
}

describe('STS API Reference, "AssumeRole": PackedPolicySize (podiam\'s model of the packed format)', () => {
  it('a short inline policy uses a small share of the packed space', () => {
    const size = packedSize(SMALL, [], {});
    expect(size.percent).toBeGreaterThan(0);
    expect(size.percent).toBeLessThan(25);
    expect(checkPackedSize(size)).toBe(size.percent);
  });
  it('a policy with some forty actions across services is refused although its plain text is under 2,048 characters', () => {
    expect(WIDE.length).toBeLessThan(2048);
    expect(refusal(() => checkPackedSize(packedSize(WIDE, [], {})))).toMatch(
      /^PackedPolicyTooLarge: Packed policy consumes \d{3}% of allotted space, please use smaller policy\.$/,
    );
  });
  it('counts policy ARNs and tags with the policy', () => {
    const alone = packedSize(SMALL, [], {}).percent;
    expect(packedSize(SMALL, ['arn:aws:iam::123456789012:policy/team-readonly'], { Project: 'Pegasus' }).percent).toBeGreaterThan(alone);
  });
  it('reports tags that exceed the space on their own with the session-tags message', () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i < 50; i++) tags[`claim-${i}-${'k'.repeat(100)}`] = `${i}-${'v'.repeat(200)}-${i * 7919}`;
    expect(refusal(() => checkPackedSize(packedSize(undefined, [], tags)))).toMatch(
      /^PackedPolicyTooLarge: Packed size of session tags consumes \d+% of allotted space\.$/,
    );
  });
  it('ignores whitespace in the policy document', () => {
    const spaced = JSON.stringify(JSON.parse(SMALL), null, 4);
    expect(packedSize(spaced, [], {}).percent).toBe(packedSize(SMALL, [], {}).percent);
  });
});

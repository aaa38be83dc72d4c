import { describe, expect, it } from 'vitest';
import { cloudTrailEventsOf } from './deliveries.ts';
import { ACCOUNT, ROLE_ID, call, roleCaller, userCaller } from './test-calls.fixture.ts';

const OTHER = '444455556666';
const OTHER_ROLE = `arn:aws:iam::${OTHER}:role/EC2-dev`;

function ids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function assumeRoleIn(account: string, overrides: Parameters<typeof call>[0] = {}) {
  return call({
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    requestParameters: { roleArn: `arn:aws:iam::${account}:role/EC2-dev`, roleSessionName: 's' },
    notes: { resources: [{ ARN: `arn:aws:iam::${account}:role/EC2-dev`, type: 'AWS::IAM::Role', accountId: account }] },
    ...overrides,
  });
}

describe('CloudTrail record contents (sharedEventID): a cross-account call is delivered to both accounts', () => {
  it('AssumeRole of a role in another account: one event per account, one sharedEventID, distinct eventIDs', () => {
    const events = cloudTrailEventsOf(assumeRoleIn(OTHER), ids());
    expect(events).toHaveLength(2);
    const [callers, owners] = events;
    expect(callers?.recipientAccountId).toBe(ACCOUNT);
    expect(owners?.recipientAccountId).toBe(OTHER);
    expect(callers?.sharedEventID).toBeDefined();
    expect(owners?.sharedEventID).toBe(callers?.sharedEventID);
    expect(new Set([callers?.eventID, owners?.eventID, callers?.sharedEventID]).size).toBe(3);
    expect(owners?.requestID).toBe(callers?.requestID);
    expect(owners?.requestParameters).toEqual(callers?.requestParameters);
  });

  it("the caller's copy keeps the caller's full identity; the owner's copy is AWSAccount with account and principal ID only", () => {
    const [callers, owners] = cloudTrailEventsOf(assumeRoleIn(OTHER), ids());
    expect(callers?.userIdentity).toMatchObject({ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, userName: 'Alice' });
    expect(owners?.userIdentity).toEqual({ type: 'AWSAccount', principalId: 'AIDAJ45Q7YFFAREXAMPLE', accountId: ACCOUNT });
  });

  it("a role session's call into another account shows the session's principal ID (role ID:session name) to the owner", () => {
    const [, owners] = cloudTrailEventsOf(assumeRoleIn(OTHER, { caller: roleCaller() }), ids());
    expect(owners?.userIdentity).toEqual({ type: 'AWSAccount', principalId: `${ROLE_ID}:my-session`, accountId: ACCOUNT });
  });

  it('sharedEventID follows recipientAccountId, in both copies', () => {
    for (const event of cloudTrailEventsOf(assumeRoleIn(OTHER), ids())) {
      const keys = Object.keys(JSON.parse(JSON.stringify(event)) as object);
      expect(keys.indexOf('sharedEventID')).toBe(keys.indexOf('recipientAccountId') + 1);
      expect(keys.at(-1)).toBe('eventCategory');
    }
  });

  it('an S3 object read from a bucket of another account reaches the bucket owner', () => {
    const record = call({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      eventCategory: 'Data',
      caller: userCaller(),
      requestParameters: { bucketName: 'shared', Host: 'shared.s3.amazonaws.com', key: 'k' },
      notes: {
        resources: [
          { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::shared/k' },
          { accountId: OTHER, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::shared' },
        ],
      },
    });
    const events = cloudTrailEventsOf(record, ids());
    expect(events.map((e) => e.recipientAccountId)).toEqual([ACCOUNT, OTHER]);
    expect(events[1]?.userIdentity.type).toBe('AWSAccount');
  });
});

describe('CloudTrail record contents (sharedEventID): a call within one account is one event', () => {
  it('AssumeRole of a role in the caller\'s own account: one event, no sharedEventID', () => {
    const events = cloudTrailEventsOf(assumeRoleIn(ACCOUNT), ids());
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain('sharedEventID');
  });

  it("a denied cross-account AssumeRole is not logged in the target account's trail (IAM User Guide, Logging IAM and AWS STS API calls with AWS CloudTrail)", () => {
    const events = cloudTrailEventsOf(assumeRoleIn(OTHER, { errorCode: 'AccessDenied', errorMessage: 'no' }), ids());
    expect(events).toHaveLength(1);
    expect(events[0]?.recipientAccountId).toBe(ACCOUNT);
    expect(events[0]?.sharedEventID).toBeUndefined();
  });

  it('an unsigned AssumeRoleWithWebIdentity belongs to the role account alone', () => {
    const events = cloudTrailEventsOf(assumeRoleIn(OTHER, { caller: undefined, eventName: 'AssumeRoleWithWebIdentity', notes: { resources: [{ ARN: OTHER_ROLE, type: 'AWS::IAM::Role', accountId: OTHER }], recipientAccountId: OTHER } }), ids());
    expect(events).toHaveLength(1);
    expect(events[0]?.recipientAccountId).toBe(OTHER);
  });
});

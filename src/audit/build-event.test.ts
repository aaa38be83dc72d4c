import { describe, expect, it } from 'vitest';
import { auditEventRecordOf, buildCloudTrailEvent } from './build-event.ts';
import { HIDDEN } from './event-elements.ts';
import { ACCOUNT, ROLE_ARN, SECRET, call, roleCaller } from './test-calls.fixture.ts';

const EVENT_ID = '5f5f5f5f-0000-4000-8000-000000000001';

describe('CloudTrail record contents: the fields of an API call event', () => {
  it('has the event fields CloudTrail writes, in its formats', () => {
    const event = buildCloudTrailEvent(call(), EVENT_ID);
    expect(event).toMatchObject({
      eventVersion: '1.11',
      eventTime: '2025-01-15T12:30:45Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'GetRole',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.10',
      userAgent: 'aws-cli/1.45.11',
      requestParameters: { roleName: 'app-role' },
      responseElements: null,
      requestID: 'c0ffee00-0000-4000-8000-000000000001',
      eventID: EVENT_ID,
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    });
    expect(event.errorCode).toBeUndefined();
    expect(event.resources).toBeUndefined();
  });

  it('serialises with CloudTrail\'s field order', () => {
    const keys = Object.keys(JSON.parse(JSON.stringify(buildCloudTrailEvent(call({ errorCode: 'NoSuchEntity', errorMessage: 'x', notes: { resources: [{ ARN: ROLE_ARN }] } }), EVENT_ID))));
    expect(keys).toEqual([
      'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
      'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'requestID', 'eventID', 'readOnly', 'resources',
      'eventType', 'managementEvent', 'recipientAccountId', 'eventCategory',
    ]);
  });

  it('a refused call records errorCode and errorMessage, and no response', () => {
    const event = buildCloudTrailEvent(
      call({ errorCode: 'NoSuchEntity', errorMessage: 'The role with name app-role cannot be found.', responseElements: { Role: { RoleName: 'x' } } }),
      EVENT_ID,
    );
    expect(event.errorCode).toBe('NoSuchEntity');
    expect(event.errorMessage).toBe('The role with name app-role cannot be found.');
    expect(event.responseElements).toBeNull();
  });

  it('resources, additionalEventData and tlsDetails come from the call; a data event is not a management event', () => {
    const event = buildCloudTrailEvent(
      call({
        eventCategory: 'Data',
        notes: { resources: [{ ARN: ROLE_ARN, type: 'AWS::IAM::Role', accountId: ACCOUNT }], additionalEventData: { SignatureVersion: 'SigV4' } },
        tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'iam.example' },
      }),
      EVENT_ID,
    );
    expect(event.resources).toEqual([{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: ROLE_ARN }]);
    expect(event.additionalEventData).toEqual({ SignatureVersion: 'SigV4' });
    expect(event.tlsDetails).toEqual({ tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'iam.example' });
    expect(event.managementEvent).toBe(false);
    expect(event.eventCategory).toBe('Data');
  });

  it('an unsigned call belongs to the account the operation noted', () => {
    const event = buildCloudTrailEvent(call({ caller: undefined, notes: { resources: [], recipientAccountId: '444455556666' } }), EVENT_ID);
    expect(event.recipientAccountId).toBe('444455556666');
    expect(event.userIdentity).toEqual({ type: 'Unknown' });
  });

  it('S3 request parameters keep the names S3 logs (Host, bucketName, key, XML element names), unlike Query member names', () => {
    // The S3 GetObject/PutObject data events in the CloudTrail User Guide carry "Host" with a capital H.
    const event = buildCloudTrailEvent(
      call({
        eventSource: 's3.amazonaws.com',
        eventName: 'DeleteObjects',
        eventCategory: 'Data',
        requestParameters: { bucketName: 'b', Host: 'b.s3.amazonaws.com', delete: { Object: [{ Key: 'k' }], Quiet: true } },
        responseElements: { 'x-amz-server-side-encryption': 'AES256' },
      }),
      EVENT_ID,
    );
    expect(event.requestParameters).toEqual({ bucketName: 'b', Host: 'b.s3.amazonaws.com', delete: { Object: [{ Key: 'k' }], Quiet: true } });
    expect(event.responseElements).toEqual({ 'x-amz-server-side-encryption': 'AES256' });
  });

  it('a call without parameters or without a response body records null, not {}', () => {
    const event = buildCloudTrailEvent(call({ eventName: 'ListRoles', requestParameters: {}, responseElements: {} }), EVENT_ID);
    expect(event.requestParameters).toBeNull();
    expect(event.responseElements).toBeNull();
    // Members that are all secrets leave nothing either.
    expect(buildCloudTrailEvent(call({ requestParameters: { SessionToken: 't' } }), EVENT_ID).requestParameters).toBeNull();
  });

  it('times inside parameters are ISO 8601 and names are lower camel case', () => {
    const event = buildCloudTrailEvent(call({ requestParameters: { PolicyArns: [{ Arn: 'arn:x' }], StartTime: new Date(Date.UTC(2025, 1, 2, 3, 4, 5)) } }), EVENT_ID);
    expect(event.requestParameters).toEqual({ policyArns: [{ arn: 'arn:x' }], startTime: '2025-02-02T03:04:05Z' });
  });
});

describe('CloudTrail never records secrets (IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail")', () => {
  const leaky = {
    Credentials: { AccessKeyId: 'ASIANEWKEYEXAMPLE001', SecretAccessKey: 'newSecretEXAMPLEnewSecretEXAMPLEnewSecre', SessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN', Expiration: new Date(0) },
    AccessKey: { AccessKeyId: 'AKIANEWKEYEXAMPLE001', SecretAccessKey: 'anotherSecretEXAMPLEanotherSecretEXAMPLE', Status: 'Active' },
  };

  it('secret access keys and session tokens are left out of responseElements even when an operation forgets', () => {
    const text = JSON.stringify(buildCloudTrailEvent(call({ readOnly: false, eventName: 'AssumeRole', responseElements: leaky }), EVENT_ID));
    expect(text).not.toMatch(/secretAccessKey|sessionToken/i);
    expect(text).not.toContain('newSecretEXAMPLE');
    expect(text).not.toContain('FwoGZXIvYXdzEXAMPLETOKEN');
    expect(text).not.toContain('anotherSecretEXAMPLE');
    expect(text).toContain('ASIANEWKEYEXAMPLE001');
  });

  it('web identity tokens and session tokens in requestParameters are left out; passwords are hidden', () => {
    const event = buildCloudTrailEvent(
      call({ caller: undefined, requestParameters: { RoleArn: ROLE_ARN, WebIdentityToken: 'eyJhbGciOi.payload.sig', Password: 'hunter2', 'X-Amz-Security-Token': 'tok' } }),
      EVENT_ID,
    );
    expect(event.requestParameters).toEqual({ roleArn: ROLE_ARN, password: HIDDEN });
  });

  it("the caller's own secret never appears, whatever member holds it", () => {
    const event = buildCloudTrailEvent(call({ requestParameters: { Description: SECRET, Nested: [{ Note: SECRET }] } }), EVENT_ID);
    expect(JSON.stringify(event)).not.toContain(SECRET);
  });

  it("a role session's secret never appears either", () => {
    const caller = roleCaller();
    const event = buildCloudTrailEvent(call({ caller, responseElements: { echo: caller.secretAccessKey } }), EVENT_ID);
    expect(JSON.stringify(event)).not.toContain(caller.secretAccessKey);
  });
});

describe('Audit rows: the fields lookups filter on', () => {
  it('a role session call is found by the session ARN (principal) and by the role', () => {
    const caller = roleCaller();
    const record = call({ caller });
    const row = auditEventRecordOf(buildCloudTrailEvent(record, EVENT_ID), record);
    expect(row).toMatchObject({
      eventId: EVENT_ID,
      principalArn: caller.principal.arn,
      roleArn: ROLE_ARN,
      accessKeyId: caller.accessKeyId,
      accountId: ACCOUNT,
      requestId: record.requestId,
      sourceIp: '192.0.2.10',
      errorCode: undefined,
    });
    expect(row.eventTime).toEqual(record.eventTime);
    expect(row.event['eventID']).toBe(EVENT_ID);
  });

  it('an AssumeRoleWithWebIdentity call (no caller) is found by the role it assumed', () => {
    const record = call({ caller: undefined, eventName: 'AssumeRoleWithWebIdentity', errorCode: 'AccessDenied', errorMessage: 'no', notes: { resources: [{ ARN: ROLE_ARN, type: 'AWS::IAM::Role', accountId: ACCOUNT }] } });
    const row = auditEventRecordOf(buildCloudTrailEvent(record, EVENT_ID), record);
    expect(row.roleArn).toBe(ROLE_ARN);
    expect(row.principalArn).toBeUndefined();
    expect(row.errorCode).toBe('AccessDenied');
  });
});

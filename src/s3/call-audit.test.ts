import { describe, expect, it } from 'vitest';
import { s3CallRecord } from './call-audit.ts';
import { S3_OPERATIONS } from './operations.ts';
import { sseApplied, SSE_S3_RESPONSE_HEADERS } from './server-side-encryption.ts';

function putRecord(additionalEventData: Record<string, unknown>) {
  return s3CallRecord({
    spec: S3_OPERATIONS.PutObject,
    ids: { requestId: '0123456789ABCDEF', hostId: 'aG9zdA==' },
    eventTime: new Date('2025-03-01T12:00:00Z'),
    region: 'us-east-1',
    sourceIp: '10.0.0.7',
    userAgent: 'aws-cli/2',
    host: 'pics.s3.amazonaws.com',
    caller: undefined,
    verified: undefined,
    bucket: 'pics',
    key: 'cat.jpg',
    owner: '111111111111',
    query: new URLSearchParams(),
    notes: { bytesIn: 5, bytesOut: 0, responseElements: { ...SSE_S3_RESPONSE_HEADERS }, requestParameters: {}, additionalEventData },
    error: undefined,
  });
}

describe('CloudTrail records of object writes (Amazon S3 User Guide, "Monitoring default encryption with CloudTrail and CloudWatch")', () => {
  it('additionalEventData carries SSEApplied beside the bytes transferred; responseElements the encryption header', () => {
    const asked = putRecord(sseApplied('requested'));
    expect(asked.notes?.additionalEventData).toMatchObject({ SSEApplied: 'SSE_S3', bytesTransferredIn: 5, bytesTransferredOut: 0 });
    expect(asked.responseElements).toEqual({ 'x-amz-server-side-encryption': 'AES256' });
    expect(putRecord(sseApplied('default')).notes?.additionalEventData).toMatchObject({ SSEApplied: 'Default_SSE_S3' });
    expect(putRecord({}).notes?.additionalEventData).not.toHaveProperty('SSEApplied');
  });
});

describe('CloudTrail records of S3 calls (Amazon S3 User Guide, "Logging Amazon S3 API calls using AWS CloudTrail", example log files)', () => {
  it('the user agent is written in brackets, as S3 logs it', () => {
    expect(putRecord({}).userAgent).toBe('[aws-cli/2]');
  });

  it('requestParameters name the bucket, the Host and the key; resources the object and the bucket with its owner', () => {
    const record = putRecord({});
    expect(record.requestParameters).toEqual({ bucketName: 'pics', Host: 'pics.s3.amazonaws.com', key: 'cat.jpg' });
    expect(record.notes.resources).toEqual([
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::pics/cat.jpg' },
      { accountId: '111111111111', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::pics' },
    ]);
    expect(record.eventCategory).toBe('Data');
    expect(record.readOnly).toBe(false);
  });
});

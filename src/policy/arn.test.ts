import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArn, isAccountId, isPartition, parseArn } from './arn.ts';

describe('Amazon Resource Names: arn:partition:service:region:account-id:resource', () => {
  it('splits an S3 object ARN with empty Region and account', () => {
    expect(parseArn('arn:aws:s3:::my-bucket/photos/*')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'my-bucket/photos/*',
    });
  });

  it('keeps colons in the resource part', () => {
    expect(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:my-group:*')?.resource).toBe('log-group:my-group:*');
  });

  it('splits an assumed-role session ARN', () => {
    expect(parseArn('arn:aws:sts::123456789012:assumed-role/Admin/alice')).toMatchObject({
      service: 'sts',
      account: '123456789012',
      resource: 'assumed-role/Admin/alice',
    });
  });

  it('accepts an empty resource part', () => {
    expect(parseArn('arn:aws:iam::123456789012:')?.resource).toBe('');
  });

  it('refuses text with fewer than five colons or without the arn prefix', () => {
    expect(parseArn('arn:aws:s3::bucket')).toBeUndefined();
    expect(parseArn('aws:s3:::bucket')).toBeUndefined();
    expect(parseArn('ARN:aws:s3:::bucket')).toBeUndefined();
    expect(parseArn('')).toBeUndefined();
  });

  it('round-trips any six fields without colons in the first five', () => {
    const field = fc.string({ maxLength: 8 }).filter((s) => !s.includes(':'));
    fc.assert(
      fc.property(field, field, field, field, fc.string({ maxLength: 16 }), (partition, service, region, account, resource) => {
        const arn = { partition, service, region, account, resource };
        expect(parseArn(formatArn(arn))).toEqual(arn);
      }),
    );
  });
});

describe('AWS General Reference: partitions and account identifiers', () => {
  it('knows the AWS partitions', () => {
    for (const p of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b']) expect(isPartition(p)).toBe(true);
    for (const p of ['', 'AWS', 'aws-foo', '*']) expect(isPartition(p)).toBe(false);
  });

  it('accepts exactly twelve digits as an account ID', () => {
    expect(isAccountId('123456789012')).toBe(true);
    expect(isAccountId('012345678901')).toBe(true);
    expect(isAccountId('12345678901')).toBe(false);
    expect(isAccountId('1234567890123')).toBe(false);
    expect(isAccountId('12345678901a')).toBe(false);
    expect(isAccountId('*')).toBe(false);
  });
});

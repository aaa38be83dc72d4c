// Resource values against ARN formats. IAM User Guide, "IAM JSON policy elements: Resource": `*` and `?`
// match within and across segments, and policy variables stand for any text.
import { describe, expect, it } from 'vitest';
import { arnMatchesFormat, patternCovers, splitArn } from './arn.ts';

const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

describe('IAM JSON policy elements: Resource, matched against the Service Authorization Reference ARN formats', () => {
  it.each([
    ['arn:aws:s3:::pics/cat.jpg', OBJECT, true],
    ['arn:aws:s3:::pics/*', OBJECT, true],
    ['arn:aws:s3:::pics', OBJECT, false],
    ['arn:aws:s3:::pics', BUCKET, true],
    ['arn:aws:s3:::pic*', OBJECT, true],
    ['arn:aws:s3:us-east-1::pics', BUCKET, false],
    ['arn:aws:iam::111122223333:role/app', ROLE, true],
    ['arn:aws:iam::*:*', ROLE, true],
    ['arn:aws:iam::111122223333:user/bob', ROLE, false],
    ['arn:aws:s3:::${aws:username}/*', OBJECT, true],
    ['*', ROLE, true],
  ])('%s against %s: %s', (value, format, expected) => {
    expect(arnMatchesFormat(value, format)).toBe(expected);
  });

  it('splits six segments and keeps the colons of the resource part', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:app:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '111122223333',
      'log-group:app:*',
    ]);
    expect(splitArn('arn:aws:s3')).toBeUndefined();
  });

  it.each([
    ['arn:aws:iam::1:role/jane*', 'arn:aws:iam::1:role/jane-admin', true],
    ['arn:aws:iam::1:role/jane*', 'arn:aws:iam::1:role/jan*', false],
    ['arn:aws:iam::1:role/j?ne', 'arn:aws:iam::1:role/j*ne', false],
    ['*', 'arn:aws:s3:::anything', true],
  ])('%s covers %s: %s', (broad, narrow, expected) => {
    expect(patternCovers(broad, narrow, false)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { AWS_ERROR_CATALOGUE, AwsError, awsError, isAwsErrorCode, toAwsError, validationError } from './index.ts';

describe('IAM API Reference "Common Errors" / S3 "Error responses": codes carry AWS status and type', () => {
  it.each([
    ['AccessDenied', 403],
    ['InvalidClientTokenId', 403],
    ['SignatureDoesNotMatch', 403],
    ['IncompleteSignature', 400],
    ['MissingAuthenticationToken', 403],
    ['NoSuchEntity', 404],
    ['EntityAlreadyExists', 409],
    ['DeleteConflict', 409],
    ['LimitExceeded', 409],
    ['MalformedPolicyDocument', 400],
    ['PackedPolicyTooLarge', 400],
    ['IDPRejectedClaim', 403],
    ['RegionDisabledException', 403],
    ['NoSuchBucket', 404],
    ['BucketAlreadyOwnedByYou', 409],
    ['PreconditionFailed', 412],
    ['InvalidRange', 416],
    ['RequestTimeTooSkewed', 403],
    ['NotImplemented', 501],
    ['MissingContentLength', 411],
  ] as const)('%s is HTTP %i', (code, status) => {
    expect(awsError(code).status).toBe(status);
  });

  it('5xx errors are of type Receiver, others Sender', () => {
    expect(awsError('InternalFailure').type).toBe('Receiver');
    expect(awsError('ServiceUnavailable').type).toBe('Receiver');
    expect(awsError('ValidationError', 'x').type).toBe('Sender');
  });

  it('a service that differs overrides the status (S3 ExpiredToken is 400)', () => {
    expect(awsError('ExpiredToken').status).toBe(403);
    expect(awsError('ExpiredToken', undefined, { status: 400 }).status).toBe(400);
  });

  it('without a message, the catalogue text is used; with one, it replaces it', () => {
    expect(awsError('InvalidClientTokenId').message).toBe('The security token included in the request is invalid.');
    expect(awsError('NoSuchEntity', 'The role with name x cannot be found.').message).toBe(
      'The role with name x cannot be found.',
    );
  });

  it('the detail is kept apart from the public message', () => {
    const err = awsError('AccessDenied', 'Access Denied', { detail: 'arn:aws:iam::111122223333:role/secret' });
    expect(err.message).not.toContain('111122223333');
    expect(err.detail).toContain('111122223333');
  });

  it('every catalogue status is a real HTTP error or redirect status', () => {
    for (const [code, spec] of Object.entries(AWS_ERROR_CATALOGUE)) {
      expect(spec.status, code).toBeGreaterThanOrEqual(300);
      expect(spec.status, code).toBeLessThan(600);
    }
  });

  it('recognises catalogue codes only', () => {
    expect(isAwsErrorCode('NoSuchKey')).toBe(true);
    expect(isAwsErrorCode('toString')).toBe(false);
    expect(isAwsErrorCode('NoSuchThing')).toBe(false);
  });

  it('toAwsError keeps an AwsError and turns anything else into a 500 with a private detail', () => {
    const original = awsError('NoSuchKey');
    expect(toAwsError(original)).toBe(original);
    const wrapped = toAwsError(new Error('disk on fire'));
    expect(wrapped).toBeInstanceOf(AwsError);
    expect(wrapped.code).toBe('InternalFailure');
    expect(wrapped.status).toBe(500);
    expect(wrapped.message).not.toContain('disk');
    expect(wrapped.detail).toContain('disk on fire');
    expect(toAwsError('x', 'InternalError').code).toBe('InternalError');
  });
});

describe('AWS request validation message ("N validation errors detected: Value ... at ... failed to satisfy constraint")', () => {
  it('one violation', () => {
    const err = validationError([
      { path: 'durationSeconds', value: '43201', constraint: 'Member must have value less than or equal to 43200' },
    ]);
    expect(err.code).toBe('ValidationError');
    expect(err.message).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });

  it('several violations are joined with "; " and a missing value is null', () => {
    const err = validationError([
      { path: 'roleName', value: null, constraint: 'Member must not be null' },
      { path: 'tags.1.member.key', value: 'a b', constraint: 'Member must satisfy regular expression pattern: x' },
    ]);
    expect(err.message).toBe(
      "2 validation errors detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null; " +
        "Value 'a b' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: x",
    );
  });

  it('a JSON service chooses its own code', () => {
    expect(validationError([{ path: 'name', value: null, constraint: 'Member must not be null' }], 'ValidationException').code).toBe(
      'ValidationException',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { failureOf } from './aws-failure.ts';

/** An error as the AWS SDK v3 throws it, with the fields its deserialisers add. */
function sdkError(name: string, message: string, fields: Record<string, unknown>): Error {
  const err = new Error(message);
  err.name = name;
  return Object.assign(err, { $metadata: { httpStatusCode: 403 } }, fields);
}

describe('AWS error responses ("Error responses" of the Query, REST-XML and JSON protocols): the code the service sent', () => {
  it('Query and REST-XML errors carry the wire code as Code (not the SDK class name)', () => {
    expect(failureOf(sdkError('MalformedPolicyDocumentException', 'Statement IDs (SID) must be alpha-numeric.', { Code: 'MalformedPolicyDocument' }))).toEqual({
      code: 'MalformedPolicyDocument',
      message: 'Statement IDs (SID) must be alpha-numeric.',
    });
    expect(failureOf(sdkError('AccessDenied', 'User: x is not authorized', { Code: 'AccessDenied' })).code).toBe('AccessDenied');
  });

  it('JSON 1.1 errors carry it as __type, possibly namespaced', () => {
    expect(failureOf(sdkError('AWSOrganizationsNotInUseException', 'not in an organization', { __type: 'com.amazonaws#AWSOrganizationsNotInUseException' })).code).toBe(
      'AWSOrganizationsNotInUseException',
    );
  });

  it('a bodiless S3 error (HEAD) is named by its status', () => {
    expect(failureOf(sdkError('Unknown', 'UnknownError', {})).code).toBe('HTTP403');
  });

  it('a network failure keeps its cause', () => {
    const err = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4577') });
    expect(failureOf(err)).toEqual({ code: 'TypeError', message: 'fetch failed (connect ECONNREFUSED 127.0.0.1:4577)' });
  });
});

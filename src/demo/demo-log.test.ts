import { describe, expect, it } from 'vitest';
import { DemoLog, failureOf } from './demo-log.ts';
import { ALLOWED, refused } from './outcome.ts';

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

describe('podiam demo output: one line per checked call with what happened and why', () => {
  function log(): { log: DemoLog; out: () => string } {
    let text = '';
    return { log: new DemoLog((t) => (text += t)), out: () => text };
  }

  it('an allowed call prints its detail', async () => {
    const { log: l, out } = log();
    expect(await l.check('s3:GetObject pics/indoor-cat.jpg', ALLOWED, async () => '304 bytes')).toBe(true);
    expect(out()).toBe('   ok    allowed  s3:GetObject pics/indoor-cat.jpg: 304 bytes\n');
  });

  it("a refused call prints the service's code and message, and the note", async () => {
    const { log: l, out } = log();
    const ok = await l.check('s3:PutObject pics/x', refused('AccessDenied'), async () => {
      throw sdkError('AccessDenied', 'User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: s3:PutObject', { Code: 'AccessDenied' });
    }, { note: 'the role may read only' });
    expect(ok).toBe(true);
    expect(out()).toBe('   ok    refused  s3:PutObject pics/x: AccessDenied: User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: s3:PutObject\n        the role may read only\n');
    expect(l.tally.passed).toBe(true);
  });

  it('a call that went the other way prints FAIL with the expectation, and the tally fails', async () => {
    const { log: l, out } = log();
    expect(await l.check('sts:AssumeRoleWithWebIdentity r', refused('AccessDenied'), async () => 'arn:aws:sts::1:assumed-role/r/s')).toBe(false);
    expect(out()).toContain('FAIL  allowed  sts:AssumeRoleWithWebIdentity r: arn:aws:sts::1:assumed-role/r/s\n        expected refused (AccessDenied)');
    expect(l.tally.passed).toBe(false);
    expect(l.tally.mismatches).toEqual(['sts:AssumeRoleWithWebIdentity r']);
  });

  it('a skipped call is not run, says why, and leaves the tally unpassed', async () => {
    const { log: l, out } = log();
    let ran = false;
    await l.check('s3:ListBucket b', ALLOWED, async () => {
      ran = true;
      return '';
    }, { skip: 'S3 not available on this endpoint' });
    expect(ran).toBe(false);
    expect(out()).toBe('   skip  s3:ListBucket b: S3 not available on this endpoint\n');
    expect(l.tally.passed).toBe(false);
  });
});

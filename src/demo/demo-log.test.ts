import { describe, expect, it } from 'vitest';
import { DemoLog } from './demo-log.ts';
import { ALLOWED, refused } from './outcome.ts';

/** An error as the AWS SDK v3 throws it, with the fields its deserialisers add. */
function sdkError(name: string, message: string, fields: Record<string, unknown>): Error {
  const err = new Error(message);
  err.name = name;
  return Object.assign(err, { $metadata: { httpStatusCode: 403 } }, fields);
}

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

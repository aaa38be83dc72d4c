import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { roleSessionDuration, sessionTokenDuration } from './session-duration.ts';

function refusal(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isAwsError(err)) throw err;
    return { code: err.code, message: err.message };
  }
}

describe('STS API Reference, "AssumeRole": DurationSeconds up to the role\'s MaxSessionDuration', () => {
  it('defaults to one hour', () => {
    expect(roleSessionDuration(undefined, 3600, false)).toBe(3600);
  });
  it('grants up to the role maximum', () => {
    expect(roleSessionDuration(43200, 43200, false)).toBe(43200);
  });
  it('refuses more than the role maximum with ValidationError', () => {
    expect(refusal(() => roleSessionDuration(7200, 3600, false))).toEqual({
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });
});

describe('IAM User Guide, "Methods to assume a role": role chaining is limited to one hour', () => {
  it('refuses more than an hour for a chained session even when the role allows more', () => {
    expect(refusal(() => roleSessionDuration(3601, 43200, true))).toEqual({
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
  });
  it('grants an hour to a chained session', () => {
    expect(roleSessionDuration(3600, 43200, true)).toBe(3600);
  });
});

describe('STS API Reference, "GetSessionToken": durations', () => {
  it('defaults to 12 hours for IAM users', () => {
    expect(sessionTokenDuration(undefined, false)).toBe(43200);
  });
  it('grants IAM users up to 36 hours', () => {
    expect(sessionTokenDuration(129600, false)).toBe(129600);
  });
  it('gives the account root at most one hour, also when it asks for more', () => {
    expect(sessionTokenDuration(undefined, true)).toBe(3600);
    expect(sessionTokenDuration(7200, true)).toBe(3600);
    expect(sessionTokenDuration(900, true)).toBe(900);
  });
});

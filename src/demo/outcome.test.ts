import { describe, expect, it } from 'vitest';
import { ALLOWED, describeExpectation, refused, Tally, verdict } from './outcome.ts';

describe('podiam demo bookkeeping: an expected outcome happened only when the call did what the policies say', () => {
  it('an allowed call meets an expectation of allowed, and misses one of refused', () => {
    expect(verdict(ALLOWED, { kind: 'allowed', detail: '' })).toBe('ok');
    expect(verdict(refused('AccessDenied'), { kind: 'allowed', detail: '' })).toBe('mismatch');
  });

  it('a refusal meets an expectation of refused only with the expected error code', () => {
    expect(verdict(refused('AccessDenied'), { kind: 'refused', code: 'AccessDenied', reason: 'x' })).toBe('ok');
    expect(verdict(refused('AccessDenied'), { kind: 'refused', code: 'InvalidIdentityToken', reason: 'x' })).toBe('mismatch');
    expect(verdict(ALLOWED, { kind: 'refused', code: 'AccessDenied', reason: 'x' })).toBe('mismatch');
  });

  it('a skipped call is neither met nor missed', () => {
    expect(verdict(ALLOWED, { kind: 'skipped', reason: 'S3 not available' })).toBe('skipped');
    expect(verdict(refused(), { kind: 'skipped', reason: 'S3 not available' })).toBe('skipped');
  });

  it('describes expectations as the log prints them', () => {
    expect(describeExpectation(ALLOWED)).toBe('allowed');
    expect(describeExpectation(refused('implicitDeny'))).toBe('refused (implicitDeny)');
  });
});

describe('podiam demo exit status: 0 only when every expected outcome happened and none went unchecked', () => {
  it('passes when all were met', () => {
    const tally = new Tally();
    tally.add('ok', 'a');
    tally.add('ok', 'b');
    expect(tally.passed).toBe(true);
    expect(tally.summary()).toBe('2 expected outcomes: 2 happened, 0 did not, 0 not checked');
  });

  it('fails on one mismatch and names it', () => {
    const tally = new Tally();
    tally.add('ok', 'a');
    tally.add('mismatch', 's3:GetObject pics/indoor-cat.jpg');
    expect(tally.passed).toBe(false);
    expect(tally.mismatches).toEqual(['s3:GetObject pics/indoor-cat.jpg']);
  });

  it('fails when a call could not be checked (S3 not available)', () => {
    const tally = new Tally();
    tally.add('ok', 'a');
    tally.add('skipped', 'b');
    expect(tally.passed).toBe(false);
    expect(tally.summary()).toBe('2 expected outcomes: 1 happened, 0 did not, 1 not checked');
  });

  it('fails when nothing was checked at all', () => {
    expect(new Tally().passed).toBe(false);
    expect(new Tally().summary()).toBe('0 expected outcomes: 0 happened, 0 did not, 0 not checked');
  });
});

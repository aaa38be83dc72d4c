import { describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleArn } from '../../../aws/arn/index.ts';
import { ScriptedAssumer, stsFailure } from '../testing/scripted-assumer.ts';
import { classifyStsError, type AssumeRoleInput } from './role-assumer.ts';
import { sessionName, sessionTags } from './session-identity.ts';
import { withTagFallback } from './tag-fallback.ts';

const role = (parseRoleArn('arn:aws:iam::123456789012:role/reader') as { ok: true; value: RoleArn }).value;

describe('AssumeRole RoleSessionName: 2-64 characters of [\\w+=,.@-] (AWS STS API Reference, "AssumeRole")', () => {
  it('is <namespace>.<pod>', () => {
    expect(sessionName({ namespace: 'team-a', name: 'web-7d9f-x2' })).toBe('team-a.web-7d9f-x2');
  });

  it('is truncated to 64 characters', () => {
    const name = sessionName({ namespace: 'n'.repeat(40), name: 'p'.repeat(60) });
    expect(name).toHaveLength(64);
    expect(name.startsWith(`${'n'.repeat(40)}.`)).toBe(true);
  });

  it('replaces characters outside the alphabet', () => {
    expect(sessionName({ namespace: 'a b', name: 'c/d' })).toMatch(/^[\w+=,.@-]+$/);
  });
});

describe('Session tags ("Passing session tags in AWS STS": values up to 256 characters of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@])', () => {
  it('names the namespace, pod, service account and node', () => {
    expect(sessionTags({ namespace: 'team-a', name: 'web-0', serviceAccount: 'web' }, 'ip-10-0-0-1.ec2.internal')).toEqual([
      { Key: 'kubernetes-namespace', Value: 'team-a' },
      { Key: 'kubernetes-pod-name', Value: 'web-0' },
      { Key: 'kubernetes-service-account', Value: 'web' },
      { Key: 'kubernetes-node', Value: 'ip-10-0-0-1.ec2.internal' },
    ]);
  });

  it('leaves out a value STS would refuse instead of failing the call', () => {
    const tags = sessionTags({ namespace: 'a', name: 'x'.repeat(257), serviceAccount: 'sa' }, undefined);
    expect(tags.map((t) => t.Key)).toEqual(['kubernetes-namespace', 'kubernetes-service-account']);
  });
});

describe('Session tags where the STS allows them: a refused tagged call is retried without tags', () => {
  const input: AssumeRoleInput = { role, externalId: undefined, sessionName: 'a.b', tags: [{ Key: 'kubernetes-namespace', Value: 'a' }], durationSeconds: 3600 };

  it('keeps tags when the STS accepts them', async () => {
    const sts = new ScriptedAssumer(() => 0);
    const out = await withTagFallback(sts, { now: () => 0, rememberMs: 1000 }).assumeRole(input);
    expect(out.ok && out.credentials.tagged).toBe(true);
    expect(sts.calls).toHaveLength(1);
  });

  it('retries without tags on AccessDenied (trust policy without sts:TagSession) and remembers it', async () => {
    let now = 0;
    const sts = new ScriptedAssumer(() => now);
    sts.script = (i) => (i.tags.length > 0 ? stsFailure('denied', 'AccessDenied', 403) : { ok: true, credentials: sts.issue(i) });
    const fallbacks: string[] = [];
    const assumer = withTagFallback(sts, { now: () => now, rememberMs: 1000, onFallback: (_i, code) => fallbacks.push(code) });
    const first = await assumer.assumeRole(input);
    expect(first.ok && first.credentials.tagged).toBe(false);
    expect(sts.calls.map((c) => c.tags.length)).toEqual([1, 0]);
    expect(fallbacks).toEqual(['AccessDenied']);
    await assumer.assumeRole(input);
    expect(sts.calls.map((c) => c.tags.length)).toEqual([1, 0, 0]);
    now = 2000;
    await assumer.assumeRole(input);
    expect(sts.calls.map((c) => c.tags.length)).toEqual([1, 0, 0, 1, 0]);
  });

  it('does not retry on throttling or an unreachable STS', async () => {
    const sts = new ScriptedAssumer(() => 0, () => stsFailure('throttled', 'Throttling', 400));
    const out = await withTagFallback(sts, { now: () => 0, rememberMs: 1000 }).assumeRole(input);
    expect(out.ok).toBe(false);
    expect(sts.calls).toHaveLength(1);
  });

  it('returns the untagged failure when both calls fail', async () => {
    const sts = new ScriptedAssumer(() => 0, (i) => (i.tags.length > 0 ? stsFailure('invalid', 'ValidationError', 400) : stsFailure('denied', 'AccessDenied', 403)));
    const out = await withTagFallback(sts, { now: () => 0, rememberMs: 1000 }).assumeRole(input);
    expect(!out.ok && out.failure.code).toBe('AccessDenied');
  });
});

describe('STS errors by code, then status (AWS STS API Reference, "Common Errors")', () => {
  it('classifies', () => {
    expect(classifyStsError('AccessDenied', 403)).toBe('denied');
    expect(classifyStsError('InvalidClientTokenId', 403)).toBe('denied');
    expect(classifyStsError('Throttling', 400)).toBe('throttled');
    expect(classifyStsError('ValidationError', 400)).toBe('invalid');
    expect(classifyStsError('Whatever', 429)).toBe('throttled');
    expect(classifyStsError('ServiceUnavailable', 503)).toBe('unavailable');
    expect(classifyStsError('ECONNREFUSED', undefined)).toBe('unavailable');
  });
});

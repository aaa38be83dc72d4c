import { describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleArn } from '../../../aws/arn/index.ts';
import { FakeClock, settle } from '../testing/fake-clock.ts';
import { ScriptedAssumer, stsFailure } from '../testing/scripted-assumer.ts';
import type { AssumeRoleOutcome } from '../sts/role-assumer.ts';
import { CredentialCache, type CredentialRequest } from './credential-cache.ts';
import { DEFAULT_LIFETIME_POLICY, lifetimePolicyFor, lifetimePolicyProblem } from './lifetime-policy.ts';

const MIN = 60_000;
const role = (parseRoleArn('arn:aws:iam::123456789012:role/reader') as { ok: true; value: RoleArn }).value;

function request(key = 'k1', owner = 'uid-1', externalId?: string): CredentialRequest {
  return { key, owner, input: { role, externalId, sessionName: 'ns.pod', tags: [], durationSeconds: 3600 } };
}

function setup(policy = DEFAULT_LIFETIME_POLICY) {
  const clock = new FakeClock();
  const sts = new ScriptedAssumer(() => clock.now());
  const calls: string[] = [];
  const cache = new CredentialCache({
    assumer: sts,
    clock,
    policy,
    random: () => 0,
    observer: { stsCall: (_i, outcome, _ms, reason) => calls.push(`${reason}:${outcome === 'success' ? 'ok' : outcome.code}`) },
  });
  return { clock, sts, cache, calls };
}

describe('credential cache: one STS call per key, shared by concurrent callers', () => {
  it('a miss calls STS once for any number of concurrent callers, then hits', async () => {
    const { sts, cache } = setup();
    let release: () => void = () => undefined;
    sts.script = (i) => new Promise<AssumeRoleOutcome>((resolve) => (release = () => resolve({ ok: true, credentials: sts.issue(i) })));
    const answers = Array.from({ length: 50 }, () => cache.fetch(request()));
    await settle();
    expect(sts.calls).toHaveLength(1);
    release();
    const got = await Promise.all(answers);
    expect(new Set(got.map((a) => a.kind === 'credentials' && a.credentials.accessKeyId)).size).toBe(1);
    expect(cache.lookup('k1')?.accessKeyId).toBe(got[0]?.kind === 'credentials' ? got[0].credentials.accessKeyId : '');
    expect(sts.calls).toHaveLength(1);
  });

  it('keys differ by external ID and by session identity', async () => {
    const { sts, cache } = setup();
    const a = await cache.fetch(request('role|ext-a|ns.pod|uid-1', 'uid-1', 'ext-a'));
    const b = await cache.fetch(request('role|ext-b|ns.pod|uid-1', 'uid-1', 'ext-b'));
    expect(sts.calls.map((c) => c.externalId)).toEqual(['ext-a', 'ext-b']);
    expect(a.kind === 'credentials' && b.kind === 'credentials' && a.credentials.sessionToken !== b.credentials.sessionToken).toBe(true);
  });

  it('prefetch fills the cache so the first lookup is a hit', async () => {
    const { sts, cache, calls } = setup();
    cache.prefetch(request());
    cache.prefetch(request());
    expect(cache.lookup('k1')).toBeUndefined();
    await settle();
    expect(cache.lookup('k1')).toBeDefined();
    expect(sts.calls).toHaveLength(1);
    expect(calls).toEqual(['prefetch:ok']);
  });
});

describe('served lifetimes: never less than 25 minutes left, renewed from 40 minutes left', () => {
  it('renews in the background before credentials fall under the served lifetime', async () => {
    const { clock, cache, calls } = setup();
    await cache.fetch(request());
    const first = cache.lookup('k1');
    await clock.advance(19 * MIN);
    expect(cache.lookup('k1')).toBe(first);
    await clock.advance(1 * MIN + 1);
    expect(calls).toEqual(['request:ok', 'refresh:ok']);
    const second = cache.lookup('k1');
    expect(second).not.toBe(first);
    // Over five hours every lookup finds credentials with more than 25 minutes left.
    for (let t = 0; t < 300; t++) {
      await clock.advance(MIN);
      const c = cache.lookup('k1');
      expect(c).toBeDefined();
      expect((c?.expiration ?? 0) - clock.now()).toBeGreaterThanOrEqual(25 * MIN);
    }
  });

  it('keeps serving the old credentials while renewal fails, retrying with backoff, until the floor', async () => {
    const { clock, sts, cache } = setup();
    await cache.fetch(request());
    const first = cache.lookup('k1');
    sts.script = () => stsFailure('unavailable', 'ServiceUnavailable', 503);
    await clock.advance(20 * MIN + 1);
    expect(sts.calls.length).toBe(2);
    expect(cache.lookup('k1')).toBe(first);
    await clock.advance(10 * MIN);
    expect(sts.calls.length).toBeGreaterThan(5);
    expect(cache.lookup('k1')).toBe(first);
    await clock.advance(5 * MIN);
    expect(cache.lookup('k1')).toBeUndefined();
    sts.script = (i) => ({ ok: true, credentials: sts.issue(i) });
    await clock.advance(5 * MIN);
    expect(cache.lookup('k1')).toBeDefined();
  });

  it('refuses a policy that would serve under 21 minutes or leaves no time to renew', () => {
    expect(lifetimePolicyProblem(DEFAULT_LIFETIME_POLICY)).toBeUndefined();
    expect(lifetimePolicyProblem({ ...DEFAULT_LIFETIME_POLICY, minServedMs: 15 * MIN })).toMatch(/at least 21 minutes/);
    expect(lifetimePolicyProblem(lifetimePolicyFor(1800))).toMatch(/at least 43 minutes/);
    expect(lifetimePolicyProblem(lifetimePolicyFor(43 * 60))).toBeUndefined();
  });
});

describe('negative caching: STS errors are cached with exponential backoff', () => {
  it('answers the cached failure without calling STS until the backoff ends, doubling it', async () => {
    const { clock, sts, cache } = setup();
    sts.script = () => stsFailure('denied', 'AccessDenied', 403);
    const first = await cache.fetch(request());
    expect(first).toMatchObject({ kind: 'failure', cached: false });
    for (let i = 0; i < 100; i++) expect(await cache.fetch(request())).toMatchObject({ kind: 'failure', cached: true });
    expect(sts.calls).toHaveLength(1);
    await clock.advance(1000);
    await cache.fetch(request());
    expect(sts.calls).toHaveLength(2);
    await clock.advance(1000);
    await cache.fetch(request());
    expect(sts.calls).toHaveLength(2);
    await clock.advance(1000);
    await cache.fetch(request());
    expect(sts.calls).toHaveLength(3);
  });

  it('caps the backoff at five minutes: a misconfigured role costs at most 12 calls an hour once settled', async () => {
    const { clock, sts, cache } = setup();
    sts.script = () => stsFailure('denied', 'AccessDenied', 403);
    for (let s = 0; s < 3600; s += 1) {
      await cache.fetch(request());
      await clock.advance(1000);
    }
    const before = sts.calls.length;
    for (let s = 0; s < 3600; s += 1) {
      await cache.fetch(request());
      await clock.advance(1000);
    }
    expect(sts.calls.length - before).toBeLessThanOrEqual(13);
  });

  it('a success clears the failure', async () => {
    const { clock, sts, cache } = setup();
    sts.script = () => stsFailure('throttled', 'Throttling', 400);
    await cache.fetch(request());
    sts.script = (i) => ({ ok: true, credentials: sts.issue(i) });
    await clock.advance(1000);
    expect((await cache.fetch(request())).kind).toBe('credentials');
    expect(cache.lookup('k1')).toBeDefined();
  });
});

describe('entries belong to their pod', () => {
  it('evicting the pod drops its keys and stops their renewal', async () => {
    const { clock, sts, cache } = setup();
    await cache.fetch(request('a', 'uid-1'));
    await cache.fetch(request('b', 'uid-1'));
    await cache.fetch(request('c', 'uid-2'));
    expect([...cache.keysOf('uid-1')].sort()).toEqual(['a', 'b']);
    cache.evictOwner('uid-1');
    expect(cache.lookup('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    await clock.advance(30 * MIN);
    expect(sts.calls.filter((c) => c.role === role).length).toBe(4);
  });

  it('a call in flight when its pod goes is not stored', async () => {
    const { sts, cache } = setup();
    let release: () => void = () => undefined;
    sts.script = (i) => new Promise((resolve) => (release = () => resolve({ ok: true, credentials: sts.issue(i) })));
    const pending = cache.fetch(request());
    await settle();
    cache.evictOwner('uid-1');
    release();
    await pending;
    expect(cache.lookup('k1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

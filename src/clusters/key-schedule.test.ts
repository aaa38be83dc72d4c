// podiam's rotation policy over stored keys (OpenID Connect Core 1.0, 10.1.1): rotate after 7 days,
// publish a new key an hour ahead, keep an old key published 48 h + 5 min after it last signed — and
// never unpublish a key before the end of publication recorded when it was retired.
import { describe, expect, it } from 'vitest';
import type { ClusterSigningKey } from '../store/index.ts';
import { PUBLISHED_TAIL_SECONDS, keySchedule, keyStatus } from './key-schedule.ts';

const T0 = Date.UTC(2026, 0, 1);
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const HOUR = 3600;
const DAY = 24 * HOUR;

function key(kid: string, created: number, retired?: number, publishedUntil?: number): ClusterSigningKey {
  return {
    clusterName: 'demo',
    kid,
    privateJwk: {},
    publicJwk: {},
    createdAt: at(created),
    retiredAt: retired === undefined ? undefined : at(retired),
    expiresPublicAt: publishedUntil === undefined ? undefined : at(publishedUntil),
  };
}

describe('keySchedule', () => {
  it('a single key signs at once and is not due before seven days', () => {
    const plan = keySchedule([key('a', 0)], at(7 * DAY - 1));
    expect(plan).toMatchObject({ signingKid: 'a', rotateNow: false, removableKids: [] });
    expect(plan.published.map((k) => k.kid)).toEqual(['a']);
    expect(keySchedule([key('a', 0)], at(7 * DAY)).rotateNow).toBe(true);
  });

  it('a new key is PENDING for the first hour, then ACTIVE; the old key turns RETIRED', () => {
    const keys = [key('a', 0, 7 * DAY + HOUR, 7 * DAY + HOUR + PUBLISHED_TAIL_SECONDS), key('b', 7 * DAY)];
    const early = keySchedule(keys, at(7 * DAY + 10));
    expect([keyStatus(early, 'a'), keyStatus(early, 'b'), early.rotateNow]).toEqual(['ACTIVE', 'PENDING', false]);
    const later = keySchedule(keys, at(7 * DAY + HOUR + 10));
    expect([keyStatus(later, 'a'), keyStatus(later, 'b')]).toEqual(['RETIRED', 'ACTIVE']);
  });

  it('the old key is removable only after 48 h + 5 min past its last signature', () => {
    const keys = [key('a', 0, 7 * DAY + HOUR, 7 * DAY + HOUR + PUBLISHED_TAIL_SECONDS), key('b', 7 * DAY)];
    expect(keySchedule(keys, at(7 * DAY + HOUR + PUBLISHED_TAIL_SECONDS - 1)).removableKids).toEqual([]);
    expect(keySchedule(keys, at(7 * DAY + HOUR + PUBLISHED_TAIL_SECONDS + 1)).removableKids).toEqual(['a']);
  });

  it('rotated on demand twice within an hour: every key that signed stays published', () => {
    // b signed from 10 s to 20 s (rotated in on demand, then out); the schedule alone thinks b never signed.
    const keys = [key('a', 0, 10, 10 + PUBLISHED_TAIL_SECONDS), key('b', 10, 20, 20 + PUBLISHED_TAIL_SECONDS), key('c', 20)];
    const plan = keySchedule(keys, at(30));
    expect(plan.signingKid).toBe('c');
    expect(plan.published.map((k) => k.kid)).toEqual(['a', 'b', 'c']);
    expect(plan.removableKids).toEqual([]);
  });

  it('keys made within the same second keep their order', () => {
    const keys = [key('z', 0.001, 0.002, 0.002 + PUBLISHED_TAIL_SECONDS), key('a', 0.002)];
    expect(keySchedule(keys, at(1)).signingKid).toBe('a');
    expect(keySchedule(keys, at(1)).published.map((k) => k.kid)).toEqual(['z', 'a']);
  });
});

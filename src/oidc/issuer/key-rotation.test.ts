import { describe, expect, it } from 'vitest';
import { planKeyRotation, type KeyRotationPolicy } from './key-rotation.ts';

const DAY = 86_400;
const POLICY: KeyRotationPolicy = { rotateAfterSeconds: 7 * DAY, maxTokenLifetimeSeconds: DAY, publishAheadSeconds: 3600, clockSkewSeconds: 300 };
const T0 = 1_760_000_000;

describe('Signing-key rotation: publish before signing, keep old keys until their tokens expire (OpenID Connect Core 1.0, 10.1.1)', () => {
  it('signs with a lone key at once and asks for rotation once it is due', () => {
    const keys = [{ kid: 'a', createdAt: T0 }];
    expect(planKeyRotation(keys, POLICY, T0)).toEqual({
      signingKid: 'a',
      publishedKids: ['a'],
      pendingKids: [],
      removableKids: [],
      rotateNow: false,
    });
    expect(planKeyRotation(keys, POLICY, T0 + 7 * DAY).rotateNow).toBe(true);
  });

  it('publishes a new key an hour before it signs, and does not ask to rotate meanwhile', () => {
    const keys = [
      { kid: 'a', createdAt: T0 },
      { kid: 'b', createdAt: T0 + 7 * DAY },
    ];
    const before = planKeyRotation(keys, POLICY, T0 + 7 * DAY + 3599);
    expect(before).toMatchObject({ signingKid: 'a', publishedKids: ['a', 'b'], pendingKids: ['b'], rotateNow: false });
    const after = planKeyRotation(keys, POLICY, T0 + 7 * DAY + 3600);
    expect(after).toMatchObject({ signingKid: 'b', publishedKids: ['a', 'b'], pendingKids: [], rotateNow: false });
  });

  it('keeps the old key published for the longest token lifetime plus the clock skew, then lets it go', () => {
    const keys = [
      { kid: 'a', createdAt: T0 },
      { kid: 'b', createdAt: T0 + 7 * DAY },
    ];
    const handover = T0 + 7 * DAY + 3600;
    expect(planKeyRotation(keys, POLICY, handover + DAY + 299).publishedKids).toEqual(['a', 'b']);
    expect(planKeyRotation(keys, POLICY, handover + DAY + 300)).toMatchObject({ publishedKids: ['b'], removableKids: ['a'] });
  });

  it('stops signing with a retired key at once but keeps it published for tokens it already signed', () => {
    const keys = [
      { kid: 'a', createdAt: T0, retiredAt: T0 + DAY },
      { kid: 'b', createdAt: T0 + DAY },
    ];
    const plan = planKeyRotation(keys, POLICY, T0 + DAY + 10);
    expect(plan).toMatchObject({ signingKid: 'b', publishedKids: ['a', 'b'] });
    expect(planKeyRotation(keys, POLICY, T0 + 2 * DAY + 300).removableKids).toEqual(['a']);
  });

  it('asks for a key when every key is retired', () => {
    const plan = planKeyRotation([{ kid: 'a', createdAt: T0, retiredAt: T0 + 10 }], POLICY, T0 + 20);
    expect(plan).toMatchObject({ signingKid: undefined, rotateNow: true, publishedKids: ['a'] });
  });

  it('drops a key that was retired before it ever signed', () => {
    const keys = [
      { kid: 'a', createdAt: T0 },
      { kid: 'b', createdAt: T0 + DAY, retiredAt: T0 + DAY + 60 },
    ];
    expect(planKeyRotation(keys, POLICY, T0 + DAY + 120)).toMatchObject({ signingKid: 'a', publishedKids: ['a'], removableKids: ['b'] });
  });
});

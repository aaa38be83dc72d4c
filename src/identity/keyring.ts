// The server keys that seal session tokens: created on first start, rotated daily, and kept after
// retirement for as long as a token they sealed can live: 36 hours, the longest session STS gives
// (GetSessionToken and GetFederationToken, DurationSeconds up to 129,600), plus an hour's margin.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { SessionKey, SessionKeyring } from './session-token.ts';

const ROTATE_AFTER_MS = 24 * 3600_000;
const KEEP_RETIRED_MS = (36 + 1) * 3600_000;

/** Loads the keyring, creating or rotating the sealing key when due, and dropping keys no token can need. */
export async function loadKeyring(store: Store, now: Date): Promise<SessionKeyring> {
  const keys = await store.transaction(async (tx) => {
    let all = await tx.stsKeys.all();
    const live = all.filter((k) => k.retiredAt === undefined);
    const newest = live[live.length - 1];
    if (newest === undefined || now.getTime() - newest.createdAt.getTime() > ROTATE_AFTER_MS) {
      const nextId = all.reduce((max, k) => Math.max(max, Number(k.id)), 0) + 1;
      for (const k of live) await tx.stsKeys.retire(k.id, now);
      await tx.stsKeys.insert({ id: String(nextId % 65536), keyMaterial: randomBytes(32), createdAt: now, retiredAt: undefined });
      all = await tx.stsKeys.all();
    }
    for (const k of all) {
      if (k.retiredAt !== undefined && now.getTime() - k.retiredAt.getTime() > KEEP_RETIRED_MS) await tx.stsKeys.delete(k.id);
    }
    return all.filter((k) => k.retiredAt === undefined || now.getTime() - k.retiredAt.getTime() <= KEEP_RETIRED_MS);
  });
  const byId = new Map<number, SessionKey>();
  let current: SessionKey | undefined;
  for (const k of keys) {
    const key: SessionKey = { id: Number(k.id), key: Buffer.from(k.keyMaterial) };
    byId.set(key.id, key);
    if (k.retiredAt === undefined) current = key;
  }
  if (current === undefined) throw new Error('no live session-token key after loading the keyring');
  return { current, byId };
}

import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { loadKeyring } from './keyring.ts';

const HOUR = 3600_000;
const start = new Date('2026-01-01T00:00:00Z');
const later = (hours: number) => new Date(start.getTime() + hours * HOUR);

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

// STS API Reference, "GetSessionToken": DurationSeconds up to 129,600 (36 hours) — the longest-lived
// temporary credentials STS gives. A key that sealed a token must open it for as long as it lives.
describe('session-token keys outlive the longest session (STS "GetSessionToken", 36 hours)', () => {
  it('rotates the sealing key daily and keeps the retired one for 36 hours and more, then drops it', async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' });
    const first = await loadKeyring(store, start);
    expect((await loadKeyring(store, later(23))).current.id).toBe(first.current.id);
    const rotated = await loadKeyring(store, later(25));
    expect(rotated.current.id).not.toBe(first.current.id);
    // Retired at hour 25: a 36-hour session sealed just before still opens at hour 25 + 36.
    expect((await loadKeyring(store, later(25 + 36))).byId.has(first.current.id)).toBe(true);
    expect((await loadKeyring(store, later(25 + 38))).byId.has(first.current.id)).toBe(false);
  });
});

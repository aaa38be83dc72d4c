import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { at, seed } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();

variants.describe('STS session-token keys are shared by every replica and retired, not lost', (stores) => {
  it('key bytes round-trip exactly (every byte value); keys list oldest first', async () => {
    const store = await stores.fresh();
    const material = Uint8Array.from({ length: 256 }, (_, i) => i);
    const older = await seed(store.stsKeys.insert({ id: 'k1', keyMaterial: material, createdAt: at(0), retiredAt: undefined }));
    await seed(store.stsKeys.insert({ id: 'k2', keyMaterial: new Uint8Array(32).fill(7), createdAt: at(60), retiredAt: undefined }));
    const replica = await stores.reopen();
    const keys = await replica.stsKeys.all();
    expect(keys.map((k) => k.id)).toEqual(['k1', 'k2']);
    expect(keys[0]).toEqual(older);
    expect(Buffer.from(keys[0]?.keyMaterial ?? []).equals(Buffer.from(material))).toBe(true);
  });

  it('retiring keeps the key with its retirement time; ids are unique', async () => {
    const store = await stores.fresh();
    const key = { id: 'k1', keyMaterial: new Uint8Array(32), createdAt: at(0), retiredAt: undefined };
    await seed(store.stsKeys.insert(key));
    expect(await store.stsKeys.insert(key)).toEqual(new StoreConflict('sts-key', 'k1'));
    expect(await store.stsKeys.retire('k1', at(3600))).toEqual({ ...key, retiredAt: at(3600) });
    expect(await store.stsKeys.retire('nope', at(1))).toBeUndefined();
    expect(await store.stsKeys.delete('k1')).toBe(true);
    expect(await store.stsKeys.all()).toEqual([]);
  });
});

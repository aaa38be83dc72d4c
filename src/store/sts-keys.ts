import type { Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, optionalDateOf } from './column-codecs.ts';
import type { StsKeysTable } from './schema.ts';
import type { Scope } from './scope.ts';

/**
 * A key of STS's authenticated encryption of session tokens. Every replica reads the same keys,
 * so any of them can open a token another issued; a retired key still opens tokens until they
 * expire but seals no new ones.
 */
export interface StsKey {
  readonly id: string;
  /** The raw key bytes (stored base64). */
  readonly keyMaterial: Uint8Array;
  readonly createdAt: Date;
  readonly retiredAt: Date | undefined;
}

/** STS session-token keys. */
export interface StsKeysRepo {
  /** Every key, oldest first. */
  all(): Promise<StsKey[]>;
  insert(key: StsKey): Promise<StsKey | StoreConflict>;
  retire(id: string, retiredAt: Date): Promise<StsKey | undefined>;
  delete(id: string): Promise<boolean>;
}

function stsKeyOf(row: Selectable<StsKeysTable>): StsKey {
  return {
    id: row.id,
    keyMaterial: new Uint8Array(Buffer.from(row.key_material, 'base64')),
    createdAt: dateOf('sts-key', row.created_at),
    retiredAt: optionalDateOf('sts-key', row.retired_at),
  };
}

/** The STS keys repository over a scope. */
export function stsKeysRepo(scope: Scope): StsKeysRepo {
  return {
    async all() {
      const rows = await scope.db.selectFrom('sts_keys').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(stsKeyOf);
    },

    insert(key) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('sts_keys')
          .values({
            id: key.id,
            key_material: Buffer.from(key.keyMaterial).toString('base64'),
            created_at: isoText(key.createdAt),
            retired_at: key.retiredAt === undefined ? null : isoText(key.retiredAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('sts-key', key.id) : stsKeyOf(row);
      });
    },

    retire(id, retiredAt) {
      return scope.write(async (db) => {
        const row = await db
          .updateTable('sts_keys')
          .set({ retired_at: isoText(retiredAt) })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : stsKeyOf(row);
      });
    },

    delete(id) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('sts_keys').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}

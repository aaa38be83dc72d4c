import type { Kysely } from 'kysely';
import { bumpRevision } from './revision.ts';
import { StoreConflict } from './conflict.ts';
import type { Database } from './schema.ts';
import type { StoreKind } from './store-kind.ts';

/**
 * Where an entity repository runs its statements: on the store itself (each write its own
 * transaction) or inside a caller's transaction. The repositories are written once against
 * this and work in both places.
 */
export interface Scope {
  readonly kind: StoreKind;
  /** Reads run here: the pool, or the open transaction. */
  readonly db: Kysely<Database>;
  /**
   * Runs a versioned write: atomic, and counted in the revision. On the store, a write whose
   * result is a StoreConflict is rolled back whole (so a refused write leaves no trace, not even
   * a revision).
   */
  write<T>(statements: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Runs an unversioned write: atomic, but not counted in the revision. For records that no
   * in-memory snapshot is built from (audit events, last-used times), which are written on
   * every request and must not make every snapshot stale.
   */
  append<T>(statements: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** Thrown inside Kysely's transaction callback, which is how it is told to roll back. */
const rollback = new Error('roll back the refused write');

/**
 * The store itself was used inside one of its own transactions (`store.x` where `tx.x` was
 * meant). That would wait for the transaction it runs in (SQLite's single connection,
 * PostgreSQL's revision lock) and hang forever; it fails at once instead.
 */
export class StoreReentryError extends Error {
  readonly code = 'StoreReentryError';
  constructor() {
    super('the store was used inside its own transaction; use the transaction handle (tx) instead');
  }
}

/**
 * The scope of the store itself: each write is one transaction. `guard` throws
 * StoreReentryError when called from inside one of the store's transactions.
 */
export function storeScope(kind: StoreKind, db: Kysely<Database>, guard: () => void): Scope {
  return {
    kind,
    get db() {
      guard();
      return db;
    },
    async write<T>(statements: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      guard();
      let refused: { readonly result: T } | undefined;
      try {
        return await db.transaction().execute(async (trx) => {
          await bumpRevision(trx);
          const result = await statements(trx);
          if (result instanceof StoreConflict) {
            refused = { result };
            throw rollback;
          }
          return result;
        });
      } catch (err) {
        if (err === rollback && refused !== undefined) return refused.result;
        throw err;
      }
    },
    async append(statements) {
      guard();
      return db.transaction().execute(statements);
    },
  };
}

/** Thrown when a read-only transaction is asked to write: a programming error. */
export class StoreReadOnlyError extends Error {
  readonly code = 'StoreReadOnlyError';
  constructor() {
    super('write attempted in a read-only store transaction (use store.transaction)');
  }
}

/**
 * The scope of an open transaction. Its revision was raised when it began (store.ts); writes
 * simply run in it, and a conflict is left for the caller to handle (it may go on, or throw
 * to roll everything back).
 */
export function transactionScope(kind: StoreKind, trx: Kysely<Database>, readOnly: boolean): Scope {
  const run = <T>(statements: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
    if (readOnly) return Promise.reject(new StoreReadOnlyError());
    return statements(trx);
  };
  return { kind, db: trx, write: run, append: run };
}

import { Kysely } from 'kysely';
import { migrateToLatest } from './migrations/migrate.ts';
import { postgresDialect } from './postgres-dialect.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDialect, openNodeSqlite } from './sqlite-dialect.ts';
import { createStore, type Store } from './store.ts';

/** Where the state lives: a SQLite file (the default, one process) or PostgreSQL (replicas). */
export type StoreOptions =
  | {
      readonly kind: 'sqlite';
      /** The database file (created if absent), or ':memory:'. */
      readonly path: string;
      /** How long to wait for another process's write lock; default 5000 ms. */
      readonly busyTimeoutMs?: number;
      /**
       * 'full' (the default): every commit is on disk before it returns. 'normal': commits survive a
       * killed process but the last ones may be lost on power loss (see openNodeSqlite) — for a
       * connection that writes only records whose loss then is acceptable (audit events).
       */
      readonly synchronous?: 'full' | 'normal';
    }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** Pool size; default 10. */
      readonly maxConnections?: number;
      /** Errors of idle pooled connections; the pool replaces the connection. */
      readonly onIdleError?: (err: Error) => void;
    };

/** Opens the store and brings its schema up to date; throws if either fails. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const db = kyselyFor(options);
  try {
    await migrateToLatest(db, options.kind);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return createStore(options.kind, db);
}

function kyselyFor(options: StoreOptions): Kysely<Database> {
  switch (options.kind) {
    case 'sqlite': {
      const database = openNodeSqlite({ path: options.path, busyTimeoutMs: options.busyTimeoutMs ?? 5000, synchronous: options.synchronous ?? 'full' });
      return new Kysely<Database>({ dialect: new NodeSqliteDialect(database) });
    }
    case 'postgres': {
      const { dialect } = postgresDialect(options);
      return new Kysely<Database>({ dialect });
    }
    default: {
      const unknown: never = options;
      throw new Error(`unknown store kind ${JSON.stringify(unknown)}`);
    }
  }
}

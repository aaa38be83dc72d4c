import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openStore, type StoreOptions } from '../open-store.ts';
import type { Store } from '../store.ts';
import type { StoreKind } from '../store-kind.ts';
import { findPostgresBinaries, postgresMissingMessage, startTestPostgres, type TestPostgres } from './postgres.ts';

/**
 * Deletes every row of a migrated store and resets its revision, keeping the schema. Foreign
 * keys are not checked meanwhile (session_replication_role; the test cluster's user is a
 * superuser), as every row goes.
 */
async function emptyPostgresStore(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ tablename: string }>(
    `select tablename from pg_tables where schemaname = current_schema()
       and tablename not like 'schema_migrations%' and tablename <> 'meta'`,
  );
  await client.query(
    [
      'set session_replication_role = replica',
      ...rows.map((r) => `delete from "${r.tablename}"`),
      'set session_replication_role = default',
      `update meta set value = '0' where key = 'revision'`,
    ].join(';\n'),
  );
}

/** Stores for one test; every store opened is closed after the test. */
export interface TestStores {
  /** A fresh, empty, migrated store. */
  fresh(): Promise<Store>;
  /** Another handle on the last fresh store's database: a restart, or a second replica. */
  reopen(): Promise<Store>;
  /** Points `reopen` at a brand-new database that no store has migrated yet. */
  blank(): Promise<void>;
}

/** Runs a suite once per backend. */
export interface StoreVariants {
  describe(title: string, body: (stores: TestStores, kind: StoreKind) => void): void;
}

/**
 * Call once at the top of a test file: it registers the file's setup (one temporary directory
 * for SQLite files, one PostgreSQL cluster shared by the file's tests, each test getting a
 * fresh database) and returns `describe`, which runs a suite against SQLite and PostgreSQL.
 * The PostgreSQL variant is skipped, with a message, only when no PostgreSQL binaries exist.
 */
export function storeVariants(): StoreVariants {
  const postgresAvailable = findPostgresBinaries() !== undefined;
  let sqliteDir: string | undefined;
  let postgres: TestPostgres | undefined;
  // One migrated PostgreSQL database per file, emptied before each test that asks for a fresh
  // store: creating and migrating a database costs ~350 ms, emptying it ~5 ms.
  let reusable: { readonly connectionString: string; readonly client: pg.Client } | undefined;
  let counter = 0;
  const open: Store[] = [];

  beforeAll(async () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'podiam-store-test-'));
    if (postgresAvailable) postgres = await startTestPostgres();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await reusable?.client.end();
    await postgres?.stop();
    if (sqliteDir !== undefined) rmSync(sqliteDir, { recursive: true, force: true });
  });
  if (!postgresAvailable) console.warn(postgresMissingMessage);

  const stores = (kind: StoreKind): TestStores => {
    let last: StoreOptions | undefined;
    const openTracked = async (options: StoreOptions): Promise<Store> => {
      const store = await openStore(options);
      open.push(store);
      return store;
    };
    return {
      async fresh() {
        switch (kind) {
          case 'sqlite': {
            if (sqliteDir === undefined) throw new Error('store test setup did not run');
            counter += 1;
            last = { kind: 'sqlite', path: join(sqliteDir, `store-${counter}.db`) };
            break;
          }
          case 'postgres': {
            if (postgres === undefined) throw new Error('PostgreSQL test cluster did not start');
            if (reusable === undefined) {
              const connectionString = await postgres.createDatabase();
              const client = new pg.Client({ connectionString });
              await client.connect();
              reusable = { connectionString, client };
            } else {
              await emptyPostgresStore(reusable.client);
            }
            last = { kind: 'postgres', connectionString: reusable.connectionString, maxConnections: 4 };
            break;
          }
          default: {
            const unknown: never = kind;
            throw new Error(`unknown store kind ${String(unknown)}`);
          }
        }
        return openTracked(last);
      },
      reopen() {
        if (last === undefined) throw new Error('reopen() before fresh()');
        return openTracked(last);
      },
      async blank() {
        switch (kind) {
          case 'sqlite': {
            if (sqliteDir === undefined) throw new Error('store test setup did not run');
            counter += 1;
            last = { kind: 'sqlite', path: join(sqliteDir, `store-${counter}.db`) };
            return;
          }
          case 'postgres': {
            if (postgres === undefined) throw new Error('PostgreSQL test cluster did not start');
            last = { kind: 'postgres', connectionString: await postgres.createDatabase(), maxConnections: 4 };
            return;
          }
          default: {
            const unknown: never = kind;
            throw new Error(`unknown store kind ${String(unknown)}`);
          }
        }
      },
    };
  };

  return {
    describe(title, body) {
      describe(`${title} (sqlite)`, () => body(stores('sqlite'), 'sqlite'));
      // Without PostgreSQL binaries the variant is reported as skipped (CI installs them: .ci/run).
      describe.skipIf(!postgresAvailable)(`${title} (postgres${postgresAvailable ? '' : ': skipped, no PostgreSQL binaries'})`, () =>
        body(stores('postgres'), 'postgres'),
      );
    },
  };
}

import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../schema.ts';
import type { StoreKind } from '../store-kind.ts';
import * as initialSchema from './0001-initial-schema.ts';
import * as s3 from './0002-s3.ts';
import * as policyVersionCounter from './0003-policy-version-counter.ts';
import * as instanceProfilesAndAliases from './0004-instance-profiles-and-aliases.ts';
import * as principalIds from './0005-principal-ids.ts';
import * as storageClass from './0006-storage-class.ts';

/** The schema's migrations, in order. Names sort in the order they must run. */
function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '0001-initial-schema': { up: (db) => initialSchema.up(db, kind) },
    '0002-s3': { up: (db) => s3.up(db, kind) },
    '0003-policy-version-counter': { up: (db) => policyVersionCounter.up(db) },
    '0004-instance-profiles-and-aliases': { up: (db) => instanceProfilesAndAliases.up(db, kind) },
    '0005-principal-ids': { up: (db) => principalIds.up(db) },
    '0006-storage-class': { up: (db) => storageClass.up(db) },
  };
}

/** A failed migration: the store refuses to open rather than run on a schema it does not know. */
export class StoreMigrationError extends Error {
  readonly code = 'StoreMigrationError';
  readonly migration: string | undefined;
  constructor(migration: string | undefined, cause: unknown) {
    super(`store migration ${migration ?? '(lock)'} failed`, { cause });
    this.migration = migration;
  }
}

/**
 * Brings the schema up to date. Kysely's migrator runs each migration in a transaction and holds
 * a lock row (SELECT … FOR UPDATE on PostgreSQL), so replicas starting together migrate once.
 */
export async function migrateToLatest(db: Kysely<Database>, kind: StoreKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(kind) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new StoreMigrationError(failed?.migrationName, error);
  }
}

import { sql, type Kysely } from 'kysely';
import { StoreDataError } from './conflict.ts';
import type { Database } from './schema.ts';

// The revision counter: one row of `meta`, raised by one in every write transaction. Raising it
// is the first statement of the transaction, which takes the row's lock (PostgreSQL) or the
// database's write lock (SQLite BEGIN IMMEDIATE) for the rest of the transaction: writers are
// serialised on both backends, so a service's read-check-write inside one transaction cannot
// interleave with another writer's, and revisions are committed in order.

/** Raises the revision by one; returns the new value. */
export async function bumpRevision(db: Kysely<Database>): Promise<number> {
  const row = await db
    .updateTable('meta')
    .set({ value: sql<string>`cast(cast(value as bigint) + 1 as text)` })
    .where('key', '=', 'revision')
    .returning('value')
    .executeTakeFirst();
  return revisionOf(row?.value);
}

/** The current revision, as of the connection's view. */
export async function readRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'revision').executeTakeFirst();
  return revisionOf(row?.value);
}

function revisionOf(value: string | undefined): number {
  const revision = Number(value);
  if (value === undefined || !Number.isSafeInteger(revision) || revision < 0) {
    throw new StoreDataError('revision', `revision counter ${String(value)}`);
  }
  return revision;
}

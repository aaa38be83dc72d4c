import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** What the store holds, in AWS's words; names the entity a conflict or a corrupt row is about. */
export type StoreEntity =
  | 'account'
  | 'organization'
  | 'organizational-unit'
  | 'org-policy'
  | 'org-policy-attachment'
  | 'user'
  | 'group'
  | 'role'
  | 'inline-policy'
  | 'managed-policy'
  | 'policy-version'
  | 'access-key'
  | 'oidc-provider'
  | 'instance-profile'
  | 'account-alias'
  | 'sts-key'
  | 'cluster'
  | 'cluster-signing-key'
  | 'audit-event'
  | 's3-bucket'
  | 's3-object'
  | 's3-upload'
  | 's3-part'
  | 'revision';

/**
 * A write refused because a unique key is taken (a name, case-insensitively for IAM names, or an
 * identifier). Returned, not thrown: services turn it into EntityAlreadyExists or the like.
 */
export class StoreConflict {
  readonly code = 'StoreConflict';
  readonly entity: StoreEntity;
  /** The key that was taken, as the caller gave it (a name, an ARN, an id). */
  readonly key: string;

  constructor(entity: StoreEntity, key: string) {
    this.entity = entity;
    this.key = key;
  }
}

/**
 * A stored row that does not parse (an unknown status, broken JSON). The store never repairs
 * or guesses; this is thrown, as the data directory or database has been tampered with.
 */
export class StoreDataError extends Error {
  readonly code = 'StoreDataError';
  readonly entity: StoreEntity;

  constructor(entity: StoreEntity, detail: string) {
    super(`stored ${entity} is invalid: ${detail}`);
    this.entity = entity;
  }
}

/** A unique or primary-key violation from either backend. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  // PostgreSQL: SQLSTATE 23505 unique_violation.
  if ('code' in err && err.code === '23505') return true;
  // node:sqlite: extended result codes SQLITE_CONSTRAINT_UNIQUE (2067), SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  return 'errcode' in err && (err.errcode === 2067 || err.errcode === 1555);
}

/**
 * Runs one statement that may violate a unique key (an update that renames) and turns the
 * violation into a StoreConflict. The savepoint keeps the surrounding transaction usable on
 * PostgreSQL, which otherwise aborts the whole transaction at the first error. Must run inside
 * a transaction; every write of the store does.
 */
export async function guardUnique<T>(
  db: Kysely<Database>,
  entity: StoreEntity,
  key: string,
  statement: () => Promise<T>,
): Promise<T | StoreConflict> {
  await sql`savepoint podiam_unique`.execute(db);
  try {
    const result = await statement();
    await sql`release savepoint podiam_unique`.execute(db);
    return result;
  } catch (err) {
    await sql`rollback to savepoint podiam_unique`.execute(db);
    await sql`release savepoint podiam_unique`.execute(db);
    if (isUniqueViolation(err)) return new StoreConflict(entity, key);
    throw err;
  }
}

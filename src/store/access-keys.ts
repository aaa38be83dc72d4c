import type { Kysely } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, oneOf } from './column-codecs.ts';
import type { AccessKeysTable, Database } from './schema.ts';
import type { Scope } from './scope.ts';

/** AccessKey.Status. */
export type AccessKeyStatus = 'Active' | 'Inactive';
const accessKeyStatuses: readonly AccessKeyStatus[] = ['Active', 'Inactive'];

/** AccessKeyLastUsed: when, for which service, in which region. */
export interface AccessKeyLastUsed {
  readonly at: Date;
  readonly serviceName: string;
  readonly region: string;
}

/** A long-term access key (`AKIA…`) of an IAM user or of the account's root user. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** The owning IAM user's unique ID; undefined for the root user's keys. */
  readonly userId: string | undefined;
  /** The owning user's current name (read through the user); undefined for root keys. */
  readonly userName: string | undefined;
  /**
   * The secret, in clear: SigV4 verification recomputes the signature with it, so it cannot be
   * stored as a hash. Protect the data directory or database accordingly.
   */
  readonly secretAccessKey: string;
  readonly status: AccessKeyStatus;
  readonly createdAt: Date;
  readonly lastUsed: AccessKeyLastUsed | undefined;
}

/** What CreateAccessKey stores. */
export type NewAccessKey = Omit<AccessKey, 'userName' | 'lastUsed'>;

/** Access keys. */
export interface AccessKeysRepo {
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  /** The keys of one user (or, with `userId` undefined, of the account's root user), oldest first. */
  listForUser(accountId: string, userId: string | undefined): Promise<AccessKey[]>;
  /** Every key, for the in-memory credential snapshot. */
  all(): Promise<AccessKey[]>;
  insert(key: NewAccessKey): Promise<AccessKey | StoreConflict>;
  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<AccessKey | undefined>;
  delete(accessKeyId: string): Promise<boolean>;
  /** Records a use of the key (unversioned: it changes no one's permissions). */
  recordUse(accessKeyId: string, lastUsed: AccessKeyLastUsed): Promise<boolean>;
}

type AccessKeyRow = AccessKeysTable & { user_name: string | null };

function accessKeyOf(row: AccessKeyRow): AccessKey {
  const lastUsedAt = row.last_used_at;
  return {
    accessKeyId: row.access_key_id,
    accountId: row.account_id,
    userId: row.user_id ?? undefined,
    userName: row.user_name ?? undefined,
    secretAccessKey: row.secret_access_key,
    status: oneOf('access-key', accessKeyStatuses, row.status),
    createdAt: dateOf('access-key', row.created_at),
    lastUsed:
      lastUsedAt === null
        ? undefined
        : {
            at: dateOf('access-key', lastUsedAt),
            serviceName: row.last_used_service ?? '',
            region: row.last_used_region ?? '',
          },
  };
}

/** The access keys repository over a scope. */
export function accessKeysRepo(scope: Scope): AccessKeysRepo {
  const selectKeys = (db: Kysely<Database> = scope.db) =>
    db.selectFrom('access_keys as k').leftJoin('users as u', 'u.user_id', 'k.user_id').selectAll('k').select('u.name as user_name');
  const get = async (accessKeyId: string, db: Kysely<Database> = scope.db): Promise<AccessKey | undefined> => {
    const row = await selectKeys(db).where('k.access_key_id', '=', accessKeyId).executeTakeFirst();
    return row === undefined ? undefined : accessKeyOf(row);
  };
  return {
    get: (accessKeyId) => get(accessKeyId),

    async listForUser(accountId, userId) {
      let query = selectKeys().where('k.account_id', '=', accountId);
      query = userId === undefined ? query.where('k.user_id', 'is', null) : query.where('k.user_id', '=', userId);
      const rows = await query.orderBy('k.created_at').orderBy('k.access_key_id').execute();
      return rows.map(accessKeyOf);
    },

    async all() {
      const rows = await selectKeys().orderBy('k.access_key_id').execute();
      return rows.map(accessKeyOf);
    },

    insert(key) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('access_keys')
          .values({
            access_key_id: key.accessKeyId,
            account_id: key.accountId,
            user_id: key.userId ?? null,
            secret_access_key: key.secretAccessKey,
            status: key.status,
            created_at: isoText(key.createdAt),
            last_used_at: null,
            last_used_service: null,
            last_used_region: null,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('access_key_id')
          .executeTakeFirst();
        if (row === undefined) return new StoreConflict('access-key', key.accessKeyId);
        const user =
          key.userId === undefined
            ? undefined
            : await db.selectFrom('users').select('name').where('user_id', '=', key.userId).executeTakeFirst();
        return { ...key, userName: user?.name, lastUsed: undefined };
      });
    },

    setStatus(accessKeyId, status) {
      return scope.write(async (db) => {
        const result = await db.updateTable('access_keys').set({ status }).where('access_key_id', '=', accessKeyId).executeTakeFirst();
        // Read back inside the write's own transaction (on SQLite, its only connection).
        return result.numUpdatedRows > 0n ? get(accessKeyId, db) : undefined;
      });
    },

    delete(accessKeyId) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('access_keys').where('access_key_id', '=', accessKeyId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    recordUse(accessKeyId, lastUsed) {
      return scope.append(async (db) => {
        const result = await db
          .updateTable('access_keys')
          .set({
            last_used_at: isoText(lastUsed.at),
            last_used_service: lastUsed.serviceName,
            last_used_region: lastUsed.region,
          })
          .where('access_key_id', '=', accessKeyId)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      });
    },
  };
}
